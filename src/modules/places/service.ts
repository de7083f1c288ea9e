import { and, asc, count, eq, ilike, isNull, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { explainDuplicate, isForeignKeyViolation } from '../../db/errors.js';
import { can, EVERYWHERE } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { AppError, fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { checkCode, checkLevel, checkMove, childPath, levelRank, type PlaceLevel, type PlaceRuleViolation } from './rules.js';
import { places, type PlaceRow } from './schema.js';
import type { PlaceView } from './views.js';

// The outer row is named in full: drizzle writes a bare "id" inside a select, which the subquery would take as its own.
const childCount = sql<number>`(select count(*)::int from ${places} as c where c.parent_id = "places"."id")`;
const viewColumns = {
  id: places.id,
  parentId: places.parentId,
  level: places.level,
  code: places.code,
  nameZh: places.nameZh,
  nameEn: places.nameEn,
  path: places.path,
  childCount,
};

const raise = (violation: PlaceRuleViolation | null): void => {
  if (violation) throw new AppError(violation.code, violation.details);
};

/** Snapshot for the audit log: what a person would want to see changed. */
const auditView = (p: Pick<PlaceRow, 'parentId' | 'level' | 'code' | 'nameZh' | 'nameEn'>) => ({
  parentId: p.parentId,
  level: p.level,
  code: p.code,
  nameZh: p.nameZh,
  nameEn: p.nameEn,
});

export async function findPlace(db: Executor, id: string): Promise<PlaceRow | undefined> {
  const [row] = await db.select().from(places).where(eq(places.id, id));
  return row;
}

export async function requirePlace(db: Executor, id: string): Promise<PlaceRow> {
  return (await findPlace(db, id)) ?? fail('place_not_found', { id });
}

export async function getPlace(deps: Deps, id: string): Promise<PlaceView & { ancestors: PlaceView[] }> {
  const [row] = await deps.db.select(viewColumns).from(places).where(eq(places.id, id));
  if (!row) return fail('place_not_found', { id });
  const ancestorIds = row.path.split('/').filter(Boolean).slice(0, -1);
  const ancestors = ancestorIds.length
    ? await deps.db.select(viewColumns).from(places).where(or(...ancestorIds.map((a) => eq(places.id, a))))
    : [];
  ancestors.sort((a, b) => a.path.length - b.path.length);
  return { ...row, ancestors };
}

/** Children of a place, or the roots; optionally only those whose name or code matches. */
export async function listPlaces(deps: Deps, query: { parentId?: string | undefined; q?: string | undefined; limit: number }): Promise<PlaceView[]> {
  const conditions = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(places.nameZh, pattern), ilike(places.nameEn, pattern), ilike(places.code, pattern)));
    if (query.parentId) {
      const parent = await requirePlace(deps.db, query.parentId);
      conditions.push(like(places.path, `${parent.path}%`));
    }
  } else {
    conditions.push(query.parentId ? eq(places.parentId, query.parentId) : isNull(places.parentId));
  }
  return deps.db
    .select(viewColumns)
    .from(places)
    .where(and(...conditions))
    .orderBy(asc(places.level), asc(places.code))
    .limit(query.limit);
}

/** Number of places in a subtree, the place itself included. */
export async function countSubtree(db: Executor, path: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(places).where(like(places.path, `${path}%`));
  return row?.n ?? 0;
}

export interface PlaceInput {
  parentId: string | null;
  level: PlaceLevel;
  code: string;
  nameZh: string;
  nameEn: string;
}

function assertCanWriteUnder(ctx: Ctx, parent: PlaceRow | null): void {
  if (!can(ctx.actor, 'places.write', parent?.path ?? EVERYWHERE)) fail('out_of_scope');
}

/** Creates a place inside the caller's transaction; returns its id. */
export async function createPlaceIn(tx: Executor, ctx: Ctx, input: PlaceInput): Promise<string> {
  const parent = input.parentId ? await requirePlace(tx, input.parentId) : null;
  assertCanWriteUnder(ctx, parent);
  raise(checkLevel(input.level, parent?.level ?? null));
  raise(checkCode(input.level, input.code, parent));
  const id = newId();
  const row = { id, ...input, path: childPath(parent?.path ?? null, id) };
  await writeUniqueCode(() => tx.insert(places).values(row), input.code);
  await recordAudit(tx, ctx, {
    action: 'place.create',
    entityType: 'place',
    entityId: id,
    place: { id, path: row.path },
    after: auditView(row),
  });
  return id;
}

