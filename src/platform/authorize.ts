import { or, sql, type SQL, like, type Column } from 'drizzle-orm';
import { can, EVERYWHERE, type Permission, scopesFor } from './access.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';

/** Refuses a use case on a place outside the actor's grants for the permission. */
export function authorize(ctx: Ctx, permission: Permission, placePath: string): void {
  if (!can(ctx.actor, permission, placePath)) fail('out_of_scope');
}

/**
 * Refuses a list filtered to a place that shares nothing with the actor's scope: asking for
 * another county is an error, not an empty page. A place above the scope (a liaison asking
 * for the whole subdistrict) is allowed; inScope then keeps the list to the liaison's part.
 */
export function authorizeFilter(ctx: Ctx, permission: Permission, placePath: string): void {
  const overlaps = scopesFor(ctx.actor, permission).some((scope) => placePath.startsWith(scope) || scope.startsWith(placePath));
  if (!overlaps) fail('out_of_scope');
}

/**
 * A WHERE condition keeping rows whose place path lies in the actor's scope for the
 * permission: nothing when the scope is everywhere, FALSE when there is none.
 */
export function inScope(ctx: Ctx, permission: Permission, pathColumn: Column | SQL): SQL | undefined {
  const scopes = scopesFor(ctx.actor, permission);
  if (scopes.includes(EVERYWHERE)) return undefined;
  if (scopes.length === 0) return sql`false`;
  return or(...scopes.map((scope) => like(pathColumn as Column, `${scope}%`)));
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
