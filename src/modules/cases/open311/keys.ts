import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit/service.js';
import { sha256 } from '../../../platform/auth/service.js';
import type { Ctx } from '../../../platform/context.js';
import { fail } from '../../../platform/errors.js';
import { places } from '../../places/schema.js';
import { open311Keys } from '../schema.js';

/** A city by its code: the Open311 jurisdiction_id (440300 for Shenzhen). */
export async function jurisdiction(db: Executor, code: string): Promise<{ id: string; path: string; code: string; nameZh: string; nameEn: string } | null> {
  const [city] = await db
    .select({ id: places.id, path: places.path, code: places.code, nameZh: places.nameZh, nameEn: places.nameEn })
    .from(places)
    .where(and(eq(places.code, code), eq(places.level, 'city')));
  return city ?? null;
}

/** 192 random bits behind a recognisable `o311_` (so a leaked key is easy to grep for in logs and code). */
export const newKey = (): string => `o311_${randomBytes(24).toString('base64url')}`;
/** What is kept in the clear, to tell keys apart: `o311_` and four characters. */
const KEY_PREFIX_LENGTH = 9;

/**
 * Issues a key for an Open311 client of one city. The key is shown once; only its hash is kept,
 * with a prefix so administrators can tell keys apart.
 */
export async function createOpen311Key(ctx: Ctx, input: { jurisdiction: string; name: string }): Promise<{ key: string; prefix: string; cityName: string }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) fail('open311_key_name_required');
  return ctx.db.transaction(async (tx) => {
    const city = (await jurisdiction(tx, input.jurisdiction.trim())) ?? fail('open311_jurisdiction_unknown', { jurisdiction_id: input.jurisdiction });
    const key = newKey();
    const prefix = key.slice(0, KEY_PREFIX_LENGTH);
    const [row] = await tx.insert(open311Keys).values({ cityId: city.id, name, keyHash: sha256(key), prefix }).returning({ id: open311Keys.id });
    await recordAudit(tx, ctx, { action: 'open311.key_create', entityType: 'open311_key', entityId: row!.id, place: { id: city.id, path: city.path }, after: { name, prefix } });
    return { key, prefix, cityName: city.nameZh };
  });
}

/**
 * The live (not revoked) key with this value, or null. Only the hash is compared, in the database:
 * the key itself is never stored or logged.
 */
export async function verifyOpen311Key(db: Executor, key: string): Promise<{ id: string; cityId: string; name: string } | null> {
  if (!key.startsWith('o311_') || key.length > 100) return null;
  const [row] = await db
    .select({ id: open311Keys.id, cityId: open311Keys.cityId, name: open311Keys.name })
    .from(open311Keys)
    .where(and(eq(open311Keys.keyHash, sha256(key)), isNull(open311Keys.revokedAt)));
  return row ?? null;
}
