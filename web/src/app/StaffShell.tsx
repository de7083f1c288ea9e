import { Button, Layout } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import type { Me } from '../api/types';
import { useLogout } from '../features/auth/session';
import { PreferenceControls } from './PreferenceControls';
import { Providers } from './Providers';
import StaffNavigation from './StaffNavigation';
import { Loading } from './StatusPage';

/** The frame of staff pages: Ant Design layout, the menu of what the account may open, preferences, log out. */
export default function StaffShell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Providers>
      <Layout style={{ minHeight: '100vh' }}>
        <a className="skip-link" href="#main">
          {t('app.skip')}
        </a>
        <header className="topbar">
          <StaffNavigation me={me} placement="toggle" />
          <Link to="/" className="grow">
            <span className="brand">{t('app.name')}</span>
            <span className="tagline">{t('app.tagline')}</span>
          </Link>
          <PreferenceControls />
          <span data-testid="who">{me.displayName}</span>
          <Button onClick={() => void logout()}>{t('auth.logout')}</Button>
        </header>
        <Layout>
          <StaffNavigation me={me} placement="side" />
          <Layout.Content>
            <main id="main" className="page" tabIndex={-1}>
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </Providers>
  );
}
