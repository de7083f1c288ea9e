import { and, count, eq } from 'drizzle-orm';
import { caseSettings } from '../modules/cases/schema.js';
import { departments } from '../modules/departments/schema.js';
import type { Executor } from '../db/client.js';
import { createAccountIn } from '../modules/accounts/service.js';
import { loadDefaultCatalogIn } from '../modules/departments/service.js';
import { createHouseholdIn, createResidentIn } from '../modules/people/service.js';
import { places } from '../modules/places/schema.js';
import { createPlaceIn } from '../modules/places/service.js';
import type { Role } from '../platform/access.js';
import { type Deps, systemContext } from '../platform/context.js';
import { loadDemoCases } from './cases.js';
import { loadDemoDeputies } from './deputies.js';
import { loadDemoPolls } from './polls.js';
import { DEMO_PLACES, type DemoPlace } from './places.js';
import { generateHouseholds } from './residents.js';

/** The one password of every demo login. It exists only in the demo data set. */
export const DEMO_PASSWORD = 'Tongxin@2026';

export interface DemoLogin {
  username: string;
  displayName: string;
  role: Role;
  /** Codes from the root, or null for the whole installation. */
  place: string[] | null;
  /** For department staff and heads: the code of their department in the city. */
  department?: string;
}

/** One login per role, each on the place where that role makes sense in the cases. */
export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'admin', displayName: '系统管理员 Administrator', role: 'administrator', place: null },
  { username: 'supervisor', displayName: '南山区纪检监督员 Supervisor', role: 'supervisor', place: ['440300', '440305'] },
  { username: 'dispatcher', displayName: '招商街道调度员 Dispatcher', role: 'dispatcher', place: ['440300', '440305', 'ZS'] },
  { username: 'liaison', displayName: '水湾社区联络员 Liaison', role: 'liaison', place: ['440300', '440305', 'ZS', 'SW'] },
  { username: 'staff', displayName: '城管局工作人员 Department staff', role: 'department_staff', place: ['440300', '440305'], department: 'urban-management' },
  { username: 'head', displayName: '城管局负责人 Department head', role: 'department_head', place: ['440300', '440305'], department: 'urban-management' },
  { username: 'deputy', displayName: '人大代表 Deputy', role: 'deputy', place: ['440300', '440305', 'NS'] },
  { username: 'member', displayName: '白水洋镇协商议事会成员 Council member', role: 'council_member', place: ['331000', '331082', 'BSY'] },
  { username: 'secretary', displayName: '白水洋镇议事会秘书 Council secretary', role: 'council_secretary', place: ['331000', '331082', 'BSY'] },
  { username: 'official', displayName: '招商街道办事处干部 Town official', role: 'official', place: ['440300', '440305', 'ZS'] },
  { username: 'resident', displayName: '水湾社区居民 Resident', role: 'resident', place: ['440300', '440305', 'ZS', 'SW'] },
];

/** Requests in the demo's Nanshan Subdistrict: enough for the evaluation's charts to say something. */
const DEMO_CASES = 160;

const DEMO_CASE_PREFIXES: Record<string, string> = {
  '440300/440305': 'NS',
  '331100/331126': 'QY',
  '331000/331082': 'LH',
  '440100/440104': 'YX',
  '440100/440111': 'BY',
  '330700/330782': 'YW',
};

async function departmentIdOf(tx: Executor, cityId: string, code: string): Promise<string> {
  const [row] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.placeId, cityId), eq(departments.code, code)));
  return row!.id;
}

export class NotEmptyError extends Error {
  constructor() {
    super('The database already holds places; the demo data set is only loaded into an empty database.');
  }
}

export async function isEmpty(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(places);
  return (row?.n ?? 0) === 0;
}

export interface DemoSummary {
  places: number;
  households: number;
  residents: number;
  cases: number;
  pollResponses: number;
  deputyVisits: number;
  logins: DemoLogin[];
}

