import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCode, checkLevel, checkMove, childPath, isWithin, PLACE_LEVELS, type PlaceNode, rebasePath } from './rules.js';

const node = (id: string, level: PlaceNode['level'], path: string): PlaceNode => ({ id, parentId: null, level, code: id, path });

describe('place codes', () => {
  it('accepts the national codes of the case records', () => {
    expect(checkCode('city', '440300', null)).toBeNull(); // Shenzhen
    expect(checkCode('district', '440305', { level: 'city', code: '440300' })).toBeNull(); // Nanshan
    expect(checkCode('district', '331082', { level: 'city', code: '331000' })).toBeNull(); // Linhai
    expect(checkCode('subdistrict', 'ZS', { level: 'district', code: '440305' })).toBeNull();
    expect(checkCode('community', '440305001001', null)).toBeNull(); // a 12-digit statistical code
  });

  it('refuses a city code that is a province or not six digits', () => {
    for (const code of ['440000', '4403', '44030A', '440301']) expect(checkCode('city', code, null)?.code, code).toBe('place_code_format');
  });

  it('refuses a district outside its city or ending in 00', () => {
    expect(checkCode('district', '331082', { level: 'city', code: '440300' })).toMatchObject({ code: 'place_code_format', details: { expected: '4403dd' } });
    expect(checkCode('district', '440300', { level: 'city', code: '440300' })?.code).toBe('place_code_format');
  });

  it('refuses codes below county level with spaces, punctuation or over 32 characters', () => {
    for (const code of ['Z S', 'ZS;', '-ZS', 'x'.repeat(33), '']) expect(checkCode('community', code, null)?.code, code).toBe('place_code_format');
  });
});

describe('levels', () => {
  it('lets a child sit at any deeper level, skipping some', () => {
    expect(checkLevel('building', 'community')).toBeNull();
    expect(checkLevel('city', null)).toBeNull();
  });

  it('refuses a child at the level of its parent or above, for every pair', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACE_LEVELS), fc.constantFrom(...PLACE_LEVELS), (child, parent) => {
        const ok = PLACE_LEVELS.indexOf(child) > PLACE_LEVELS.indexOf(parent);
        expect(checkLevel(child, parent) === null).toBe(ok);
      }),
    );
  });
});

describe('moving a place', () => {
  const district = node('d', 'district', '/c/d/');
  const community = node('m', 'community', '/c/d/s/m/');
  const otherSubdistrict = node('t', 'subdistrict', '/c/d/t/');

  it('refuses a move under itself or its own descendant', () => {
    expect(checkMove(district, district)?.code).toBe('place_cycle');
    expect(checkMove(district, community)?.code).toBe('place_cycle');
  });

  it('allows a move under a sibling subtree at a shallower level, and to the root', () => {
    expect(checkMove(community, otherSubdistrict)).toBeNull();
    expect(checkMove(community, null)).toBeNull();
  });

  it('is never a cycle when the new parent lies outside the moved subtree', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 5 }), fc.array(fc.uuid(), { minLength: 1, maxLength: 5 }), (a, b) => {
        fc.pre(a[0] !== b[0]);
        const moved = node('x', 'grid', `/${a.join('/')}/`);
        const target = node('y', 'community', `/${b.join('/')}/`);
        expect(checkMove(moved, target)).toBeNull();
      }),
    );
  });
});

describe('paths', () => {
  it('builds a child path from its parent and finds it within every ancestor', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 6 }), (ids) => {
        let path: string | null = null;
        const paths: string[] = [];
        for (const id of ids) paths.push((path = childPath(path, id)));
        for (const ancestor of paths) expect(isWithin(path!, ancestor)).toBe(true);
        expect(isWithin(paths[0]!, path!)).toBe(ids.length === 1);
      }),
    );
  });

  it('does not take a sibling whose id starts the same for a descendant', () => {
    expect(isWithin('/a/bc/', '/a/b/')).toBe(false);
  });

  it('rebases a moved subtree onto its new parent', () => {
    expect(rebasePath('/c/d/s/m/g/', '/c/d/s/m/', '/c/d/t/m/')).toBe('/c/d/t/m/g/');
  });
});
