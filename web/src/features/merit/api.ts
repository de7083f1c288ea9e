/** The shapes the Bank of Merit's API answers with, as the pages read them. */
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
