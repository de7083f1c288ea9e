import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkComposition, COUNCIL_ROLES, type MemberFacts, ruleProblems, type Rule } from './composition.js';
import { councilType } from './council-types.js';

const person = (over: Partial<MemberFacts> = {}): MemberFacts => ({ role: 'member', partyMember: false, kind: 'resident', sectors: [], tags: [], ...over });
const many = (n: number, over: Partial<MemberFacts> = {}) => Array.from({ length: n }, () => person(over));
const rulesOf = (code: string) => councilType(code)!.rules;
const kinds = (rules: readonly Rule[], members: MemberFacts[]) => checkComposition(rules, members).map((v) => v.kind);

const TOWN_SECTORS = ['village_organisation', 'chamber_of_commerce', 'enterprise', 'veteran_cadre', 'peoples_congress_deputy', 'cppcc_member'];
/** A Linhai town council that keeps every rule: n members, `party` of them in the party, every sector covered. */
const townCouncil = (n: number, party: number) =>
  Array.from({ length: n }, (_, i) => person({ partyMember: i < party, sectors: i < TOWN_SECTORS.length ? [TOWN_SECTORS[i]!] : [] }));

describe('Linhai town council: 30–60 members, at least half not in the party, every sector', () => {
  it('accepts 30 and 60 members with exactly half not in the party', () => {
    expect(checkComposition(rulesOf('linhai-town'), townCouncil(30, 15))).toEqual([]);
    expect(checkComposition(rulesOf('linhai-town'), townCouncil(60, 30))).toEqual([]);
  });

  it('refuses 29 and 61 members, saying how many there are and may be', () => {
    const [small] = checkComposition(rulesOf('linhai-town'), townCouncil(29, 10));
    expect(small).toMatchObject({ rule: 0, kind: 'size', details: { members: 29, min: 30, max: 60 } });
    expect(small!.reason.en).toBe('The council needs 30 to 60 members; it has 29');
    expect(small!.reason['zh-CN']).toBe('成员人数应为 30 至 60 人，现有 29 人');
    expect(kinds(rulesOf('linhai-town'), townCouncil(61, 10))).toEqual(['size']);
  });

  it('refuses a council where party members are more than half, by one', () => {
    const [v] = checkComposition(rulesOf('linhai-town'), townCouncil(31, 16)); // 15 of 31 not in the party; 16 needed
    expect(v).toMatchObject({ kind: 'share', details: { matching: 15, members: 31, needed: 16 } });
    expect(v!.reason.en).toContain('not party members');
    expect(v!.reason['zh-CN']).toContain('非中共党员');
    expect(checkComposition(rulesOf('linhai-town'), townCouncil(31, 15))).toEqual([]);
  });

  it('names each sector nobody represents', () => {
    const members = townCouncil(40, 0).map((m) => ({ ...m, sectors: m.sectors.filter((s) => s !== 'cppcc_member' && s !== 'enterprise') }));
    const [v] = checkComposition(rulesOf('linhai-town'), members);
    expect(v).toMatchObject({ kind: 'sectors', details: { missing: ['enterprise', 'cppcc_member'] } });
    expect(v!.reason.en).toBe('No member represents: enterprises, CPPCC members');
    expect(v!.reason['zh-CN']).toBe('以下界别尚无成员代表：企业、政协委员');
  });
});

describe('Linhai village council: 20–50 members', () => {
  it('holds at the bounds and breaks one beyond them', () => {
    expect(kinds(rulesOf('linhai-village'), many(20))).toEqual([]);
    expect(kinds(rulesOf('linhai-village'), many(50))).toEqual([]);
    expect(kinds(rulesOf('linhai-village'), many(19))).toEqual(['size']);
    expect(kinds(rulesOf('linhai-village'), many(51))).toEqual(['size']);
  });
});

describe('Sanyuanli deliberation hall: exactly 13, 6 established, 6 new residents, 1 from the subdistrict office', () => {
  const hall = (established: number, incoming: number, officials: number) => [
    ...many(established, { kind: 'established' }),
    ...many(incoming, { kind: 'new_resident' }),
    ...many(officials, { kind: 'subdistrict_official', partyMember: true }),
  ];

  it('accepts the 6 + 6 + 1 hall', () => {
    expect(checkComposition(rulesOf('sanyuanli-hall'), hall(6, 6, 1))).toEqual([]);
  });

  it('refuses 7 established and 5 new residents though the size is right', () => {
    const violations = checkComposition(rulesOf('sanyuanli-hall'), hall(7, 5, 1));
    expect(violations.map((v) => [v.kind, v.details.memberKind, v.details.count])).toEqual([
      ['quota', 'established', 7],
      ['quota', 'new_resident', 5],
    ]);
    expect(violations[1]!.reason.en).toBe('The council needs exactly 6 new (migrant) residents; it has 5');
    expect(violations[1]!.reason['zh-CN']).toBe('新居民（外来人口）应为 6 名，现有 5 名');
  });

  it('refuses a hall that lost its official: both the size and the quota say so', () => {
    expect(kinds(rulesOf('sanyuanli-hall'), hall(6, 6, 0))).toEqual(['size', 'quota']);
  });
});

