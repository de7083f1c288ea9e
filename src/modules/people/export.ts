import { and, asc, eq, like, type SQL } from 'drizzle-orm';
import type { Locale } from '../../config.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, inScope } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { places } from '../places/schema.js';
import { codesOf, requirePlace } from '../places/service.js';
import { booleanWord, genderWord, headersFor, residencyWord, vulnerableWords } from './rows.js';
import { households, residents } from './schema.js';
import type { Sheet } from './spreadsheet.js';

/**
 * Residents of a place (or of all the actor's places) as a sheet in the import layout. Phone and
 * ID numbers are masked unless `unmasked` is asked for and the actor may see them; either way
 * the export itself goes on the audit log.
 */
export async function exportResidents(ctx: Ctx, options: { placeId?: string | undefined; unmasked: boolean; locale: Locale }): Promise<Sheet> {
  const conditions: (SQL | undefined)[] = [inScope(ctx, 'people.read', places.path)];
  const place = options.placeId ? await requirePlace(ctx.db, options.placeId) : null;
  if (place) {
    authorize(ctx, 'people.read', place.path);
    conditions.push(like(places.path, `${place.path}%`));
  }
  if (options.unmasked) {
    authorize(ctx, 'people.revealPhone', place?.path ?? '/');
    authorize(ctx, 'people.revealIdNumber', place?.path ?? '/');
  }
  const rows = await ctx.db
    .select({ r: residents, path: places.path, number: households.number, address: households.address })
    .from(residents)
    .innerJoin(places, eq(places.id, residents.placeId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(...conditions))
    .orderBy(asc(places.path), asc(households.number), asc(residents.birthYear), asc(residents.id));

  const codes = new Map<string, string>();
  for (const { path } of rows) if (!codes.has(path)) codes.set(path, (await codesOf(ctx.db, path)).join('/'));
  const { locale } = options;
  const sheet: Sheet = {
    headers: headersFor(locale),
    rows: rows.map(({ r, path, number, address }) => [
      codes.get(path)!,
      number ?? '',
      address ?? '',
      r.householdRole ?? '',
      r.name,
      genderWord(r.gender, locale),
      r.birthYear ? String(r.birthYear) : '',
      (options.unmasked ? r.phoneCipher && ctx.vault.open(r.phoneCipher) : r.phoneMasked) ?? '',
      (options.unmasked ? r.idCipher && ctx.vault.open(r.idCipher) : r.idMasked) ?? '',
      residencyWord(r.residency, locale),
      booleanWord(r.partyMember, locale),
      vulnerableWords(r.vulnerableGroups, locale),
    ]),
  };
  await recordAudit(ctx.db, ctx, {
    action: 'resident.export',
    entityType: 'resident',
    entityId: place?.id ?? '*',
    place: place ? { id: place.id, path: place.path } : null,
    after: { rows: sheet.rows.length, unmasked: options.unmasked },
  });
  return sheet;
}
