import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { useMe } from '../features/auth/session';
import { isResidentOnly } from './permissions';
import { failure, Loading } from './StatusPage';
import { TopBar } from './TopBar';

// Staff get the Ant Design frame with its menu, in a chunk of its own; residents never load it.
const StaffShell = lazy(() => import('./StaffShell'));

/** The frame of every page after login; sends whoever is not logged in to the login page. */
export function Shell() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return failure(me.error, () => void me.refetch());
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (isResidentOnly(me.data)) return <ResidentFrame me={me.data} />;
  return (
    <Suspense fallback={<Loading />}>
      <StaffShell me={me.data} />
    </Suspense>
  );
}

/** A resident's frame: the top bar and the page; nothing to navigate yet. */
function ResidentFrame({ me }: { me: Me }) {
  return (
    <>
      <TopBar me={me} />
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
