import { lazy } from 'react';
import { isResidentOnly } from '../../app/permissions';
import { useMe } from '../auth/session';
import { ResidentHome } from './ResidentHome';

// Staff figures and their chart are a chunk of their own, loaded only by staff.
const StaffHome = lazy(() => import('./StaffHome'));

/** Each role's first page: residents see their own household, staff the figures of their places. */
export function HomePage() {
  const me = useMe().data!;
  return isResidentOnly(me) ? <ResidentHome /> : <StaffHome me={me} />;
}
