import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Deps } from '../../platform/context.js';
import { categories, departments } from '../departments/schema.js';
import type { Example } from './classifier.js';
import { retrainRouter } from './routing.js';
import { cases } from './schema.js';

/** How much history the router learns from: the most recent cases a dispatcher has settled. */
const HISTORY_LIMIT = 50_000;

/**
 * Retrains the router from the shipped examples plus the cases dispatchers have sent to a
 * department (confirmed or corrected): the department holding the case after dispatch, returns
 * and handovers is the answer the router should have given.
 */
export async function retrainFromHistory(deps: Deps): Promise<{ examples: number }> {
  const rows = await deps.db
    .select({ text: cases.description, department: departments.code, category: categories.code })
    .from(cases)
    .innerJoin(departments, eq(departments.id, cases.departmentId))
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .where(and(isNotNull(cases.dispatchedAt), inArray(cases.status, ['accepted', 'on_scene', 'resolved', 'closed', 'reopened', 'suspended'])))
    .orderBy(desc(cases.dispatchedAt))
    .limit(HISTORY_LIMIT);
  const history: Example[] = rows.map((r) => ({ text: r.text, department: r.department, category: r.category ?? undefined }));
  retrainRouter(history);
  return { examples: history.length };
}
