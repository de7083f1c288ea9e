import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import type { Permission } from '../../platform/access.js';
import { accounts } from '../../platform/auth/schema.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, inScope } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { places } from '../places/schema.js';
import { checkComposition, type Rule, ruleProblems, type Violation } from './composition.js';
import { councilType } from './council-types.js';
import { applyChange, type Change, type Seat } from './membership.js';
import { councilMembers, councils } from './schema.js';
import type { Threshold } from './threshold.js';

export interface MemberView {
  id: string;
  name: string;
  accountId: string | null;
  role: string;
  partyMember: boolean;
  kind: string;
  sectors: string[];
  tags: string[];
  termStart: string;
  termEnd: string | null;
}

export interface CouncilView {
  id: string;
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  name: string;
  typeCode: string | null;
  rules: Rule[];
  threshold: Threshold;
  status: 'forming' | 'active';
  members: MemberView[];
  violations: Violation[];
  motions: { id: string; title: string; status: string; ballot: string; passed: boolean | null }[];
}

export interface CouncilRow {
  id: string;
  placeId: string;
  path: string;
  placeNameZh: string;
  placeNameEn: string;
  name: string;
  typeCode: string | null;
  rules: Rule[];
  threshold: Threshold;
  status: 'forming' | 'active';
}

/** The calendar day of the installation's clock: terms are kept in days. */
export const today = (ctx: Ctx): string => ctx.now().toISOString().slice(0, 10);

/**
 * The council and its place, refused outside the caller's place for the permission. `lock`
 * holds the council row for the transaction, so that two membership changes (or two votes) are
 * checked one after the other rather than each against the state before the other.
 */
export async function loadCouncil(db: Executor, ctx: Ctx, id: string, permission: Permission, lock = false): Promise<CouncilRow> {
  const [row] = await queryRows<CouncilRow>(
    db,
    sql`select c.id, c.place_id as "placeId", p.path, p.name_zh as "placeNameZh", p.name_en as "placeNameEn", c.name, c.type_code as "typeCode", c.rules, c.threshold, c.status
        from councils c join places p on p.id = c.place_id where c.id = ${id} ${lock ? sql`for update of c` : sql``}`,
  );
  if (!row) return fail('council_not_found');
  authorize(ctx, permission, row.path);
  return row;
}

/** Members whose seat is current today: not ended, term not over. */
export async function currentSeats(db: Executor, councilId: string, day: string): Promise<(Seat & { termStart: string; termEnd: string | null })[]> {
  const rows = await db
    .select()
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), isNull(councilMembers.endedOn), sql`(${councilMembers.termEnd} is null or ${councilMembers.termEnd} >= ${day})`))
    .orderBy(councilMembers.createdAt, councilMembers.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    accountId: r.accountId,
    role: r.role,
    partyMember: r.partyMember,
    kind: r.kind,
    sectors: r.sectors,
    tags: r.tags,
    termStart: r.termStart,
    termEnd: r.termEnd,
  }));
}

async function view(db: Executor, ctx: Ctx, council: CouncilRow): Promise<CouncilView> {
  const seats = await currentSeats(db, council.id, today(ctx));
  const { path: _path, ...rest } = council;
  return {
    ...rest,
    members: seats.map((s) => ({ id: s.id, name: s.name, accountId: s.accountId, role: s.role, partyMember: s.partyMember, kind: s.kind, sectors: s.sectors, tags: s.tags, termStart: s.termStart, termEnd: s.termEnd })),
    violations: checkComposition(council.rules, seats),
    motions: await queryRows<CouncilView['motions'][number]>(
      db,
      sql`select id, title, status, ballot, (result->>'passed')::boolean as passed from motions where council_id = ${council.id} order by created_at desc limit 100`,
    ),
  };
}

export interface CouncilInput {
  placeId: string;
  name: string;
  typeCode?: string | undefined;
  rules?: Rule[] | undefined;
  threshold?: Threshold | undefined;
}

export async function createCouncil(ctx: Ctx, input: CouncilInput): Promise<CouncilView> {
  return ctx.db.transaction(async (tx) => {
    const [place] = await tx.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, input.placeId));
    if (!place) return fail('place_not_found');
    authorize(ctx, 'councils.manage', place.path);
    const type = input.typeCode === undefined ? undefined : councilType(input.typeCode);
    if (input.typeCode !== undefined && !type) fail('council_type_unknown', { typeCode: input.typeCode });
    const rules = input.rules ?? type?.rules;
    const threshold = input.threshold ?? type?.threshold;
    if (!rules || !threshold) return fail('council_rules_required');
    const problems = ruleProblems(rules);
    if (problems.length > 0) fail('council_rules_invalid', { problems });
    const id = newId();
    await tx.insert(councils).values({ id, placeId: place.id, name: input.name.trim(), typeCode: input.typeCode ?? null, rules, threshold, createdBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'council.create', entityType: 'council', entityId: id, place, after: { name: input.name, typeCode: input.typeCode ?? null, rules, threshold } });
    return view(tx, ctx, await loadCouncil(tx, ctx, id, 'councils.manage'));
  });
}

export async function getCouncil(ctx: Ctx, id: string): Promise<CouncilView> {
  return view(ctx.db, ctx, await loadCouncil(ctx.db, ctx, id, 'councils.read'));
}

