import { api } from '../../api/client';
import type { PublicCouncil as PlaceCouncil } from '../../../../src/modules/councils/councils';
import type { CalendarEntry, MeetingSummary, MeetingView } from '../../../../src/modules/councils/meetings';
import type { PublicMeeting } from '../../../../src/modules/councils/public-meeting';
import type { PublicDecision } from '../../../../src/modules/councils/decisions';
import type { Division, WardView } from '../../../../src/modules/councils/wards';
import type { Rule } from '../../../../src/modules/councils/composition';
import type { TrailEntry } from '../../../../src/modules/councils/trail';
import type { ConversationView, OpinionGroupsView } from '../../../../src/modules/councils/conversations';
import type { TopicView } from '../../../../src/modules/councils/topics';
import type { PollTopicView } from '../../../../src/modules/polls/topics';

export type { CalendarEntry, TrailEntry, Division, WardView, MeetingSummary, MeetingView, PublicDecision, PublicMeeting, ConversationView, OpinionGroupsView, PlaceCouncil, PollTopicView, TopicView };

/** The councils API as the pages use it: shapes and query keys in one place. */

export interface Bilingual {
  'zh-CN': string;
  en: string;
}
export interface CouncilSummary {
  id: string;
  name: string;
  placeNameZh: string;
  placeNameEn: string;
  status: 'forming' | 'active';
}
export interface Violation {
  rule: number;
  kind: string;
  reason: Bilingual;
}
export interface Council extends CouncilSummary {
  placeId: string;
  rules: Rule[];
  threshold: { rule: string; abstentionsCount: boolean; quorum: number };
  members: { id: string; name: string; role: string; partyMember: boolean; kind: string; sectors: string[]; termStart: string; termEnd: string | null }[];
  violations: Violation[];
  motions: { id: string; title: string; status: 'draft' | 'open' | 'closed'; ballot: string; passed: boolean | null }[];
}
export interface Result {
  passed: boolean;
  counts: { yes: number; no: number; abstain: number };
  explanation: Bilingual;
}
export interface Motion {
  id: string;
  councilId: string;
  councilName: string;
  title: string;
  body: string;
  ballot: 'open' | 'secret';
  status: 'draft' | 'open' | 'closed';
  electorate: number | null;
  voted: number;
  result: Result | null;
  votes: { memberId: string; name: string; choice: string }[];
  mine: { member: boolean; voted: boolean };
}

export const councilsQuery = () => ({ queryKey: ['councils', 'list'], queryFn: () => api.get<{ items: CouncilSummary[] }>('/api/councils').then((r) => r.items) });
export const councilQuery = (id: string) => ({ queryKey: ['councils', 'one', id], queryFn: () => api.get<Council>(`/api/councils/${id}`) });
export const motionQuery = (id: string) => ({ queryKey: ['motions', id], queryFn: () => api.get<Motion>(`/api/motions/${id}`) });
export const decisionQuery = (id: string) => ({ queryKey: ['decisions', id], queryFn: () => api.get<PublicDecision>(`/api/public/motions/${id}`) });
export const topicsQuery = (councilId: string) => ({ queryKey: ['councils', 'topics', councilId], queryFn: () => api.get<{ items: TopicView[] }>(`/api/councils/${councilId}/topics`).then((r) => r.items) });
export const topicGroundsQuery = (councilId: string) => ({
  queryKey: ['councils', 'poll-results', councilId],
  queryFn: () => api.get<{ items: PollTopicView[] }>(`/api/councils/${councilId}/poll-results`).then((r) => r.items),
});
export const placeCouncilsQuery = (placeId: string) => ({
  queryKey: ['councils', 'of-place', placeId],
  queryFn: () => api.get<{ items: PlaceCouncil[] }>(`/api/public/councils?placeId=${placeId}`).then((r) => r.items),
});
export const calendarQuery = (placeId: string, from: string, to: string) => ({
  queryKey: ['councils', 'calendar', placeId, from, to],
  queryFn: () => api.get<{ items: CalendarEntry[] }>(`/api/calendar?placeId=${placeId}&from=${from}&to=${to}`).then((r) => r.items),
});
export const conversationsQuery = (councilId: string) => ({
  queryKey: ['councils', 'conversations', councilId],
  queryFn: () => api.get<{ items: ConversationView[] }>(`/api/councils/${councilId}/conversations`).then((r) => r.items),
});
export const conversationQuery = (id: string) => ({ queryKey: ['conversations', id], queryFn: () => api.get<OpinionGroupsView>(`/api/conversations/${id}`) });
export const nextStatementQuery = (id: string) => ({
  queryKey: ['conversations', id, 'next'],
  queryFn: () => api.get<{ statement: { id: string; text: string } | null; remaining: number }>(`/api/conversations/${id}/next`),
});
export const publicCouncilQuery = (id: string) => ({ queryKey: ['councils', 'public', id], queryFn: () => api.get<PlaceCouncil>(`/api/public/councils/${id}`) });
export const meetingsQuery = (councilId: string) => ({
  queryKey: ['councils', 'meetings', councilId],
  queryFn: () => api.get<{ items: MeetingSummary[] }>(`/api/councils/${councilId}/meetings`).then((r) => r.items),
});
export const meetingQuery = (id: string) => ({ queryKey: ['meetings', id], queryFn: () => api.get<MeetingView>(`/api/meetings/${id}`) });
export const publicMeetingQuery = (id: string) => ({ queryKey: ['meetings', 'public', id], queryFn: () => api.get<PublicMeeting>(`/api/public/meetings/${id}`) });
/** A public PDF in the language the reader chose on the page (a link cannot send Accept-Language). */
export const pdfHref = (path: string, language: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
export const wardsQuery = (councilId: string) => ({
  queryKey: ['councils', 'wards', councilId],
  queryFn: () => api.get<{ items: WardView[] }>(`/api/councils/${councilId}/wards`).then((r) => r.items),
});
export interface PublicWard {
  name: string;
  places: string[];
  population: number;
  leader: string | null;
}
export const publicWardsQuery = (councilId: string) => ({
  queryKey: ['councils', 'public-wards', councilId],
  queryFn: () => api.get<{ items: PublicWard[] }>(`/api/public/councils/${councilId}/wards`).then((r) => r.items),
});
const DAY = 86_400_000;
export const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);
/** A place's calendar for some days from a moment the caller keeps, so the query key holds still. */
export const calendarAheadQuery = (placeId: string, from: number, days: number) => calendarQuery(placeId, isoDay(from), isoDay(from + days * DAY));
