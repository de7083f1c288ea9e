import type { Role } from '../../platform/access.js';

/** What the API answers with: shared by the service that builds it and the web app that shows it. */

export interface GrantView {
  id: string;
  role: Role;
  placeId: string | null;
  placeNameZh: string | null;
  placeNameEn: string | null;
  departmentId: string | null;
  departmentCode: string | null;
}

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  placeId: string | null;
  placeNameZh: string | null;
  placeNameEn: string | null;
  residentId: string | null;
  residentName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  grants: GrantView[];
}
