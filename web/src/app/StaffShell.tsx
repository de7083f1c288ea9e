import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import type { Me } from '../api/types';
import { Providers } from './Providers';
import StaffNavigation from './StaffNavigation';
import { Loading } from './StatusPage';
import { TopBar } from './TopBar';

/** The frame of staff pages: Ant Design's layout with the menu of what the account may open. */
export default function StaffShell({ me }: { me: Me }) {
  return (
    <Providers>
      <Layout style={{ minHeight: '100vh' }}>
        <TopBar me={me} start={<StaffNavigation me={me} placement="toggle" />} />
        <Layout>
          <StaffNavigation me={me} placement="side" />
          {/* Ant Design's content is the page's <main>: the target of the skip link. */}
          <Layout.Content id="main" className="page" tabIndex={-1} style={{ minWidth: 0 }}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </Providers>
  );
}
