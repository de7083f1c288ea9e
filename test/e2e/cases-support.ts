import { expect, request, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './support.js';

/**
 * The cases API as one demo login, for setting the stage of a browser test quickly (a case
 * reported, dispatched, accepted) so that each test starts where it needs to and depends on no other.
 */
export class Api {
  private constructor(
    private readonly context: APIRequestContext,
    private token: string,
  ) {}

  static async as(baseURL: string, username: string, password = DEMO_PASSWORD): Promise<Api> {
    const context = await request.newContext({ baseURL });
    const csrf = async () => ((await (await context.get('/api/auth/csrf')).json()) as { token: string }).token;
    const login = await context.post('/api/auth/login', { headers: { 'x-csrf-token': await csrf() }, data: { username, password } });
    expect(login.ok(), `${username} logs in`).toBe(true);
    // The session's CSRF secret is new after logging in.
    return new Api(context, await csrf());
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.context.get(path);
    expect(response.ok(), `GET ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async post<T>(path: string, data: object = {}, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.context.post(path, { headers: { ...headers, 'x-csrf-token': this.token }, data });
    expect(response.ok(), `POST ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
}

interface Grant {
  role: string;
  placeId: string | null;
}

/** A problem the router sends to urban management, with a mark that makes it findable. */
export const streetLight = (mark: string) => `小区门口的路灯坏了好几天，晚上很黑 ${mark}`;

/** A unique mark for one test's case. */
export const markOf = () => `E2E${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

/** The resident reports a street light in their own community; answers the case's id and number. */
export async function reportAsResident(resident: Api, description: string): Promise<{ id: string; number: string }> {
  const { me } = await resident.get<{ me: { grants: Grant[] } }>('/api/auth/me');
  const placeId = me.grants.find((g) => g.role === 'resident')!.placeId!;
  return resident.post<{ id: string; number: string }>('/api/cases', { placeId, description, address: '水湾社区东门' });
}

/** The id of a department of the case's city, by its code. */
export async function departmentOf(api: Api, caseId: string, code: string): Promise<string> {
  const { case: c } = await api.get<{ case: { cityId: string } }>(`/api/cases/${caseId}`);
  const { items } = await api.get<{ items: { id: string; code: string }[] }>(`/api/departments?cityId=${c.cityId}`);
  return items.find((d) => d.code === code)!.id;
}

/** A resident's street-light report, taken as far as `stage` by the dispatcher and urban management's staff. */
export async function caseAt(baseURL: string, stage: 'received' | 'dispatched' | 'accepted' | 'resolved', mark = markOf()) {
  const resident = await Api.as(baseURL, 'resident');
  const made = await reportAsResident(resident, streetLight(mark));
  await resident.dispose();
  if (stage !== 'received') {
    const dispatcher = await Api.as(baseURL, 'dispatcher');
    await dispatcher.post(`/api/cases/${made.id}/dispatch`, { departmentId: await departmentOf(dispatcher, made.id, 'urban-management') });
    await dispatcher.dispose();
  }
  if (stage === 'accepted' || stage === 'resolved') {
    const staff = await Api.as(baseURL, 'staff');
    await staff.post(`/api/cases/${made.id}/accept`);
    if (stage === 'resolved') await staff.post(`/api/cases/${made.id}/resolve`, { reply: '路灯已经修好，感谢您的反映。' });
    await staff.dispose();
  }
  return { ...made, mark };
}
