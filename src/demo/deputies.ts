import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/client.js';
import { addReception, createDeputy, createWorkstation } from '../modules/deputies/deputies.js';
import { recordVisit } from '../modules/deputies/visits.js';
import { type Ctx, type Deps, systemContext } from '../platform/context.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A day's hour in China (UTC+8), `days` from today: receptions are held in office hours. */
function chinaHour(now: number, days: number, hour: number): Date {
  const chinaMidnight = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  return new Date(chinaMidnight + days * DAY + hour * HOUR);
}

/**
 * Nanshan Subdistrict's deputies for the demo: the demo `deputy` login is a district deputy with
 * the subdistrict as constituency, beside a municipal deputy without a login; the subdistrict's
 * workstation and Nanyuan Community's liaison workshop keep a schedule (a reception held last
 * week, with the visitors it had and their issues, not yet forwarded; two to come). Made through
 * the deputies' own use cases; the same every time but for the dates.
 */
export async function loadDemoDeputies(deps: Deps, tx: Executor, subdistrictId: string, nanyuanId: string, deputyAccountId: string): Promise<number> {
  const now = deps.now().getTime();
  const ctx: Ctx = { ...systemContext(deps, 'demo data'), db: tx as Deps['db'] };
  const wang = await createDeputy(ctx, { placeId: subdistrictId, name: '王建国', level: 'district', accountId: deputyAccountId });
  const chen = await createDeputy(ctx, { placeId: subdistrictId, name: '陈秀英', level: 'municipal' });
  const station = await createWorkstation(ctx, { placeId: subdistrictId, name: '南山街道人大代表工作站', address: '南山大道 1088 号', kind: 'workstation' });
  const workshop = await createWorkstation(ctx, { placeId: nanyuanId, name: '南园社区代表联络站', address: '南园路 12 号社区党群服务中心', kind: 'workshop' });

  const held = await addReception(ctx, station.id, { deputyId: wang.id, startsAt: chinaHour(now, -7, 9), endsAt: chinaHour(now, -7, 11), topic: '老旧小区加装电梯' });
  await addReception(ctx, workshop.id, { deputyId: wang.id, startsAt: chinaHour(now, 3, 14), endsAt: chinaHour(now, 3, 16), topic: '社区停车难' });
  await addReception(ctx, station.id, { deputyId: chen.id, startsAt: chinaHour(now, 6, 9), endsAt: chinaHour(now, 6, 11), topic: '学位与托育' });

  // Visitors of last week's reception: two known residents of the subdistrict and one passer-by.
  const known = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select r.id, r.name from residents r join places p on p.id = r.place_id join places s on starts_with(p.path, s.path)
        where s.id = ${subdistrictId} and r.birth_year <= 1960 order by r.id limit 2`,
  );
  const visitors = [
    { residentId: known[0]?.id, visitorName: known[0]?.name ?? '李阿姨', issue: '3 栋没有电梯，老人上下楼困难，希望加装电梯并争取补贴' },
    { residentId: known[1]?.id, visitorName: known[1]?.name ?? '张伯', issue: '小区门口人行道地砖松动，雨天踩上去溅水，老人容易滑倒' },
    { visitorName: '刘先生', visitorPhone: '13800138000', issue: '南山大道公交站夜间照明不足，希望增设路灯' },
  ];
  for (const [i, visitor] of visitors.entries()) {
    await recordVisit(ctx, station.id, { ...visitor, receptionId: held.id, visitedAt: new Date(new Date(held.startsAt).getTime() + (i + 1) * 20 * 60_000) });
  }
  return visitors.length;
}