export async function createPlace(ctx: Ctx, input: PlaceInput): Promise<PlaceView> {
  const id = await ctx.db.transaction((tx) => createPlaceIn(tx, ctx, input));
  const [view] = await ctx.db.select(viewColumns).from(places).where(eq(places.id, id));
  return view!;
}

/** A write that may hit the unique code among siblings, refused as place_code_taken. */
const writeUniqueCode = (write: () => Promise<unknown>, code: string) =>
  explainDuplicate(write, 'places_code_among_siblings', () => fail('place_code_taken', { code }));

export type PlacePatch = Partial<PlaceInput>;

export async function updatePlace(ctx: Ctx, id: string, patch: PlacePatch): Promise<PlaceView> {
  return ctx.db.transaction(async (tx) => {
    const current = await requirePlace(tx, id);
    if (!can(ctx.actor, 'places.write', current.path)) fail('out_of_scope');
    const moving = patch.parentId !== undefined && patch.parentId !== current.parentId;
    const parent = moving
      ? patch.parentId
        ? await requirePlace(tx, patch.parentId)
        : null
      : current.parentId
        ? await requirePlace(tx, current.parentId)
        : null;
    if (moving) {
      assertCanWriteUnder(ctx, parent);
      raise(checkMove({ ...current, level: patch.level ?? current.level }, parent));
    }
    const next = { ...current, ...patch, parentId: parent?.id ?? null };
    raise(checkLevel(next.level, parent?.level ?? null));
    if (next.level !== current.level) await assertChildrenBelow(tx, id, next.level);
    if (next.code !== current.code || moving || next.level !== current.level) raise(checkCode(next.level, next.code, parent));

    const path = moving ? childPath(parent?.path ?? null, id) : current.path;
    await writeUniqueCode(
      () =>
        tx
          .update(places)
          .set({ parentId: next.parentId, level: next.level, code: next.code, nameZh: next.nameZh, nameEn: next.nameEn, updatedAt: ctx.now() })
          .where(eq(places.id, id)),
      next.code,
    );
    if (moving) {
      // The whole subtree follows in one statement: every path that began with the old one.
      await tx
        .update(places)
        .set({ path: sql`${path} || substr(${places.path}, ${current.path.length + 1})` })
        .where(like(places.path, `${current.path}%`));
    }
    await recordAudit(tx, ctx, {
      action: moving ? 'place.move' : 'place.update',
      entityType: 'place',
      entityId: id,
      place: { id, path },
      before: auditView(current),
      after: auditView(next),
    });
    const [view] = await tx.select(viewColumns).from(places).where(eq(places.id, id));
    return view!;
  });
}

async function assertChildrenBelow(tx: Executor, id: string, level: PlaceLevel): Promise<void> {
  const children = await tx.select({ level: places.level }).from(places).where(eq(places.parentId, id));
  for (const child of children) {
    if (levelRank(child.level) <= levelRank(level)) fail('place_level_invalid', { level: child.level, parentLevel: level });
  }
}

export async function deletePlace(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await requirePlace(tx, id);
    if (!can(ctx.actor, 'places.write', current.path)) fail('out_of_scope');
    const [children] = await tx.select({ n: count() }).from(places).where(eq(places.parentId, id));
    if ((children?.n ?? 0) > 0) fail('place_has_children');
    try {
      // A savepoint, so that a refused delete leaves the transaction usable on PostgreSQL.
      await tx.transaction(async (inner) => {
        await inner.delete(places).where(eq(places.id, id));
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) fail('place_in_use');
      throw error;
    }
    await recordAudit(tx, ctx, {
      action: 'place.delete',
      entityType: 'place',
      entityId: id,
      place: { id, path: current.path },
      before: auditView(current),
    });
  });
}

/** A place named by the codes on its path from the root, as people write it: 440300/440305/ZS. */
export async function findPlaceByCodes(db: Executor, codes: string[]): Promise<PlaceRow | undefined> {
  let parent: PlaceRow | undefined;
  for (const code of codes) {
    const [row] = await db
      .select()
      .from(places)
      .where(and(parent ? eq(places.parentId, parent.id) : isNull(places.parentId), eq(places.code, code)));
    if (!row) return undefined;
    parent = row;
  }
  return parent;
}

/** The codes from the root to a place, the inverse of findPlaceByCodes. */
export async function codesOf(db: Executor, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean);
  if (ids.length === 0) return [];
  const rows = await db.select({ id: places.id, code: places.code }).from(places).where(or(...ids.map((id) => eq(places.id, id))));
  const byId = new Map(rows.map((r) => [r.id, r.code]));
  return ids.map((id) => byId.get(id) ?? '?');
}
