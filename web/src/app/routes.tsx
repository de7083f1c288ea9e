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
  { path: '/track', lazy: lazyPage(() => import('../features/cases/TrackPage')), HydrateFallback: Loading },
  { path: '/merit/reports/:id', lazy: lazyPage(() => import('../features/merit/ReportPage')), HydrateFallback: Loading },
  { path: '/merit/verify', lazy: lazyPage(() => import('../features/merit/VerifyExtractPage')), HydrateFallback: Loading },
  // A council's decisions are public: read without an account.
  { path: '/meeting-records/:id', lazy: lazyPage(() => import('../features/councils/MeetingRecordPage')), HydrateFallback: Loading },
  { path: '/decisions/:id', lazy: lazyPage(() => import('../features/councils/DecisionPage')), HydrateFallback: Loading },
  // So are a council's topics and online discussions: read by anyone, joined by the people of the place.
  { path: '/places/:id/deliberation-report', lazy: lazyPage(() => import('../features/councils/PlaceReportPage')), HydrateFallback: Loading },
  { path: '/forum/:id', lazy: lazyPage(() => import('../features/councils/ForumPage')), HydrateFallback: Loading },
  { path: '/discussions/:id', lazy: lazyPage(() => import('../features/councils/ConversationPage')), HydrateFallback: Loading },
  // Answering a poll with a one-time code needs no account either.
  { path: '/answer/:pollId', lazy: lazyPage(() => import('../features/polls/AnswerPage')), HydrateFallback: Loading },
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
      { path: 'my/merit', lazy: lazyPage(() => import('../features/merit/MyMeritPage')) },
      { path: 'merit/assess', lazy: lazyPage(() => import('../features/merit/AssessPage')) },
      { path: 'merit', lazy: lazyPage(() => import('../features/merit/MeritOffice')) },
      { path: 'merit/bank', lazy: lazyPage(() => import('../features/merit/BankPage')) },
      { path: 'my/polls', lazy: lazyPage(() => import('../features/polls/MyPollsPage')) },
      { path: 'my/deliberation', lazy: lazyPage(() => import('../features/councils/DeliberationPage')) },
      { path: 'polls', lazy: lazyPage(() => import('../features/polls/PollsPage')) },
      { path: 'polls/new', lazy: lazyPage(() => import('../features/polls/NewPollPage')) },
      { path: 'polls/questionnaires/new', lazy: lazyPage(() => import('../features/polls/BuilderPage')) },
      { path: 'polls/questionnaires/:id', lazy: lazyPage(() => import('../features/polls/BuilderPage')) },
      { path: 'polls/:id', lazy: lazyPage(() => import('../features/polls/PollPage')) },
      { path: 'deputies', lazy: lazyPage(() => import('../features/deputies/DeputiesPage')) },
      { path: 'whistle', lazy: lazyPage(() => import('../features/cases/WhistlePage')) },
      { path: 'councils', lazy: lazyPage(() => import('../features/councils/CouncilsPage')) },
      { path: 'councils/:id', lazy: lazyPage(() => import('../features/councils/CouncilPage')) },
      { path: 'meetings/:id', lazy: lazyPage(() => import('../features/councils/MeetingPage')) },
      { path: 'motions/:id', lazy: lazyPage(() => import('../features/councils/MotionPage')) },
      { path: '*', element: <StatusPage kind="notFound" /> },
    ],
  },
];
