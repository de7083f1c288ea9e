import type { CaseRow } from './schema.js';
import { isOpen } from './workflow.js';

/**
 * When a deadline passes, the case escalates: first to the head of the department holding it,
 * then, if it is still overdue after as long again as the time it was given, to the district.
 * Pure: the sweep stores what these say.
 */
export const ESCALATION_LEVELS = { none: 0, departmentHead: 1, district: 2 } as const;

type DeadlineFacts = Pick<CaseRow, 'status' | 'acceptBy' | 'onSceneBy' | 'onSceneAt' | 'resolveBy'>;

/** The deadline that matters in the case's present state: what a queue sorts and colours by. */
export function dueAtOf(c: DeadlineFacts): Date | null {
  switch (c.status) {
    case 'dispatched':
    case 'reopened':
      return c.acceptBy;
    case 'accepted':
      return c.onSceneBy && !c.onSceneAt ? c.onSceneBy : c.resolveBy;
    case 'on_scene':
      return c.resolveBy;
    default:
      return null;
  }
}

type PlanFacts = DeadlineFacts & Pick<CaseRow, 'escalationLevel' | 'dispatchedAt'>;

/** When the sweep should next look at the case, or null when nothing more can fall due. */
export function planEscalation(c: PlanFacts): Date | null {
  const due = dueAtOf(c);
  if (!due || !isOpen(c.status)) return null;
  if (c.escalationLevel === ESCALATION_LEVELS.none) return due;
  if (c.escalationLevel === ESCALATION_LEVELS.departmentHead) {
    const allowed = c.dispatchedAt ? Math.max(due.getTime() - c.dispatchedAt.getTime(), 0) : 0;
    return new Date(due.getTime() + allowed);
  }
  return null;
}

/**
 * A new stage (accepted, on scene, reopened) brings a new deadline and starts escalation over;
 * staying in the same stage keeps the level reached.
 */
export function levelAfter(before: PlanFacts, after: DeadlineFacts): number {
  return dueAtOf(before)?.getTime() === dueAtOf(after)?.getTime() ? before.escalationLevel : ESCALATION_LEVELS.none;
}
