import type { Role } from '../../../src/platform/access';

/**
 * The shapes the API answers with. The views come from the server modules that build them,
 * so a change there is a type error here; /docs/json describes the same shapes for others.
 */
export type { PlaceView as Place } from '../../../src/modules/places/views';
export type { HouseholdView as Household, ResidentView as Resident } from '../../../src/modules/people/views';
export type { AccountView as Account } from '../../../src/modules/accounts/views';
export type { Overview } from '../../../src/modules/stats/views';
export type { CaseEventView, CaseRole, CaseSummary, CaseView, DepartmentRef, WhistleCallView } from '../../../src/modules/cases/views';
export type { Dashboard, DashboardRow } from '../../../src/modules/cases/evaluation';
export type { WhistleBoardRow, WhistleStanding } from '../../../src/modules/cases/whistling';
export type { SimilarCase } from '../../../src/modules/cases/spotting';
export type { CategoryView as Category, DepartmentView as Department } from '../../../src/modules/departments/views';

/** A role on a place, as /api/auth/me gives it. */
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

/** What POST /api/cases answers: the case made, or the one an earlier try with the same key made. */
export interface Submitted {
  id: string;
  number: string;
  replayed: boolean;
}

/** The router's guess of where a request's text belongs (codes of the default catalog). */
export interface Classification {
  department: string;
  category: string | null;
  confidence: number;
  alternatives: { department: string; confidence: number }[];
}

export interface Page<T> {
  items: T[];
  total: number;
}
