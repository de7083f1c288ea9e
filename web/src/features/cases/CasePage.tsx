import { lazy, Suspense } from 'react';
import { useParams } from 'react-router';
import { isResidentOnly } from '../../app/permissions';
import { Loading } from '../../app/StatusPage';
import { useMe } from '../auth/session';
import { ResidentCase } from './ResidentCase';

// Staff handle a case with Ant Design's components, in a chunk a resident never loads.
const StaffCase = lazy(() => import('./StaffCase'));

/** One case: the requester's plain page for residents, the handling page for staff. */
export default function CasePage() {
  const { id } = useParams();
  const me = useMe().data!;
  if (isResidentOnly(me)) return <ResidentCase id={id!} />;
  return (
    <Suspense fallback={<Loading />}>
      <StaffCase id={id!} />
    </Suspense>
  );
}
