import type { RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { HomePage } from '../features/home/HomePage';
import { Shell } from './Shell';
import { Loading, StatusPage } from './StatusPage';

/** Administration pages load on demand: a resident's phone never downloads them. */
const lazyPage = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  { path: '/login', Component: LoginPage },
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
      { path: '*', element: <StatusPage kind="notFound" /> },
    ],
  },
];