describe('Cixi harmony promotion association: the chair is the village party secretary, a vice-chair a migrant worker', () => {
  const base = [
    person({ role: 'chair', partyMember: true, tags: ['village_party_secretary'] }),
    person({ role: 'vice_chair', tags: ['migrant_worker'] }),
    person({ role: 'vice_chair' }),
    ...many(10),
  ];

  it('accepts it as formed', () => {
    expect(checkComposition(rulesOf('cixi-harmony'), base)).toEqual([]);
  });

  it('refuses a chair who is not the party secretary, even when the secretary sits as a member', () => {
    const members = [person({ role: 'chair' }), person({ role: 'member', tags: ['village_party_secretary'] }), ...base.slice(1)];
    const [v] = checkComposition(rulesOf('cixi-harmony'), members);
    expect(v).toMatchObject({ rule: 0, kind: 'seat', details: { role: 'chair', holders: 1, fitting: 0, needed: 1 } });
    expect(v!.reason.en).toBe('At least 1 chair must be village party secretary; there are 0');
    expect(v!.reason['zh-CN']).toBe('主任（会长）中应至少有 1 名村党组织书记，现有 0 名');
  });

  it('refuses when the migrant worker is a member but no vice-chair', () => {
    const members = base.map((m) => (m.tags.includes('migrant_worker') ? { ...m, role: 'member' as const } : m));
    expect(checkComposition(rulesOf('cixi-harmony'), members).map((v) => v.rule)).toEqual([1]);
  });
});

describe('rule lists themselves', () => {
  it('finds rules that contradict themselves or each other', () => {
    expect(ruleProblems([{ kind: 'size', min: 10, max: 5 }])).toEqual(['0: min_above_max']);
    expect(ruleProblems([{ kind: 'share', match: {}, atLeast: 1.5 }])).toEqual(['0: share_out_of_range']);
    expect(ruleProblems([{ kind: 'size', max: 5 }, { kind: 'quota', memberKind: 'a', min: 3, max: 3 }, { kind: 'quota', memberKind: 'b', min: 3, max: 3 }])).toEqual(['quotas_exceed_size: 6 > 5']);
    for (const type of ['linhai-town', 'linhai-village', 'sanyuanli-hall', 'cixi-harmony']) expect(ruleProblems(rulesOf(type)), type).toEqual([]);
  });
});

describe('properties', () => {
  const member = fc.record({
    role: fc.constantFrom(...COUNCIL_ROLES),
    partyMember: fc.boolean(),
    kind: fc.constantFrom('established', 'new_resident', 'subdistrict_official'),
    sectors: fc.subarray(['enterprise', 'veteran_cadre', 'cppcc_member']),
    tags: fc.subarray(['village_party_secretary', 'migrant_worker']),
  });
  const members = fc.array(member, { maxLength: 70 });

  it('breaks the size rule exactly when the count is outside the range', () => {
    fc.assert(
      fc.property(members, fc.nat(40), fc.nat(40), (ms, a, b) => {
        const [min, max] = [Math.min(a, b), Math.max(a, b)];
        const broken = checkComposition([{ kind: 'size', min, max }], ms).length > 0;
        expect(broken).toBe(ms.length < min || ms.length > max);
      }),
    );
  });

  it('breaks a share rule exactly when matching / size falls below the share (checked in integers)', () => {
    fc.assert(
      fc.property(members, fc.integer({ min: 1, max: 10 }), (ms, tenths) => {
        const broken = checkComposition([{ kind: 'share', match: { partyMember: false }, atLeast: tenths / 10 }], ms).length > 0;
        const nonParty = ms.filter((m) => !m.partyMember).length;
        expect(broken).toBe(nonParty * 10 < tenths * ms.length);
      }),
    );
  });

  it('never depends on the order of members, and reports each broken rule once with a reason in both languages', () => {
    const rules = [...rulesOf('sanyuanli-hall'), ...rulesOf('cixi-harmony'), { kind: 'sectors', sectors: ['enterprise', 'cppcc_member'] } as Rule];
    fc.assert(
      fc.property(members, (ms) => {
        const forward = checkComposition(rules, ms);
        expect(checkComposition(rules, [...ms].reverse())).toEqual(forward);
        expect(new Set(forward.map((v) => v.rule)).size).toBe(forward.length);
        for (const v of forward) {
          expect(v.reason['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
          expect(v.reason.en).toMatch(/^[^\u4e00-\u9fff]+$/);
        }
      }),
    );
  });

  it('adding a member of a quota kind never repairs an over-full quota', () => {
    fc.assert(
      fc.property(members, member, (ms, extra) => {
        const rule: Rule = { kind: 'quota', memberKind: extra.kind, min: 0, max: 6 };
        if (checkComposition([rule], ms).length > 0) expect(checkComposition([rule], [...ms, extra]).length).toBe(1);
      }),
    );
  });
});
