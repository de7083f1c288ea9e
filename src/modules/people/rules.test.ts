import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageGroup, idCheckDigit, isViolation, maskIdNumber, maskName, maskPhone, normalizePhone, parseIdNumber, prepareResidentFacts } from './rules.js';

const id = (first17: string) => first17 + idCheckDigit(first17);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example with an X check digit', () => {
    expect(parseIdNumber('11010519491231002x')).toEqual({ normalized: '11010519491231002X', birthDate: '1949-12-31', birthYear: 1949, gender: 'female' });
  });

  it('reads the gender from the 17th digit: odd for men, even for women', () => {
    expect(parseIdNumber(id('44030519800101001'))?.gender).toBe('male');
    expect(parseIdNumber(id('44030519800101002'))?.gender).toBe('female');
  });

  it('refuses any single changed digit (the check digit catches it)', () => {
    fc.assert(
      fc.property(digits(3), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (serial, position, delta) => {
        const good = id(`44030519800101${serial}`);
        const changed = good.slice(0, position) + String((Number(good[position]) + delta) % 10) + good.slice(position + 1);
        expect(parseIdNumber(changed)).toBeNull();
      }),
    );
  });

  it('refuses impossible birth dates and wrong lengths', () => {
    expect(parseIdNumber(id('44030519800230001'))).toBeNull(); // 30 February
    expect(parseIdNumber(id('44030518700101001'))).toBeNull(); // before 1880
    expect(parseIdNumber('4403051980010100')).toBeNull();
    expect(parseIdNumber('')).toBeNull();
  });
});

describe('phone numbers', () => {
  it('accepts mainland mobiles written the ways people write them', () => {
    for (const raw of ['13812345678', '138 1234 5678', '+86 138 1234 5678', '(86)13812345678']) expect(normalizePhone(raw), raw).toBe('13812345678');
  });

  it('accepts a landline with its area code', () => {
    expect(normalizePhone('0755-86001234')).toBe('075586001234');
  });

  it('refuses what cannot be called', () => {
    for (const raw of ['12345', '12812345678', '1381234567', 'phone', '']) expect(normalizePhone(raw), raw).toBeNull();
  });
});

describe('masking', () => {
  it('never shows the middle of a phone number', () => {
    fc.assert(
      fc.property(digits(11), (phone) => {
        const masked = maskPhone(phone);
        expect(masked).toHaveLength(phone.length);
        expect(masked.slice(3, -4)).toMatch(/^\*+$/);
      }),
    );
  });

  it('never shows the birth date of an ID number', () => {
    fc.assert(
      fc.property(digits(17), (first17) => {
        const full = id(first17);
        const masked = maskIdNumber(full);
        expect(masked.slice(0, 3)).toBe(full.slice(0, 3));
        expect(masked.slice(-4)).toBe(full.slice(-4));
        expect(masked.slice(3, -4)).toBe('*'.repeat(11));
      }),
    );
  });

  it('keeps the family name for a polite address', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳明月')).toBe('欧**月');
    expect(maskName('李')).toBe('李');
  });
});

describe('age groups', () => {
  it('places every age in exactly the group its bounds say', () => {
    expect(ageGroup(2009, 2026)).toBe('0-17');
    expect(ageGroup(2008, 2026)).toBe('18-34');
    expect(ageGroup(1992, 2026)).toBe('18-34'); // 34
    expect(ageGroup(1991, 2026)).toBe('35-59'); // 35
    expect(ageGroup(1967, 2026)).toBe('35-59'); // 59
    expect(ageGroup(1966, 2026)).toBe('60-79'); // 60
    expect(ageGroup(1946, 2026)).toBe('80+');
  });
});

describe('preparing what a person typed about a resident', () => {
  it('fills birth year and gender from the ID number', () => {
    expect(prepareResidentFacts({ name: '  林  阿婆 ', idNumber: id('44030519520314002') }, 2026)).toEqual({
      name: '林 阿婆',
      gender: 'female',
      birthYear: 1952,
      phone: null,
      idNumber: id('44030519520314002'),
    });
  });

  it('refuses a birth year or gender that contradicts the ID number', () => {
    expect(prepareResidentFacts({ name: '甲', idNumber: id('44030519520314002'), birthYear: 1953 }, 2026)).toMatchObject({ code: 'id_number_mismatch', details: { field: 'birthYear' } });
    expect(prepareResidentFacts({ name: '甲', idNumber: id('44030519520314002'), gender: 'male' }, 2026)).toMatchObject({ code: 'id_number_mismatch', details: { field: 'gender' } });
  });

  it('refuses an empty name, a bad phone, a birth in the future', () => {
    expect(prepareResidentFacts({ name: '   ' }, 2026)).toMatchObject({ code: 'validation_failed' });
    expect(prepareResidentFacts({ name: '甲', phone: '123' }, 2026)).toEqual({ code: 'phone_invalid' });
    expect(prepareResidentFacts({ name: '甲', birthYear: 2030 }, 2026)).toMatchObject({ code: 'validation_failed', details: { field: 'birthYear' } });
    expect(prepareResidentFacts({ name: '甲', idNumber: id('44030520300101001') }, 2026)).toEqual({ code: 'id_number_invalid' });
  });

  it('either prepares facts or names one violation, never both', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string()), fc.option(fc.integer({ min: 1800, max: 2100 })), (name, phone, birthYear) => {
        const result = prepareResidentFacts({ name, phone, birthYear }, 2026);
        if (isViolation(result)) expect(typeof result.code).toBe('string');
        else expect(result.name.length).toBeGreaterThan(0);
      }),
    );
  });
});