/** Loads the whole demo set in one transaction: all of it or, on any failure, none of it. */
export async function loadDemo(deps: Deps, onProgress?: (done: number, total: number) => void): Promise<DemoSummary> {
  const ctx = systemContext(deps, 'demo data');
  const currentYear = deps.now().getFullYear();
  return deps.db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) throw new NotEmptyError();
    const placeIds = new Map<string, string>();
    const summary: DemoSummary = { places: 0, households: 0, residents: 0, cases: 0, pollResponses: 0, deputyVisits: 0, logins: DEMO_LOGINS };
    const communities: { place: DemoPlace; id: string; countyCode: string; addressPrefix: string }[] = [];

    const walk = async (node: DemoPlace, parentId: string | null, codes: string[], names: string[], countyCode: string) => {
      const id = await createPlaceIn(tx, ctx, { parentId, level: node.level, code: node.code, nameZh: node.zh, nameEn: node.en });
      summary.places++;
      const path = [...codes, node.code];
      placeIds.set(path.join('/'), id);
      const county = node.level === 'district' ? node.code : countyCode;
      if (node.households) communities.push({ place: node, id, countyCode: county, addressPrefix: [...names.slice(2), node.zh].join('') });
      for (const child of node.children ?? []) await walk(child, id, path, [...names, node.zh], county);
    };
    for (const root of DEMO_PLACES) await walk(root, null, [], [], '');
    // Every demo city runs a one-number line with the default departments.
    for (const root of DEMO_PLACES) await loadDefaultCatalogIn(tx, ctx, placeIds.get(root.code)!);

    const usedIds = new Set<string>();
    const total = communities.reduce((n, c) => n + (c.place.households ?? 0), 0);
    let done = 0;
    let residentLogin: string | undefined;
    for (const [index, community] of communities.entries()) {
      const generated = generateHouseholds(
        {
          seed: 2026 + index,
          countyCode: community.countyCode,
          households: community.place.households ?? 0,
          newShare: community.place.newShare ?? 0,
          addressPrefix: community.addressPrefix,
          currentYear,
        },
        usedIds,
      );
      for (const household of generated) {
        const householdId = await createHouseholdIn(tx, ctx, { placeId: community.id, number: household.number, address: household.address });
        summary.households++;
        for (const member of household.members) {
          const residentId = await createResidentIn(tx, ctx, { placeId: community.id, householdId, ...member });
          summary.residents++;
          // The demo resident login is the head of the first household of Shuiwan Community.
          if (!residentLogin && community.place.code === 'SW') residentLogin = residentId;
        }
        onProgress?.(++done, total);
      }
    }

    // Case numbers say which district took them, as the hotlines do (NS-2026-000123).
    for (const [path, prefix] of Object.entries(DEMO_CASE_PREFIXES)) {
      await tx.insert(caseSettings).values({ placeId: placeIds.get(path)!, numberPrefix: prefix });
    }

    const accountIds = new Map<string, string>();
    for (const login of DEMO_LOGINS) {
      const placeId = login.place ? placeIds.get(login.place.join('/'))! : null;
      const departmentId = login.department ? await departmentIdOf(tx, placeIds.get(login.place![0]!)!, login.department) : null;
      const accountId = await createAccountIn(tx, ctx, {
        username: login.username,
        displayName: login.displayName,
        password: DEMO_PASSWORD,
        placeId,
        residentId: login.role === 'resident' ? residentLogin : null,
        grants: [{ role: login.role, placeId, departmentId }],
      });
      accountIds.set(login.username, accountId);
    }
    const nanshanCommunities = ['NS', 'NY', 'LW'].map((code) => placeIds.get(`440300/440305/NS/${code}`)!);
    summary.cases = await loadDemoCases(deps, tx, nanshanCommunities, placeIds.get('440300')!, DEMO_CASES);
    summary.pollResponses = await loadDemoPolls(deps, tx, placeIds.get('440300/440305/NS')!);
    summary.deputyVisits = await loadDemoDeputies(deps, tx, placeIds.get('440300/440305/NS')!, placeIds.get('440300/440305/NS/NY')!, accountIds.get('deputy')!);
    return summary;
  });
}
