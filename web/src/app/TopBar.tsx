import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../api/types';
import { useLogout } from '../features/auth/session';
import { PreferenceControls } from './PreferenceControls';

/** The bar at the top of every page after login: name of the app, preferences, who is in, log out. */
export function TopBar({ me, start }: { me: Me; start?: ReactNode }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        {start}
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
    </>
  );
}
