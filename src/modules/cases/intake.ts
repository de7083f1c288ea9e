import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { can } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { categories, departments } from '../departments/schema.js';
import { maskPhone, normalizePhone } from '../people/rules.js';
import { formatCaseNumber } from './numbering.js';
import { suggestDepartment } from './routing.js';
import { caseEvents, cases, caseSubmissions } from './schema.js';
import { settingsFor } from './settings.js';
import type { Channel, Priority } from './workflow.js';

export interface CaseInput {
  placeId: string;
  description: string;
  address?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  photos?: string[] | undefined;
  /** Staff say how the request came in; a resident on the portal is always `web`. */
  channel?: Channel | undefined;
  priority?: Priority | undefined;
  categoryId?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  anonymous?: boolean | undefined;
  mayContact?: boolean | undefined;
}

/** Who is submitting, for idempotency and for the record: a logged-in account, an Open311 key, or a phone number. */
export type Submitter = { kind: 'actor' } | { kind: 'open311'; keyId: string; keyName: string };

export interface Submitted {
  id: string;
  number: string;
  /** True when the key had been used before: the earlier case is answered, nothing new is made. */
  replayed: boolean;
}

interface Located {
  id: string;
  path: string;
  cityId: string | null;
  cityCode: string | null;
}

/** A place and the city whose one-number line serves it, in one query. */
export async function locate(db: Executor, placeId: string): Promise<Located> {
  const [row] = await queryRows<Located>(
    db,
    sql`select p.id, p.path, c.id as "cityId", c.code as "cityCode"
        from places p left join places c on c.level = 'city' and starts_with(p.path, c.path)
        where p.id = ${placeId}`,
  );
  if (!row) return fail('place_not_found');
  if (!row.cityId) return fail('case_place_invalid');
  return row;
}

const VISIBLE_KEY = /^[\x21-\x7e]{1,100}$/;

/**
 * Takes a request from any channel: one transaction claims the idempotency key, numbers the case,
 * asks the router for a department, stores the case, its first timeline entry and the audit entry.
 * A second submission with the same key from the same submitter answers the first case.
 */
export async function submitCase(ctx: Ctx, input: CaseInput, idempotencyKey?: string | undefined, submitter: Submitter = { kind: 'actor' }): Promise<Submitted> {
  if (idempotencyKey !== undefined && !VISIBLE_KEY.test(idempotencyKey)) fail('idempotency_key_invalid');
  const phone = input.contactPhone ? (normalizePhone(input.contactPhone) ?? fail('phone_invalid')) : null;
  const loggedIn = ctx.actor.accountId !== null;
  // Someone must be able to reach the requester: an account, a phone number, or staff who took it down.
  if (!loggedIn && ctx.actor.via !== 'system' && submitter.kind === 'actor' && !phone) fail('case_contact_required');
  const phoneHash = phone ? ctx.vault.blindIndex(phone) : null;
  const suggestion = suggestDepartment(input.description);

  return ctx.db.transaction(async (tx) => {
    const place = await locate(tx, input.placeId);
    const staff = submitter.kind === 'actor' && can(ctx.actor, 'cases.intake', place.path);
    const channel: Channel = submitter.kind === 'open311' ? 'open311' : staff ? (input.channel ?? 'phone') : 'web';
    const id = newId();

    if (idempotencyKey !== undefined) {
      const who = submitter.kind === 'open311' ? `open311:${submitter.keyId}` : loggedIn ? `account:${ctx.actor.accountId}` : phoneHash ? `phone:${phoneHash}` : ctx.actor.username;
      const claimed = await tx.insert(caseSubmissions).values({ submitter: who, key: idempotencyKey, caseId: id }).onConflictDoNothing().returning();
      if (claimed.length === 0) {
        const [earlier] = await tx
          .select({ id: cases.id, number: cases.number })
          .from(caseSubmissions)
          .innerJoin(cases, eq(cases.id, caseSubmissions.caseId))
          .where(and(eq(caseSubmissions.submitter, who), eq(caseSubmissions.key, idempotencyKey)));
        return { ...earlier!, replayed: true };
      }
    }

    const [settings, suggested, category] = await Promise.all([
      settingsFor(tx, place.path, place.cityCode!),
      tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.placeId, place.cityId!), eq(departments.code, suggestion.department), isNull(departments.retiredAt))),
      input.categoryId
        ? tx.select({ id: categories.id }).from(categories).where(and(eq(categories.id, input.categoryId), eq(categories.placeId, place.cityId!), isNull(categories.retiredAt)))
        : Promise.resolve([]),
    ]);
    if (input.categoryId && category.length === 0) fail('case_category_invalid');
    const [serial] = await queryRows<{ n: string }>(tx, sql`select nextval('case_number_seq') as n`);
    const now = ctx.now();
    const number = formatCaseNumber(settings.numberPrefix, now.getFullYear(), BigInt(serial!.n));

    await tx.insert(cases).values({
      id,
      number,
      cityId: place.cityId!,
      placeId: place.id,
      channel,
      priority: staff ? (input.priority ?? 'normal') : 'normal',
      description: input.description.trim(),
      address: input.address?.trim() ?? '',
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      photos: input.photos ?? [],
      categoryId: input.categoryId ?? null,
      suggestedDepartmentId: suggested[0]?.id ?? null,
      suggestedConfidence: suggested[0] ? suggestion.confidence : null,
      residentId: staff ? null : ctx.actor.residentId,
      requesterAccountId: staff ? null : ctx.actor.accountId,
      contactName: input.contactName?.trim() || null,
      contactPhoneCipher: phone ? ctx.vault.seal(phone) : null,
      contactPhoneHash: phoneHash,
      contactPhoneMasked: phone ? maskPhone(phone) : null,
      anonymous: input.anonymous ?? false,
      mayContact: input.mayContact ?? true,
      receivedAt: now,
    });
    const actorName = submitter.kind === 'open311' ? `open311:${submitter.keyName}` : ctx.actor.username;
    await tx.insert(caseEvents).values({
      caseId: id,
      cityId: place.cityId!,
      at: now,
      kind: 'received',
      toStatus: 'received',
      actorId: ctx.actor.accountId,
      actorName,
      public: true,
      data: { channel },
    });
    await recordAudit(tx, ctx, {
      action: 'case.submit',
      entityType: 'case',
      entityId: id,
      place: { id: place.id, path: place.path },
      // No contact details in the audit log: they live sealed on the case.
      after: { number, channel, suggested: suggestion.department, via: submitter.kind === 'open311' ? `open311:${submitter.keyName}` : undefined },
    });
    return { id, number, replayed: false };
  });
}

/** The anonymous portal's actor: nobody logged in, no grants. */
export const anonymousCtx = (deps: Deps, requestId: string | null): Ctx => ({
  ...deps,
  requestId,
  actor: { accountId: null, username: 'anonymous', displayName: 'anonymous', residentId: null, grants: [], via: 'session' },
});
