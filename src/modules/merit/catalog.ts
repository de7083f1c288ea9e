import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { can } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { bankFor } from './banks.js';
import { type CriterionVersion, type Evidence, type Unit, versionProblems } from './criteria.js';
import { meritCriteria, meritCriterionVersions } from './schema.js';
import { newId } from '../../platform/ids.js';

export interface VersionInput {
  nameZh: string;
  nameEn: string;
  deedType: string;
  unit: Unit;
  pointsPerUnit: number;
  dailyLimit?: number | null | undefined;
  quarterlyLimit?: number | null | undefined;
  evidence?: Evidence[] | undefined;
  validFrom: string;
  validTo?: string | null | undefined;
}

export interface VersionView extends CriterionVersion {
  id: string;
  nameZh: string;
  nameEn: string;
  createdAt: string;
}

export interface CriterionView {
  id: string;
  placeId: string;
  code: string;
  versions: VersionView[];
}

const VERSION_COLUMNS = sql`v.id, v.criterion_id as "criterionId", v.version, v.name_zh as "nameZh", v.name_en as "nameEn", v.deed_type as "deedType", v.unit,
  v.points_per_unit as "pointsPerUnit", v.daily_limit as "dailyLimit", v.quarterly_limit as "quarterlyLimit", v.evidence,
  to_char(v.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(v.valid_to, 'YYYY-MM-DD') as "validTo", v.created_at as "createdAt"`;

export async function versionsOf(db: Executor, criterionId: string): Promise<VersionView[]> {
  const rows = await queryRows<VersionView & { createdAt: string | Date }>(db, sql`select ${VERSION_COLUMNS} from merit_criterion_versions v where v.criterion_id = ${criterionId} order by v.version`);
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

function checkVersion(input: VersionInput): void {
  const problems = versionProblems({ dailyLimit: input.dailyLimit ?? null, quarterlyLimit: input.quarterlyLimit ?? null, validFrom: input.validFrom, validTo: input.validTo ?? null });
  if (problems.length) fail('merit_criterion_invalid', { problems });
}

async function insertVersion(tx: Executor, ctx: Ctx, criterionId: string, version: number, input: VersionInput): Promise<void> {
  await tx.insert(meritCriterionVersions).values({
    criterionId,
    version,
    nameZh: input.nameZh.trim(),
    nameEn: input.nameEn.trim(),
    deedType: input.deedType,
    unit: input.unit,
    pointsPerUnit: input.pointsPerUnit,
    dailyLimit: input.dailyLimit ?? null,
    quarterlyLimit: input.quarterlyLimit ?? null,
    evidence: [...new Set(input.evidence ?? [])],
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    createdBy: ctx.actor.accountId,
  });
}

export async function createCriterion(ctx: Ctx, placeId: string, code: string, input: VersionInput): Promise<CriterionView> {
  return ctx.db.transaction(async (tx) => {
    const bank = await bankFor(ctx, tx, placeId, 'merit.manage');
    checkVersion(input);
    const id = newId();
    try {
      await tx.insert(meritCriteria).values({ id, placeId, code });
    } catch (error) {
      if (isUniqueViolation(error)) fail('merit_criterion_code_taken', { code });
      throw error;
    }
    await insertVersion(tx, ctx, id, 1, input);
    await recordAudit(tx, ctx, { action: 'merit.criterion.create', entityType: 'merit_criterion', entityId: id, place: { id: placeId, path: bank.path }, after: { code, ...input } });
    return { id, placeId, code, versions: await versionsOf(tx, id) };
  });
}

async function criterionFor(ctx: Ctx, db: Executor, criterionId: string, permission: 'merit.manage' | 'merit.read'): Promise<{ id: string; placeId: string; code: string; path: string }> {
  const [row] = await queryRows<{ id: string; placeId: string; code: string; path: string }>(
    db,
    sql`select c.id, c.place_id as "placeId", c.code, p.path from merit_criteria c join places p on p.id = c.place_id where c.id = ${criterionId}`,
  );
  if (!row || !can(ctx.actor, permission, row.path)) return fail('merit_criterion_not_found');
  return row;
}

/**
 * A change to a criterion is its next version, valid from a date; the versions before stay as they
 * were, and so do the points granted under them.
 */
export async function reviseCriterion(ctx: Ctx, criterionId: string, input: VersionInput): Promise<CriterionView> {
  checkVersion(input);
  return ctx.db.transaction(async (tx) => {
    const criterion = await criterionFor(ctx, tx, criterionId, 'merit.manage');
    // The criterion row is locked so that two revisions at once do not take the same number.
    await tx.execute(sql`select 1 from merit_criteria where id = ${criterionId} for update`);
    const [last] = await queryRows<{ version: number }>(tx, sql`select max(version)::int as version from merit_criterion_versions where criterion_id = ${criterionId}`);
    await insertVersion(tx, ctx, criterionId, (last?.version ?? 0) + 1, input);
    await recordAudit(tx, ctx, { action: 'merit.criterion.revise', entityType: 'merit_criterion', entityId: criterionId, place: { id: criterion.placeId, path: criterion.path }, after: input });
    return { id: criterionId, placeId: criterion.placeId, code: criterion.code, versions: await versionsOf(tx, criterionId) };
  });
}

export async function criteriaOf(db: Executor, placeId: string): Promise<CriterionView[]> {
  const rows = await queryRows<{ id: string; placeId: string; code: string }>(db, sql`select id, place_id as "placeId", code from merit_criteria where place_id = ${placeId} order by code`);
  return Promise.all(rows.map(async (r) => ({ ...r, versions: await versionsOf(db, r.id) })));
}

export async function listCriteria(ctx: Ctx, placeId: string): Promise<CriterionView[]> {
  await bankFor(ctx, ctx.db, placeId, 'merit.read');
  return criteriaOf(ctx.db, placeId);
}
