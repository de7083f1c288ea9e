import {
  AuditOutlined,
  HomeOutlined,
  IdcardOutlined,
  MenuOutlined,
  TeamOutlined,
  ApartmentOutlined,
  HddOutlined,
  FormOutlined,
  SendOutlined,
  InboxOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  BarChartOutlined,
  BankOutlined,
  PieChartOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../../src/platform/access';
import type { Me } from '../api/types';
import { holds } from './permissions';

/** Menu entries, each shown to whoever holds one of its permissions somewhere. */
const ITEMS: { path: string; label: string; icon: React.ReactNode; permission?: Permission | Permission[] }[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/cases/new', label: 'nav.intake', icon: <FormOutlined />, permission: 'cases.intake' },
  { path: '/cases?view=dispatch', label: 'nav.dispatch', icon: <SendOutlined />, permission: 'cases.dispatch' },
  { path: '/cases?view=department', label: 'nav.departmentQueue', icon: <InboxOutlined />, permission: 'cases.handle' },
  { path: '/cases', label: 'nav.cases', icon: <FileSearchOutlined />, permission: 'cases.read' },
  { path: '/whistle', label: 'nav.whistle', icon: <NotificationOutlined />, permission: ['cases.whistle', 'cases.dispatch', 'cases.handle'] },
  { path: '/cases/dashboard', label: 'nav.evaluation', icon: <BarChartOutlined />, permission: 'cases.evaluate' },
  { path: '/councils', label: 'nav.councils', icon: <BankOutlined />, permission: 'councils.read' },
  { path: '/deputies', label: 'nav.deputies', icon: <IdcardOutlined />, permission: 'deputies.read' },
  { path: '/merit', label: 'nav.merit', icon: <TrophyOutlined />, permission: 'merit.read' },
  { path: '/polls', label: 'nav.polls', icon: <PieChartOutlined />, permission: ['polls.manage', 'polls.results'] },
  { path: '/places', label: 'nav.places', icon: <ApartmentOutlined /> },
  { path: '/residents', label: 'nav.residents', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/households', label: 'nav.households', icon: <HddOutlined />, permission: 'people.read' },
  { path: '/accounts', label: 'nav.accounts', icon: <IdcardOutlined />, permission: 'accounts.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

/**
 * The menu of the pages this account may open: a side bar on wide screens, a drawer behind a
 * button on phones. Rendered twice by the shell (toggle in the header, side bar in the body);
 * each placement shows only on the screens it is for.
 */
export default function StaffNavigation({ me, placement }: { me: Me; placement: 'toggle' | 'side' }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().lg ?? false;
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const allowed = ITEMS.filter((i) => !i.permission || [i.permission].flat().some((p) => holds(me, p)));
  const items = allowed.map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }));
  // The entry that fits the address best: a view named in the query, else the longest path the address is in.
  const here = location.pathname + location.search;
  const fits = (path: string) =>
    path === '/' ? location.pathname === '/' : path.includes('?') ? here.startsWith(path) : location.pathname === path || location.pathname.startsWith(`${path}/`);
  const selected = allowed
    .filter((i) => fits(i.path))
    .sort((a, b) => b.path.length - a.path.length)
    .slice(0, 1)
    .map((i) => i.path);
  const menu = (
    <nav aria-label={t('nav.menu')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected}
        onClick={({ key }) => {
          setOpen(false);
          void navigate(key);
        }}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );

  if (placement === 'side') {
    return wide ? (
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #e5e7eb' }}>
        {menu}
      </Layout.Sider>
    ) : null;
  }
  if (wide) return null;
  return (
    <>
      <Button icon={<MenuOutlined />} onClick={() => setOpen(true)} aria-label={t('nav.menu')} aria-expanded={open} data-testid="menu-button" />
      <Drawer open={open} onClose={() => setOpen(false)} placement="left" size={260} title={t('nav.menu')}>
        {menu}
      </Drawer>
    </>
  );
}
