import { describe, expect, it } from 'vitest';
import { headersFor, mapHeaders, parseRow } from './rows.js';

describe('spreadsheet headers', () => {
  it('are read in English or Chinese, and an export’s headers read back', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { keys, missing, unknown } = mapHeaders(headersFor(locale));
      expect(keys).not.toContain(null);
      expect(missing).toEqual([]);
      expect(unknown).toEqual([]);
    }
  });

  it('report missing required columns and unknown ones instead of guessing', () => {
    expect(mapHeaders(['姓名', '爱好'])).toMatchObject({ missing: ['place', 'residency'], unknown: ['爱好'] });
  });
});

describe('a spreadsheet row', () => {
  it('reads the words people write, in either language', () => {
    const { row, problems } = parseRow({
      place: '440300 / 440305 / ZS / SW',
      name: ' 林阿婆 ',
      gender: '女',
      birth_year: '1952',
      residency: '户籍',
      party_member: '是',
      vulnerable: '独居老人、低保户；elderly-alone',
    });
    expect(problems).toEqual([]);
    expect(row).toMatchObject({
      placeCodes: ['440300', '440305', 'ZS', 'SW'],
      name: '林阿婆',
      gender: 'female',
      birthYear: 1952,
      residency: 'established',
      partyMember: true,
      vulnerableGroups: ['elderly-alone', 'minimum-subsistence'],
      household: null,
    });
  });

  it('lists every problem of a row, not only the first', () => {
    const { row, problems } = parseRow({ place: '', name: '', gender: '未知', birth_year: '一九五二', residency: '外星人', party_member: '也许', vulnerable: '富豪' });
    expect(row).toBeNull();
    expect(problems.map((p) => `${p.column}:${p.code}`)).toEqual([
      'place:required',
      'name:required',
      'residency:unknown_value',
      'gender:unknown_value',
      'birth_year:not_a_number',
      'party_member:unknown_value',
      'vulnerable:unknown_value',
    ]);
  });
});
