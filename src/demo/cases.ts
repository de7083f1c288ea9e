import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { categories, departments } from '../modules/departments/schema.js';
import { acceptCase, arriveOnScene, closeCase, dispatchCase, rateCase, resolveCase, returnCase } from '../modules/cases/handling.js';
import { submitCase } from '../modules/cases/intake.js';
import { startingExamples } from '../modules/cases/training/examples.js';
import type { Rating } from '../modules/cases/workflow.js';
import { EVERYWHERE, type Grant } from '../platform/access.js';
import type { Ctx, Deps } from '../platform/context.js';
import { Dice } from './residents.js';

/**
 * Three months of a one-number line for the demo, so the queues, timelines and the evaluation
 * have something to show: requests in the communities of Nanshan Subdistrict (Zhaoshang is left
 * empty for people trying Tongxin themselves), each taken through the real use cases with the
 * clock set back — dispatched, accepted, on time or late, resolved, rated, some returned,
 * some still open. The same every time.
 */
const WEEKS = 12;
const MINUTE = 60_000;

export async function loadDemoCases(deps: Deps, tx: Executor, communityIds: string[], cityId: string, count: number): Promise<number> {
  const dice = new Dice(311);
  const examples = startingExamples().filter((e) => /[\u4e00-\u9fff]/.test(e.text));
  const cityDepartments = await tx.select({ id: departments.id, code: departments.code }).from(departments).where(and(eq(departments.placeId, cityId)));
  const departmentId = new Map(cityDepartments.map((d) => [d.code, d.id]));
  // Dispatchers file each case under its example's category (what Open311 lists as its service).
  const cityCategories = await tx.select({ id: categories.id, code: categories.code, departmentId: categories.departmentId }).from(categories).where(eq(categories.placeId, cityId));
  const categoryId = new Map(cityCategories.map((c) => [`${c.departmentId}/${c.code}`, c.id]));
  // One demo actor who may play the hotline and every department, so each step goes through the same checks as in real use.
  const grants: Grant[] = [
    { role: 'administrator', placeId: null, placePath: EVERYWHERE },
    ...cityDepartments.map((d) => ({ role: 'department_staff' as const, placeId: null, placePath: EVERYWHERE, departmentId: d.id })),
  ];
  const end = deps.now().getTime();
  let made = 0;
  for (let i = 0; i < count; i++) {
    let clock = end - dice.int(0, WEEKS * 7 * 24 * 60) * MINUTE;
    const ctx: Ctx = {
      ...deps,
      db: tx as Deps['db'],
      now: () => new Date(clock),
      requestId: null,
      actor: { accountId: null, username: 'system:demo hotline', displayName: 'demo', residentId: null, grants, via: 'system' },
    };
    const later = (minMinutes: number, maxMinutes: number) => {
      clock = Math.min(clock + dice.int(minMinutes, maxMinutes) * MINUTE, end);
    };
    const example = dice.pick(examples);
    const { id } = await submitCase(ctx, { placeId: dice.pick(communityIds), description: example.text, channel: dice.pick(['phone', 'phone', 'web', 'walk_in', 'patrol'] as const) });
    made++;
    const age = end - clock;
    if (age < 30 * MINUTE || dice.chance(0.04)) continue; // not yet dispatched
    later(5, 90);
    const dispatchedTo = departmentId.get(example.department)!;
    await dispatchCase(ctx, id, { departmentId: dispatchedTo, categoryId: categoryId.get(`${dispatchedTo}/${example.category}`) ?? null });
    if (dice.chance(0.05)) {
      later(30, 300);
      await returnCase(ctx, id, '不属于本部门职责');
      continue;
    }
    if (age < 2 * 60 * MINUTE) continue;
    later(20, dice.chance(0.85) ? 200 : 900);
    await acceptCase(ctx, id);
    if (dice.chance(0.5)) {
      later(30, 600);
      await arriveOnScene(ctx, id, null);
    }
    if (end - clock < 24 * 60 * MINUTE && dice.chance(0.5)) continue;
    later(60, dice.chance(0.8) ? 4 * 24 * 60 : 12 * 24 * 60);
    await resolveCase(ctx, id, '已到现场处理完毕，请您查看。');
    later(60, 2 * 24 * 60);
    if (dice.chance(0.75)) {
      const rating: Rating = dice.chance(0.72) ? 'satisfied' : dice.chance(0.7) ? 'basically_satisfied' : 'dissatisfied';
      await rateCase(ctx, id, rating, undefined);
    } else if (dice.chance(0.5)) {
      await closeCase(ctx, id, '回访未接通');
    }
  }
  return made;
}
