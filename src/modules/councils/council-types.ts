import type { Bilingual, Rule } from './composition.js';
import type { Threshold } from './threshold.js';

/**
 * The council types the case records describe, as ready-made data. A place may start from one
 * and change its rules, or write its own: the rules are stored with each council.
 */
export interface CouncilType {
  code: string;
  name: Bilingual;
  rules: Rule[];
  threshold: Threshold;
}

const NON_PARTY_HALF: Rule = { kind: 'share', match: { partyMember: false }, atLeast: 0.5 };

export const COUNCIL_TYPES: readonly CouncilType[] = [
  {
    code: 'linhai-town',
    name: { 'zh-CN': '临海镇级民主协商议事会', en: 'Linhai town democratic consultation council' },
    rules: [
      { kind: 'size', min: 30, max: 60 },
      NON_PARTY_HALF,
      { kind: 'sectors', sectors: ['village_organisation', 'chamber_of_commerce', 'enterprise', 'veteran_cadre', 'peoples_congress_deputy', 'cppcc_member'] },
    ],
    threshold: { rule: 'majority_of_members', abstentionsCount: true, quorum: 2 / 3 },
  },
  {
    code: 'linhai-village',
    name: { 'zh-CN': '临海村级民主协商议事会', en: 'Linhai village democratic consultation council' },
    rules: [{ kind: 'size', min: 20, max: 50 }, NON_PARTY_HALF],
    threshold: { rule: 'majority_of_members', abstentionsCount: true, quorum: 2 / 3 },
  },
  {
    code: 'sanyuanli-hall',
    name: { 'zh-CN': '三元里街道议事厅', en: 'Sanyuanli deliberation hall' },
    rules: [
      { kind: 'size', min: 13, max: 13 },
      { kind: 'quota', memberKind: 'established', min: 6, max: 6 },
      { kind: 'quota', memberKind: 'new_resident', min: 6, max: 6 },
      { kind: 'quota', memberKind: 'subdistrict_official', min: 1, max: 1 },
    ],
    threshold: { rule: 'two_thirds_of_members', abstentionsCount: true, quorum: 2 / 3 },
  },
  {
    code: 'cixi-harmony',
    name: { 'zh-CN': '慈溪村级和谐促进会', en: 'Cixi village harmony promotion association' },
    rules: [
      { kind: 'seat', role: 'chair', match: { tag: 'village_party_secretary' } },
      { kind: 'seat', role: 'vice_chair', match: { tag: 'migrant_worker' } },
    ],
    threshold: { rule: 'simple_majority', abstentionsCount: false, quorum: 1 / 2 },
  },
];

export const councilType = (code: string): CouncilType | undefined => COUNCIL_TYPES.find((t) => t.code === code);
