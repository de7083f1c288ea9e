import { api } from '../../api/client';
import type { Answers } from '../../../../src/modules/polls/answers';
import type { Breakdown } from '../../../../src/modules/polls/attributes';
import type { Opened, PollView } from '../../../../src/modules/polls/polls';
import type { Definition } from '../../../../src/modules/polls/questionnaire';
import type { QuestionnaireSummary, QuestionnaireView } from '../../../../src/modules/polls/questionnaires';
import type { Results, TrendPoint } from '../../../../src/modules/polls/results';
import type { PollCaseView } from '../../../../src/modules/polls/actions';
import type { PollTopicView } from '../../../../src/modules/polls/topics';

/**
 * The polls API as the pages use it. The shapes are the server modules' own, so a change there
 * is a type error here.
 */
export type { PollCaseView, PollTopicView };
export type { Answers, Breakdown, Definition, Opened, PollView, QuestionnaireSummary, QuestionnaireView, Results, TrendPoint };

/** Who answers: the logged-in resident, the holder of a one-time code, or a resident a liaison interviews. */
export type Who = { kind: 'account' } | { kind: 'code'; code: string } | { kind: 'proxy'; residentId: string; name: string };

export const whoBody = (who: Who): { code?: string; residentId?: string } =>
  who.kind === 'code' ? { code: who.code } : who.kind === 'proxy' ? { residentId: who.residentId } : {};

export const pollsQuery = () => ({ queryKey: ['polls', 'list'], queryFn: () => api.get<{ items: PollView[] }>('/api/polls').then((r) => r.items) });
export const myPollsQuery = () => ({ queryKey: ['polls', 'my'], queryFn: () => api.get<{ items: (PollView & { answered: boolean })[] }>('/api/my/polls').then((r) => r.items) });
export const questionnairesQuery = () => ({
  queryKey: ['polls', 'questionnaires'],
  queryFn: () => api.get<{ items: QuestionnaireSummary[] }>('/api/questionnaires').then((r) => r.items),
});
export const questionnaireQuery = (id: string) => ({ queryKey: ['polls', 'questionnaire', id], queryFn: () => api.get<QuestionnaireView>(`/api/questionnaires/${id}`) });
export const pollQuery = (id: string) => ({ queryKey: ['polls', 'one', id], queryFn: () => api.get<PollView>(`/api/polls/${id}`) });
export const resultsQuery = (id: string, by: Breakdown[] = []) => ({
  queryKey: ['polls', 'results', id, by],
  queryFn: () => api.get<Results>(`/api/polls/${id}/results${by.length ? `?by=${by.join(',')}` : ''}`),
});
export const trendQuery = (id: string, question: string) => ({
  queryKey: ['polls', 'trend', id, question],
  queryFn: () => api.get<{ rounds: TrendPoint[] }>(`/api/polls/${id}/trend?question=${encodeURIComponent(question)}`).then((r) => r.rounds),
  enabled: !!question,
});
export const freeTextQuery = (id: string, question: string, q: string) => ({
  queryKey: ['polls', 'free-text', id, question, q],
  queryFn: () => api.get<{ items: string[]; total: number }>(`/api/polls/${id}/free-text?question=${encodeURIComponent(question)}${q ? `&q=${encodeURIComponent(q)}` : ''}&limit=100`),
  enabled: !!question,
});

export const openQuestionnaire = (pollId: string, who: Who) => api.post<Opened>(`/api/polls/${pollId}/questionnaire`, whoBody(who));
export const readDraft = (pollId: string, who: Who) => api.post<{ draft: { answers: Answers; updatedAt: string } | null }>(`/api/polls/${pollId}/draft`, whoBody(who));
/** Replaces the draft kept so far. */
export const saveDraft = (pollId: string, who: Who, answers: Answers) => api.put<{ ok: true }>(`/api/polls/${pollId}/draft`, { answers, ...whoBody(who) });
export const submitAnswers = (pollId: string, who: Who, answers: Answers) => api.post<{ version: number }>(`/api/polls/${pollId}/responses`, { answers, ...whoBody(who) });

export const pollCasesQuery = (id: string) => ({ queryKey: ['polls', 'cases', id], queryFn: () => api.get<{ items: PollCaseView[] }>(`/api/polls/${id}/cases`).then((r) => r.items) });
export const pollTopicsQuery = (id: string) => ({ queryKey: ['polls', 'topics', id], queryFn: () => api.get<{ items: PollTopicView[] }>(`/api/polls/${id}/topics`).then((r) => r.items) });
export const pollCouncilsQuery = (id: string) => ({
  queryKey: ['polls', 'councils', id],
  queryFn: () => api.get<{ items: { id: string; name: string; topics: { id: string; title: string }[] }[] }>(`/api/polls/${id}/councils`).then((r) => r.items),
});
