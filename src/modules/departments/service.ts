import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { explainDuplicate } from '../../db/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import type { PlaceRow } from '../places/schema.js';
import { requirePlace } from '../places/service.js';
import { DEFAULT_CATALOG } from './catalog.js';
import { type CatalogEntry, isCityLevel, isValidCatalogCode, missingFromCatalog } from './rules.js';
import { categories, type CategoryRow, departments, type DepartmentRow } from './schema.js';
import type { CategoryView, DepartmentView } from './views.js';

const categoryView = (c: CategoryRow): CategoryView => ({ id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, retired: c.retiredAt !== null });

const departmentView = (d: DepartmentRow, cats: CategoryRow[]): DepartmentView => ({
  id: d.id,
  cityId: d.placeId,
  code: d.code,
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  handles: d.handles,
  retired: d.retiredAt !== null,
  categories: cats.filter((c) => c.departmentId === d.id).map(categoryView),
});

/** The catalog of one city (or of every city), departments with their categories, by code. */
export async function listDepartments(deps: Deps, query: { cityId?: string | undefined; includeRetired?: boolean | undefined }): Promise<DepartmentView[]> {
  const conditions: (SQL | undefined)[] = [query.cityId ? eq(departments.placeId, query.cityId) : undefined];
  if (!query.includeRetired) conditions.push(isNull(departments.retiredAt));
  const rows = await deps.db.select().from(departments).where(and(...conditions)).orderBy(asc(departments.placeId), asc(departments.code));
  if (rows.length === 0) return [];
  const cats = await deps.db
    .select()
    .from(categories)
    .where(and(inArray(categories.departmentId, rows.map((d) => d.id)), query.includeRetired ? undefined : isNull(categories.retiredAt)))
    .orderBy(asc(categories.code));
  return rows.map((d) => departmentView(d, cats));
}

async function requireCity(db: Executor, ctx: Ctx, cityId: string): Promise<PlaceRow> {
  const city = await requirePlace(db, cityId);
  authorize(ctx, 'catalog.write', city.path);
  if (!isCityLevel(city.level)) fail('place_not_city');
  return city;
}

async function requireDepartment(db: Executor, id: string): Promise<DepartmentRow> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row ?? fail('department_not_found');
}

const checkCode = (code: string) => {
  if (!isValidCatalogCode(code)) fail('catalog_code_format', { code });
};

/**
 * Adds the default catalog's departments and categories that the city lacks, in the caller's
 * transaction; what the city has renamed or retired is left alone. Returns what was added.
 */
export async function loadDefaultCatalogIn(tx: Executor, ctx: Ctx, cityId: string, catalog: CatalogEntry[] = DEFAULT_CATALOG): Promise<{ departments: number; categories: number }> {
  const city = await requireCity(tx, ctx, cityId);
  const existing = await tx.select().from(departments).where(eq(departments.placeId, city.id));
  const existingCategories = existing.length
    ? await tx.select({ departmentId: categories.departmentId, code: categories.code }).from(categories).where(eq(categories.placeId, city.id))
    : [];
  const missing = missingFromCatalog(
    catalog,
    existing.map((d) => ({ code: d.code, categoryCodes: existingCategories.filter((c) => c.departmentId === d.id).map((c) => c.code) })),
  );
  const added = { departments: 0, categories: 0 };
  for (const { department, isNew, categories: newCategories } of missing) {
    let departmentId = existing.find((d) => d.code === department.code)?.id;
    if (isNew) {
      const [row] = await tx
        .insert(departments)
        .values({ placeId: city.id, code: department.code, nameZh: department.zh, nameEn: department.en, handles: department.handles })
        .returning({ id: departments.id });
      departmentId = row!.id;
      added.departments++;
    }
    if (newCategories.length) {
      await tx.insert(categories).values(newCategories.map((c) => ({ placeId: city.id, departmentId: departmentId!, code: c.code, nameZh: c.zh, nameEn: c.en })));
      added.categories += newCategories.length;
    }
  }
  if (added.departments || added.categories) {
    await recordAudit(tx, ctx, { action: 'catalog.load_defaults', entityType: 'place', entityId: city.id, place: city, after: added });
  }
  return added;
}

