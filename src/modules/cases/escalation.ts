import { type CaseClockFacts, deadlineInForce, type EscalationState, nextEscalationAt, type SlaClock, type WorkCalendar } from './deadlines.js';
import type { CaseRow } from './schema.js';

/**
 * How the deadline rules of deadlines.ts read a stored case. Pure: the sweep and the workflow
 * actions store what these say.
 */

/** The deadline that matters in the case's present state: what a queue sorts and colours by. */
export const dueAtOf = (c: CaseClockFacts): Date | null => deadlineInForce(c)?.deadline ?? null;

type StoredClock = CaseClockFacts & Pick<CaseRow, 'escalationLevel' | 'dispatchedAt' | 'receivedAt' | 'slaClock'>;

/** The escalation state of a stored case: its clock started at dispatch, on the policy's clock. */
export const escalationStateOf = (c: StoredClock): EscalationState => ({
  status: c.status,
  acceptBy: c.acceptBy,
  onSceneBy: c.onSceneBy,
  onSceneAt: c.onSceneAt,
  resolveBy: c.resolveBy,
  startedAt: c.dispatchedAt ?? c.receivedAt,
  clock: (c.slaClock ?? 'calendar') as SlaClock,
  level: c.escalationLevel,
});

/** When the sweep should next look at the case, or null when nothing more can fall due. */
export const planEscalation = (c: StoredClock, cal: WorkCalendar): Date | null => nextEscalationAt(escalationStateOf(c), cal);

/**
 * A new stage (accepted, on scene, reopened) brings a new deadline and starts escalation over;
 * staying in the same stage keeps the level reached.
 */
export function levelAfter(before: CaseClockFacts & { escalationLevel: number }, after: CaseClockFacts): number {
  return dueAtOf(before)?.getTime() === dueAtOf(after)?.getTime() ? before.escalationLevel : 0;
}
