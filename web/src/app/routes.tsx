import type { RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { HomePage } from '../features/home/HomePage';
import { Shell } from './Shell';
import { Loading, StatusPage } from './StatusPage';

/** Pages load on demand: a resident's phone downloads only those it opens, never the administration pages. */
const lazyPage = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  { path: '/login', Component: LoginPage },
  // Reporting a problem needs no account: it has a frame of its own, outside the logged-in one.
  { path: '/report', lazy: lazyPage(() => import('../features/cases/ReportPage')), HydrateFallback: Loading },
  {
    path: '/',
    Component: Shell,
    HydrateFallback: Loading,
    children: [
      { index: true, Component: HomePage },
      { path: 'places/:placeId?', lazy: lazyPage(() => import('../features/places/PlacesPage')) },
      { path: 'residents', lazy: lazyPage(() => import('../features/people/ResidentsPage')) },
      { path: 'households', lazy: lazyPage(() => import('../features/people/HouseholdsPage')) },
      { path: 'accounts', lazy: lazyPage(() => import('../features/accounts/AccountsPage')) },
      { path: 'audit', lazy: lazyPage(() => import('../features/audit/AuditPage')) },
      { path: 'my/requests', lazy: lazyPage(() => import('../features/cases/MyRequestsPage')) },
      { path: 'cases', lazy: lazyPage(() => import('../features/cases/QueuePage')) },
      { path: 'cases/new', lazy: lazyPage(() => import('../features/cases/IntakePage')) },
      { path: 'cases/dashboard', lazy: lazyPage(() => import('../features/cases/DashboardPage')) },
      { path: 'cases/:id', lazy: lazyPage(() => import('../features/cases/CasePage')) },
      { path: 'whistle', lazy: lazyPage(() => import('../features/cases/WhistlePage')) },
      { path: '*', element: <StatusPage kind="notFound" /> },
    ],
  },
];
