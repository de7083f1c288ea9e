import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { useLogout, useMe } from '../features/auth/session';
import { isResidentOnly } from './permissions';
import { PreferenceControls } from './PreferenceControls';
import { failure, Loading } from './StatusPage';

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

/** A resident's frame: name, language, text size, log out; nothing to navigate yet. */
function ResidentFrame({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="grow">
          <span className="brand">{t('app.name')}</span>
          <span className="tagline">{t('app.tagline')}</span>
        </Link>
        <PreferenceControls />
        <span data-testid="who">{me.displayName}</span>
        <button type="button" className="btn" onClick={() => void logout()}>
          {t('auth.logout')}
        </button>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
