import { type Actor, can, grantsFor, isDepartmentRole } from '../../platform/access.js';
import type { CaseRole } from './views.js';

/**
 * How someone stands towards one case. Pure. Place grants alone do not let department staff
 * in: they see the cases of the department named on their grant, in the grant's subtree, and
 * the cases their department was asked to help with or whistled to.
 */
export interface CaseFacts {
  placePath: string;
  departmentId: string | null;
  /** Departments asked to help, whistled to, or asked to take the case over. */
  involvedDepartmentIds: readonly string[];
  /** Who asked: the case's own requester and those of cases merged into it. */
  requesterAccountIds: readonly string[];
}

export interface Standing extends CaseRole {
  /** May read the case at all. */
  reader: boolean;
  /** The department the caller acts for on this case, when `department` is set. */
  departmentId: string | null;
}

/** The departments the actor works for inside the given place, from its department grants. */
export const departmentsOf = (actor: Actor, placePath: string): string[] =>
  grantsFor(actor, 'cases.handle')
    .filter((g) => g.departmentId && placePath.startsWith(g.placePath))
    .map((g) => g.departmentId!);

export function standingOf(actor: Actor, facts: CaseFacts): Standing {
  const mine = departmentsOf(actor, facts.placePath);
  const holder = facts.departmentId !== null && mine.includes(facts.departmentId);
  const helper = !holder ? mine.find((d) => facts.involvedDepartmentIds.includes(d)) : undefined;
  const requester = actor.accountId !== null && facts.requesterAccountIds.includes(actor.accountId);
  const placeReader = grantsFor(actor, 'cases.read').some((g) => !isDepartmentRole(g.role) && facts.placePath.startsWith(g.placePath));
  const department = holder ? 'holder' : helper ? 'helper' : null;
  return {
    dispatcher: can(actor, 'cases.dispatch', facts.placePath),
    department,
    departmentId: holder ? facts.departmentId : (helper ?? null),
    requester,
    whistle: can(actor, 'cases.whistle', facts.placePath),
    reader: placeReader || department !== null || requester,
  };
}
