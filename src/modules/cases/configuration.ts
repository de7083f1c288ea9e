import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { requirePlace } from '../places/service.js';
import { settingsProblem, type SlaPolicy, type WorkCalendar } from './deadlines.js';
import { locate } from './intake.js';
import { isValidNumberPrefix } from './numbering.js';
import { caseSettings } from './schema.js';
import { type CaseSettings, settingsFor } from './settings.js';

export interface SettingsPatch {
  /** null clears the place's own value, so the one above applies again. */
  numberPrefix?: string | null | undefined;
  calendar?: WorkCalendar | null | undefined;
  policies?: SlaPolicy[] | null | undefined;
  whistleMinutes?: number | null | undefined;
}

/** The settings in force at a place (merged from the places above) and those set on the place itself. */
export async function readCaseSettings(ctx: Ctx, placeId: string): Promise<{ effective: CaseSettings; own: SettingsPatch }> {
  const place = await requirePlace(ctx.db, placeId);
  authorize(ctx, 'cases.read', place.path);
  const located = await locate(ctx.db, placeId);
  const [own] = await ctx.db.select().from(caseSettings).where(eq(caseSettings.placeId, placeId));
  return {
    effective: await settingsFor(ctx.db, place.path, located.cityCode!),
    own: { numberPrefix: own?.numberPrefix ?? null, calendar: (own?.calendar as WorkCalendar | null) ?? null, policies: (own?.policies as SlaPolicy[] | null) ?? null, whistleMinutes: own?.whistleMinutes ?? null },
  };
}

/**
 * Sets a place's numbering prefix, work calendar, service-level policies or whistle window.
 * Cases already dispatched keep the deadlines they were given; new dispatches use the new rules.
 */
export async function updateCaseSettings(ctx: Ctx, placeId: string, patch: SettingsPatch): Promise<{ effective: CaseSettings; own: SettingsPatch }> {
  const place = await requirePlace(ctx.db, placeId);
  authorize(ctx, 'cases.configure', place.path);
  if (patch.numberPrefix && !isValidNumberPrefix(patch.numberPrefix)) fail('case_number_prefix_invalid');
  const problem = settingsProblem(patch.calendar ?? undefined, patch.policies ?? undefined);
  if (problem) fail(problem);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(caseSettings).where(eq(caseSettings.placeId, placeId));
    const values = { ...patch, updatedAt: ctx.now() };
    await tx.insert(caseSettings).values({ placeId, ...values }).onConflictDoUpdate({ target: caseSettings.placeId, set: values });
    await recordAudit(tx, ctx, { action: 'case_settings.update', entityType: 'place', entityId: placeId, place: { id: place.id, path: place.path }, before: before ?? null, after: patch });
  });
  return readCaseSettings(ctx, placeId);
}