export const loadDefaultCatalog = (ctx: Ctx, cityId: string) => ctx.db.transaction((tx) => loadDefaultCatalogIn(tx, ctx, cityId));

async function viewOf(db: Executor, departmentId: string): Promise<DepartmentView> {
  const department = await requireDepartment(db, departmentId);
  const cats = await db.select().from(categories).where(eq(categories.departmentId, departmentId)).orderBy(asc(categories.code));
  return departmentView(department, cats);
}

export interface DepartmentInput {
  cityId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  handles?: string | undefined;
}

export async function createDepartment(ctx: Ctx, input: DepartmentInput): Promise<DepartmentView> {
  checkCode(input.code);
  return ctx.db.transaction(async (tx) => {
    const city = await requireCity(tx, ctx, input.cityId);
    const values = { placeId: city.id, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, handles: input.handles ?? '' };
    // In a savepoint, so that a refused insert leaves the transaction usable on PostgreSQL.
    const [row] = await explainDuplicate(
      () => tx.transaction((sp) => sp.insert(departments).values(values).returning()),
      'departments_code_in_city',
      () => fail('department_code_taken', { code: input.code }),
    );
    await recordAudit(tx, ctx, { action: 'department.create', entityType: 'department', entityId: row!.id, place: city, after: values });
    return departmentView(row!, []);
  });
}

export interface DepartmentPatch {
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  handles?: string | undefined;
  /** Retired departments take no new cases; their history stays. */
  retired?: boolean | undefined;
}

const retirement = (retired: boolean | undefined, now: Date) => (retired === undefined ? {} : { retiredAt: retired ? now : null });

export async function updateDepartment(ctx: Ctx, id: string, patch: DepartmentPatch): Promise<DepartmentView> {
  return ctx.db.transaction(async (tx) => {
    const before = await requireDepartment(tx, id);
    const city = await requireCity(tx, ctx, before.placeId);
    const { retired, ...names } = patch;
    await tx.update(departments).set({ ...names, ...retirement(retired, ctx.now()), updatedAt: ctx.now() }).where(eq(departments.id, id));
    await recordAudit(tx, ctx, {
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      place: city,
      before: { nameZh: before.nameZh, nameEn: before.nameEn, handles: before.handles, retired: before.retiredAt !== null },
      after: patch,
    });
    return viewOf(tx, id);
  });
}

export async function createCategory(ctx: Ctx, departmentId: string, input: { code: string; nameZh: string; nameEn: string }): Promise<DepartmentView> {
  checkCode(input.code);
  return ctx.db.transaction(async (tx) => {
    const department = await requireDepartment(tx, departmentId);
    const city = await requireCity(tx, ctx, department.placeId);
    const values = { placeId: city.id, departmentId, ...input };
    const [row] = await explainDuplicate(
      () => tx.transaction((sp) => sp.insert(categories).values(values).returning()),
      'categories_code_in_department',
      () => fail('category_code_taken', { code: input.code }),
    );
    await recordAudit(tx, ctx, { action: 'category.create', entityType: 'category', entityId: row!.id, place: city, after: { department: department.code, ...input } });
    return viewOf(tx, departmentId);
  });
}

export async function updateCategory(ctx: Ctx, id: string, patch: { nameZh?: string | undefined; nameEn?: string | undefined; retired?: boolean | undefined }): Promise<DepartmentView> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(categories).where(eq(categories.id, id));
    if (!before) return fail('category_not_found');
    const city = await requireCity(tx, ctx, before.placeId);
    const { retired, ...names } = patch;
    await tx.update(categories).set({ ...names, ...retirement(retired, ctx.now()), updatedAt: ctx.now() }).where(eq(categories.id, id));
    await recordAudit(tx, ctx, {
      action: 'category.update',
      entityType: 'category',
      entityId: id,
      place: city,
      before: { nameZh: before.nameZh, nameEn: before.nameEn, retired: before.retiredAt !== null },
      after: patch,
    });
    return viewOf(tx, before.departmentId);
  });
}
