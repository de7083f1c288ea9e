import type { AgeGroup, Gender, Residency } from './rules.js';

/** What the API answers with: shared by the service that builds it and the web app that shows it. */

export interface ResidentView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  householdId: string | null;
  householdNumber: string | null;
  householdRole: string | null;
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  ageGroup: AgeGroup | null;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  residency: Residency;
  partyMember: boolean;
  vulnerableGroups: string[];
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  number: string;
  address: string;
  memberCount: number;
}
