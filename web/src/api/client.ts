import { currentLanguage } from '../i18n';

/** An error answer of the API: `{ error: { code, message, details } }`, message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: Promise<string> | null = null;

/** The CSRF token for state-changing requests, fetched once and again when the server refuses it. */
function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { credentials: 'same-origin' })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => b.token)
    .catch((error: unknown) => {
      csrfToken = null;
      throw error;
    });
  return csrfToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body: unknown, retried: boolean, extra: Record<string, string> = {}): Promise<unknown> {
  const headers: Record<string, string> = { ...extra, accept: 'application/json', 'accept-language': currentLanguage() };
  if (method !== 'GET') headers['x-csrf-token'] = await csrf();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', currentLanguage() === 'zh-CN' ? '网络连接失败，请检查网络后重试' : 'No connection; check the network and try again');
  }
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  const error = (data as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null)?.error;
  if (error?.code === 'csrf_invalid' && !retried) {
    csrfToken = null;
    return send(method, path, body, true, extra);
  }
  throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText, error?.details ?? {});
}

/** Query-string from an object, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

export const api = {
  get: <T>(path: string) => send('GET', path, undefined, false) as Promise<T>,
  /** `headers` for what a request needs beyond the usual, such as an Idempotency-Key. */
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => send('POST', path, body, false, headers) as Promise<T>,
  put: <T>(path: string, body: unknown) => send('PUT', path, body, false) as Promise<T>,
  patch: <T>(path: string, body: unknown) => send('PATCH', path, body, false) as Promise<T>,
  delete: <T>(path: string) => send('DELETE', path, undefined, false) as Promise<T>,
  /** After logging out, the session's CSRF secret may change. */
  forgetCsrf: () => {
    csrfToken = null;
  },
};