/** Councils in the places the caller may read, optionally below one place. */
export async function listCouncils(ctx: Ctx, placePath?: string): Promise<Omit<CouncilView, 'members' | 'violations' | 'motions'>[]> {
  const scope = inScope(ctx, 'councils.read', places.path);
  const rows = await ctx.db
    .select({ id: councils.id, placeId: councils.placeId, placeNameZh: places.nameZh, placeNameEn: places.nameEn, name: councils.name, typeCode: councils.typeCode, rules: councils.rules, threshold: councils.threshold, status: councils.status })
    .from(councils)
    .innerJoin(places, eq(places.id, councils.placeId))
    .where(and(scope, placePath ? sql`starts_with(${places.path}, ${placePath})` : undefined))
    .orderBy(places.path, councils.name)
    .limit(500);
  return rows;
}

export interface PublicCouncil {
  id: string;
  name: string;
  placeNameZh: string;
  placeNameEn: string;
  status: string;
}

/**
 * The councils a resident of a place can bring topics to: those of the place and of the places
 * above it (a villager's village and town), nearest first. Public, like their topics.
 */
export async function councilsOfPlace(db: Executor, placeId: string): Promise<PublicCouncil[]> {
  const [place] = await db.select({ path: places.path }).from(places).where(eq(places.id, placeId));
  if (!place) return fail('place_not_found');
  return queryRows<PublicCouncil>(
    db,
    sql`select c.id, c.name, p.name_zh as "placeNameZh", p.name_en as "placeNameEn", c.status
        from councils c join places p on p.id = c.place_id
        where starts_with(${place.path}, p.path) order by length(p.path) desc, c.name limit 50`,
  );
}

/** One council as anyone may see it: its name and place, nothing of its members. */
export async function publicCouncil(db: Executor, id: string): Promise<PublicCouncil> {
  const [row] = await queryRows<PublicCouncil>(
    db,
    sql`select c.id, c.name, p.name_zh as "placeNameZh", p.name_en as "placeNameEn", c.status from councils c join places p on p.id = c.place_id where c.id = ${id}`,
  );
  return row ?? fail('council_not_found');
}

export interface CheckResult {
  allowed: boolean;
  status: 'forming' | 'active';
  before: Violation[];
  after: Violation[];
  members: number;
}

/**
 * Applies a membership change, or only tells what it would do (`dryRun`). A forming council
 * takes any change and becomes active the first time its members keep every rule; an active
 * council refuses a change that leaves any rule broken, naming each rule and why.
 */
export async function changeMembership(ctx: Ctx, councilId: string, change: Change, dryRun: boolean): Promise<CheckResult & { council?: CouncilView }> {
  return ctx.db.transaction(async (tx) => {
    const council = await loadCouncil(tx, ctx, councilId, 'councils.manage', !dryRun);
    const day = today(ctx);
    for (const added of change.add ?? []) {
      if (added.termEnd !== undefined && added.termEnd <= added.termStart) fail('council_term_invalid');
    }
    const wanted = [...new Set((change.add ?? []).flatMap((a) => (a.accountId ? [a.accountId] : [])))];
    if (wanted.length > 0) {
      const found = await tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, wanted));
      const missing = wanted.find((a) => !found.some((f) => f.id === a));
      if (missing) fail('council_account_not_found', { accountId: missing });
    }
    const current = await currentSeats(tx, council.id, day);
    const ids = (change.add ?? []).map(() => newId());
    const applied = applyChange(current, change, ids);
    if (!applied.ok) {
      const { code, ...details } = applied.problem;
      return fail(code, details);
    }
    const before = checkComposition(council.rules, current);
    const after = checkComposition(council.rules, applied.members);
    const allowed = council.status === 'forming' || after.length === 0;
    const result: CheckResult = { allowed, status: council.status === 'forming' && after.length === 0 ? 'active' : council.status, before, after, members: applied.members.length };
    if (dryRun) return result;
    if (!allowed) fail('council_composition_violated', { count: after.length, reasons: after.map((v) => v.reason), violations: after });

    for (const [i, added] of (change.add ?? []).entries()) {
      await tx.insert(councilMembers).values({
        id: ids[i]!,
        councilId: council.id,
        placeId: council.placeId,
        name: added.name.trim(),
        accountId: added.accountId ?? null,
        role: added.role,
        partyMember: added.partyMember,
        kind: added.kind,
        sectors: added.sectors ?? [],
        tags: added.tags ?? [],
        termStart: added.termStart,
        termEnd: added.termEnd ?? null,
      });
    }
    for (const ended of change.end ?? []) {
      await tx.update(councilMembers).set({ endedOn: day, endedReason: ended.reason?.trim() ?? null }).where(eq(councilMembers.id, ended.memberId));
    }
    for (const edit of change.change ?? []) {
      const after = applied.members.find((m) => m.id === edit.memberId)!;
      await tx.update(councilMembers).set({ role: after.role, partyMember: after.partyMember, kind: after.kind, sectors: after.sectors, tags: after.tags }).where(eq(councilMembers.id, edit.memberId));
    }
    if (result.status !== council.status) await tx.update(councils).set({ status: result.status }).where(eq(councils.id, council.id));
    const place = { id: council.placeId, path: council.path };
    // Names are kept out of the audit: ids, roles and kinds say what changed.
    await recordAudit(tx, ctx, {
      action: 'council.membership',
      entityType: 'council',
      entityId: council.id,
      place,
      before: { members: current.length, status: council.status },
      after: {
        added: (change.add ?? []).map((a, i) => ({ id: ids[i], role: a.role, kind: a.kind })),
        ended: (change.end ?? []).map((e) => e.memberId),
        changed: (change.change ?? []).map((c) => c.memberId),
        members: applied.members.length,
        status: result.status,
        violations: after.map((v) => v.rule),
      },
    });
    return { ...result, council: await view(tx, ctx, { ...council, status: result.status }) };
  });
}
