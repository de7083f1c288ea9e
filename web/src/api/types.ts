import type { Role } from '../../../src/platform/access';

/**
 * The shapes the API answers with. The views come from the server modules that build them,
 * so a change there is a type error here; /docs/json describes the same shapes for others.
 */
export type { PlaceView as Place } from '../../../src/modules/places/views';
export type { HouseholdView as Household, ResidentView as Resident } from '../../../src/modules/people/views';
export type { AccountView as Account } from '../../../src/modules/accounts/views';
export type { Overview } from '../../../src/modules/stats/views';

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

export interface Page<T> {
  items: T[];
  total: number;
}
