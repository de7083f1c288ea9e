/** The shapes the Bank of Merit's API answers with, as the pages read them, and small helpers they share. */
import type { ActivityView } from '../../../../src/modules/merit/activities';
import { api, query } from '../../api/client';
import { currentLanguage } from '../../i18n';

export interface Entry {
  seq: number;
  kind: 'grant' | 'correction' | 'expiry';
  points: number;
  deedType: string;
  deedDate: string;
  reason: string | null;
}

export interface Account {
  residentId: string;
  name: string;
  balance: number;
  yearPoints: number;
  entries: Entry[];
}

export interface Claim {
  id: string;
  number: string;
  residentName: string;
  nameZh: string;
  nameEn: string;
  deedDate: string;
  quantity: number;
  unit: string;
  description: string;
  witnesses: string[];
  status: 'pending' | 'more_requested' | 'granted' | 'rejected';
  /** Null until the claimant appeals a rejection; then open until the supervisory body decides. */
  appeal: 'open' | 'upheld' | 'overturned' | null;
  points: number | null;
  events: { at: string; kind: string; bodyNameZh: string | null; bodyNameEn: string | null; decision: string | null; reason: string | null; actorName: string }[];
}

export interface Criterion {
  id: string;
  code: string;
  versions: { version: number; nameZh: string; nameEn: string; unit: string; pointsPerUnit: number; validFrom: string; validTo: string | null }[];
}

export interface Body {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface MyMerit {
  bank: { placeId: string; placeNameZh: string; placeNameEn: string; bodies: Body[] };
  criteria: Criterion[];
  accounts: Account[];
  claims: Claim[];
  household: { residentId: string; name: string }[];
}

export interface ExtractContents {
  name: string;
  idMasked: string | null;
  placeNameZh: string;
  placeNameEn: string;
  purpose: string;
  asOf: string;
  balance: number;
  years: { year: number; points: number }[];
  latestReport: { quarter: string; rank: number | null; yearPoints: number | null } | null;
  headSeq: number;
  headHash: string;
}

export interface Report {
  id: string;
  placeNameZh: string;
  placeNameEn: string;
  quarter: string;
  headSeq: number;
  headHash: string;
  publishedAt: string;
  tieRule: { 'zh-CN': string; en: string };
  figures: {
    accounts: { rank: number; yearRank: number; name: string; quarterPoints: number; yearPoints: number }[];
    deedTypes: { deedType: string; nameZh: string; nameEn: string; points: number; deeds: number; people: number }[];
    totals: { accounts: number; points: number; deeds: number };
  };
}

/** The latest version's name of a criterion, in the reader's language. */
export const criterionName = (c: Criterion, language: 'zh-CN' | 'en'): string => {
  const v = c.versions[c.versions.length - 1]!;
  return language === 'en' ? v.nameEn : v.nameZh;
};

export interface BodyView extends Body {
  supervisory: boolean;
  members: { accountId: string; displayName: string }[];
}

/** A bank as its office sees it: its rules, its bodies and its chain head. */
export interface BankView {
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  grantRule: 'all' | 'majority';
  retroWindowDays: number;
  expiryMonths: number | null;
  privacy: 'full' | 'masked' | 'initials';
  headSeq: number;
  headHash: string;
  bodies: BodyView[];
}

export interface CriterionVersion {
  version: number;
  nameZh: string;
  nameEn: string;
  deedType: string;
  unit: 'occurrence' | 'hour';
  pointsPerUnit: number;
  dailyLimit: number | null;
  quarterlyLimit: number | null;
  evidence: ('photo' | 'witness' | 'attendance')[];
  validFrom: string;
  validTo: string | null;
}

/** A criterion with every version, as the catalog lists it. */
export interface CriterionFull {
  id: string;
  code: string;
  versions: CriterionVersion[];
}

/** Today as the bank counts deed days: in China (UTC+8), whatever the browser's zone. */
export const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** An activity's times as the reader's language writes them, day and minute. */
export const activityTime = (iso: string): string => new Date(iso).toLocaleString(currentLanguage(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A volunteer activity with its sign-up sheet: hours between check-in and check-out become a claim. */
export type Activity = ActivityView;

/** Candidates for Outstanding Contributor of the Year, and which body has confirmed whom. */
export interface Exemplar {
  year: number;
  tieRule: { 'zh-CN': string; en: string };
  candidates: { residentId: string; name: string; points: number; deeds: number; reachedOn: string }[];
  confirmations: { bodyId: string; bodyNameZh: string; bodyNameEn: string; residentId: string }[];
  confirmed: { residentId: string; name: string } | null;
}

/** A list typed on one line, split at commas (Chinese or Latin) and enumeration commas. */
export const splitList = (text: string): string[] =>
  text
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A bank's criteria, shared by the catalog and the activity form (one cache entry, refreshed together). */
export const criteriaQuery = (placeId: string) => ({
  queryKey: ['merit', 'criteria', placeId],
  queryFn: () => api.get<{ items: CriterionFull[] }>(`/api/merit-criteria${query({ placeId })}`).then((r) => r.items),
});

/** A bank's volunteer activities, as the office and its residents read them. */
export const activitiesQuery = (placeId: string) => ({
  queryKey: ['merit', 'activities', placeId],
  queryFn: () => api.get<{ items: Activity[] }>(`/api/merit-activities${query({ placeId })}`).then((r) => r.items),
});
