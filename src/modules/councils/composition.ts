/**
 * Who may sit on a council, as data. A council type carries a list of rules, each one of a few
 * kinds, so that a place can configure its own council without code; `checkComposition` says
 * which rules a set of members breaks and why, in both languages. Pure: no database, no HTTP.
 */

export type Bilingual = { 'zh-CN': string; en: string };

export const COUNCIL_ROLES = ['chair', 'vice_chair', 'office', 'supervision', 'member'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

/** What composition rules can see of a member. `kind` and `sectors` are codes a council type names. */
export interface MemberFacts {
  role: CouncilRole;
  partyMember: boolean;
  /** The group a fixed quota counts: e.g. established resident, new resident, subdistrict official. */
  kind: string;
  /** Social sectors the member represents: village organisation, chamber of commerce… */
  sectors: string[];
  /** Further facts a required seat can ask for: village party secretary, migrant worker… */
  tags: string[];
}

/** Which members a rule counts; every field given must hold. */
export interface Match {
  partyMember?: boolean;
  kind?: string;
  sector?: string;
  tag?: string;
  role?: CouncilRole;
}

export type Rule =
  /** Between min and max members, both included. */
  | { kind: 'size'; min?: number; max?: number }
  /** At least `atLeast` (a share 0–1) of the members match: e.g. not party members, at least half. */
  | { kind: 'share'; match: Match; atLeast: number }
  /** Exactly `count` members (or between min and max) of a kind. */
  | { kind: 'quota'; memberKind: string; min: number; max: number }
  /** At least `count` members hold the role and match: the chair is the village party secretary. */
  | { kind: 'seat'; role: CouncilRole; match: Match; count?: number }
  /** Every sector listed has at least one member representing it. */
  | { kind: 'sectors'; sectors: string[] };

export type RuleKind = Rule['kind'];

export interface Violation {
  /** Position of the rule in the council's list, so a page can point at it. */
  rule: number;
  kind: RuleKind;
  /** Figures behind the verdict: how many there are, how many are needed. */
  details: Record<string, number | string | string[]>;
  reason: Bilingual;
}

/** Names of the codes the preset council types use; an unknown code is shown as itself. */
export const LABELS: Record<string, Bilingual> = {
  chair: { 'zh-CN': '主任（会长）', en: 'chair' },
  vice_chair: { 'zh-CN': '副主任（副会长）', en: 'vice-chair' },
  office: { 'zh-CN': '办公室', en: 'office' },
  supervision: { 'zh-CN': '监督小组', en: 'supervision group' },
  member: { 'zh-CN': '成员', en: 'member' },
  established: { 'zh-CN': '户籍居民', en: 'established residents' },
  new_resident: { 'zh-CN': '新居民（外来人口）', en: 'new (migrant) residents' },
  subdistrict_official: { 'zh-CN': '街道办事处人员', en: 'subdistrict office staff' },
  village_party_secretary: { 'zh-CN': '村党组织书记', en: 'village party secretary' },
  migrant_worker: { 'zh-CN': '外来务工人员', en: 'migrant worker' },
  village_organisation: { 'zh-CN': '村级组织', en: 'village organisations' },
  chamber_of_commerce: { 'zh-CN': '商会', en: 'chambers of commerce' },
  enterprise: { 'zh-CN': '企业', en: 'enterprises' },
  veteran_cadre: { 'zh-CN': '老干部', en: 'veteran cadres' },
  peoples_congress_deputy: { 'zh-CN': '人大代表', en: "people's congress deputies" },
  cppcc_member: { 'zh-CN': '政协委员', en: 'CPPCC members' },
  resident: { 'zh-CN': '居民', en: 'residents' },
};

const label = (code: string): Bilingual => LABELS[code] ?? { 'zh-CN': code, en: code };

export const matches = (m: MemberFacts, match: Match): boolean =>
  (match.partyMember === undefined || m.partyMember === match.partyMember) &&
  (match.kind === undefined || m.kind === match.kind) &&
  (match.sector === undefined || m.sectors.includes(match.sector)) &&
  (match.tag === undefined || m.tags.includes(match.tag)) &&
  (match.role === undefined || m.role === match.role);

/** A match described in words: "not party members", "village party secretary". */
export function describeMatch(match: Match): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (match.partyMember === false) (zh.push('非中共党员'), en.push('not party members'));
  if (match.partyMember === true) (zh.push('中共党员'), en.push('party members'));
  for (const code of [match.kind, match.sector, match.tag, match.role]) {
    if (code !== undefined) (zh.push(label(code)['zh-CN']), en.push(label(code).en));
  }
  return zh.length ? { 'zh-CN': zh.join('、'), en: en.join(', ') } : { 'zh-CN': '全体成员', en: 'all members' };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The smallest count that reaches `share` of `total`, computed without floating-point drift. */
export function atLeastShare(share: number, total: number): number {
  const needed = Math.ceil(share * total - 1e-9);
  return Math.max(0, needed);
}

/** The rules a council with these members breaks, in the order of the rules. */
export function checkComposition(rules: readonly Rule[], members: readonly MemberFacts[]): Violation[] {
  const violations: Violation[] = [];
  const size = members.length;
  rules.forEach((rule, index) => {
    const broken = (details: Violation['details'], reason: Bilingual) => violations.push({ rule: index, kind: rule.kind, details, reason });
    switch (rule.kind) {
      case 'size': {
        const min = rule.min ?? 0;
        const max = rule.max ?? Number.POSITIVE_INFINITY;
        const range = rule.max === undefined ? { 'zh-CN': `至少 ${min} 人`, en: `at least ${min}` } : rule.min === rule.max ? { 'zh-CN': `${min} 人`, en: `exactly ${min}` } : { 'zh-CN': `${min} 至 ${max} 人`, en: `${min} to ${max}` };
        if (size < min || size > max) {
          broken(
            { members: size, min, ...(rule.max === undefined ? {} : { max }) },
            { 'zh-CN': `成员人数应为 ${range['zh-CN']}，现有 ${size} 人`, en: `The council needs ${range.en} members; it has ${size}` },
          );
        }
        break;
      }
      case 'share': {
        const matching = members.filter((m) => matches(m, rule.match)).length;
        const needed = atLeastShare(rule.atLeast, size);
        if (matching < needed) {
          const who = describeMatch(rule.match);
          broken(
            { matching, members: size, needed, atLeast: rule.atLeast },
            {
              'zh-CN': `${who['zh-CN']}应占成员的 ${percent(rule.atLeast)} 以上（${size} 人中至少 ${needed} 人），现有 ${matching} 人`,
              en: `At least ${percent(rule.atLeast)} of the members must be ${who.en} (${needed} of ${size}); there are ${matching}`,
            },
          );
        }
        break;
      }
      case 'quota': {
        const count = members.filter((m) => m.kind === rule.memberKind).length;
        if (count < rule.min || count > rule.max) {
          const who = label(rule.memberKind);
          const wanted = rule.min === rule.max ? { zh: `${rule.min} 名`, en: `exactly ${rule.min}` } : { zh: `${rule.min} 至 ${rule.max} 名`, en: `${rule.min} to ${rule.max}` };
          broken(
            { memberKind: rule.memberKind, count, min: rule.min, max: rule.max },
            { 'zh-CN': `${who['zh-CN']}应为 ${wanted.zh}，现有 ${count} 名`, en: `The council needs ${wanted.en} ${who.en}; it has ${count}` },
          );
        }
        break;
      }
      case 'seat': {
        const needed = rule.count ?? 1;
        const holders = members.filter((m) => m.role === rule.role);
        const fitting = holders.filter((m) => matches(m, rule.match)).length;
        if (fitting < needed) {
          const role = label(rule.role);
          const who = describeMatch(rule.match);
          broken(
            { role: rule.role, holders: holders.length, fitting, needed },
            {
              'zh-CN': `${role['zh-CN']}中应至少有 ${needed} 名${who['zh-CN']}，现有 ${fitting} 名`,
              en: `At least ${needed} ${role.en}${needed === 1 ? '' : 's'} must be ${who.en}; there ${fitting === 1 ? 'is' : 'are'} ${fitting}`,
            },
          );
        }
        break;
      }
      case 'sectors': {
        const missing = rule.sectors.filter((s) => !members.some((m) => m.sectors.includes(s)));
        if (missing.length > 0) {
          broken(
            { missing },
            {
              'zh-CN': `以下界别尚无成员代表：${missing.map((s) => label(s)['zh-CN']).join('、')}`,
              en: `No member represents: ${missing.map((s) => label(s).en).join(', ')}`,
            },
          );
        }
        break;
      }
    }
  });
  return violations;
}

/** Problems with a rule list itself (a quota above the maximum size…), as `index: problem`. */
export function ruleProblems(rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    const say = (p: string) => problems.push(`${i}: ${p}`);
    if (rule.kind === 'size' && rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) say('min_above_max');
    if (rule.kind === 'quota' && rule.min > rule.max) say('min_above_max');
    if (rule.kind === 'share' && !(rule.atLeast > 0 && rule.atLeast <= 1)) say('share_out_of_range');
    if (rule.kind === 'sectors' && new Set(rule.sectors).size !== rule.sectors.length) say('sector_repeated');
  });
  const sizes = rules.filter((r): r is Extract<Rule, { kind: 'size' }> => r.kind === 'size');
  const maxSize = Math.min(...sizes.map((r) => r.max ?? Number.POSITIVE_INFINITY));
  const quotaFloor = rules.reduce((n, r) => n + (r.kind === 'quota' ? r.min : 0), 0);
  if (quotaFloor > maxSize) problems.push(`quotas_exceed_size: ${quotaFloor} > ${maxSize}`);
  return problems;
}
