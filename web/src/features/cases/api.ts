import { api } from '../../api/client';
import type { CaseSummary, CaseView, Classification, Department, Page } from '../../api/types';

/**
 * The cases API as the pages use it: query keys and fetchers in one place, so an action that
 * changes a case refreshes every list and page that shows it.
 */

type Param = string | number | boolean | readonly string[] | null | undefined;

/** A query string; arrays repeat their key (`status=a&status=b`), as the server reads them. */
export function queryOf(params: Record<string, Param>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const caseQuery = (id: string) => ({
  queryKey: ['cases', 'one', id],
  queryFn: () => api.get<{ case: CaseView }>(`/api/cases/${id}`).then((r) => r.case),
});

export const myCasesQuery = (limit: number) => ({
  queryKey: ['cases', 'my', limit],
  queryFn: () => api.get<Page<CaseSummary>>(`/api/my/cases${queryOf({ limit })}`),
});

export const caseListQuery = (params: Record<string, Param>) => ({
  queryKey: ['cases', 'list', params],
  queryFn: () => api.get<Page<CaseSummary>>(`/api/cases${queryOf(params)}`),
});

/** The departments of a city's one-number line (of every city without one), with their categories. */
export const departmentsQuery = (cityId: string | null | undefined) => ({
  queryKey: ['departments', cityId ?? null],
  queryFn: () => api.get<{ items: Department[] }>(`/api/departments${queryOf({ cityId })}`).then((r) => r.items.filter((d) => !d.retired)),
  staleTime: 10 * 60_000,
});

export const classify = (text: string) => api.post<Classification>('/api/cases/classify', { text });

/** One workflow action; the case as it stands afterwards, or null when it left the caller's hands. */
export const act = (id: string, action: string, body: object = {}) => api.post<{ case: CaseView | null }>(`/api/cases/${id}/${action}`, body);

/** A key for "this one submission": kept with the draft, so a retry after a lost answer makes no second case. */
export function newSubmissionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Pages served over plain http on a LAN lack randomUUID; random bytes are there everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
