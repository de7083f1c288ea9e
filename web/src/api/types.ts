import type { Role } from '../../../src/platform/access';
import type { PlaceLevel } from '../../../src/modules/places/rules';

/** The shapes the API answers with (see /docs/json). */
export interface Grant {
  role: Role;
  placeId: string | null;
  placePath: string;
  placeNameZh: string | null;
  placeNameEn: string | null;
}

export interface Me {
  accountId: string | null;
  username: string;
  displayName: string;
  residentId: string | null;
  grants: Grant[];
}

export interface Place {
  id: string;
  parentId: string | null;
  level: PlaceLevel;
  code: string;
  nameZh: string;
  nameEn: string;
  path: string;
  childCount: number;
}

export interface Resident {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  householdId: string | null;
  householdNumber: string | null;
  householdRole: string | null;
  name: string;
  gender: 'female' | 'male' | null;
  birthYear: number | null;
  ageGroup: string | null;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  residency: 'established' | 'new';
  partyMember: boolean;
  vulnerableGroups: string[];
}

export interface Household {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  number: string;
  address: string;
  memberCount: number;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  placeId: string | null;
  placeNameZh: string | null;
  placeNameEn: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  grants: { id: string; role: Role; placeId: string | null; placeNameZh: string | null; placeNameEn: string | null }[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface Overview {
  place: { id: string; nameZh: string; nameEn: string } | null;
  places: number;
  households: number;
  residents: number;
  established: number;
  new: number;
  partyMembers: number;
  byAgeGroup: Record<string, number>;
  byVulnerableGroup: Record<string, number>;
  units: { placeId: string; nameZh: string; nameEn: string; residents: number; established: number; new: number }[];
}

export interface Page<T> {
  items: T[];
  total: number;
}
