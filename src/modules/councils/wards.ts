import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Locale } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { type CouncilRow, currentSeats, loadCouncil, today } from './councils.js';
import { meetings, wardElections, wardNominations, wardPlaces, wards } from './schema.js';
import { divideByPopulation, electLeader, populationSpread } from './wards-division.js';

/** A place one level below the council's, with the residents registered in it and under it. */
export interface WardUnit {
  id: string;
  nameZh: string;
  nameEn: string;
  population: number;
  /** New (migrant) residents among them: the Harmony Promotion Associations were made for them. */
  newResidents: number;
}

export interface WardView {
  id: string;
  name: string;
  places: WardUnit[];
  population: number;
  newResidents: number;
  nominees: { memberId: string; name: string }[];
  leader: { memberId: string; name: string; electedAt: string; tally: { memberId: string; votes: number }[] } | null;
}

export interface Division {
  wards: { name: string; places: WardUnit[]; population: number; newResidents: number }[];
  /** (heaviest − lightest) ÷ mean ward population. */
  spread: number;
}

/** Ward queries need only which council, and its place. */
type CouncilKey = Pick<CouncilRow, 'id' | 'placeId'>;

async function unitsOf(db: Executor, council: CouncilKey): Promise<WardUnit[]> {
  return queryRows<WardUnit>(
    db,
    sql`select p.id, p.name_zh as "nameZh", p.name_en as "nameEn",
          (select count(*)::int from residents r join places q on q.id = r.place_id where starts_with(q.path, p.path)) as population,
          (select count(*)::int from residents r join places q on q.id = r.place_id where starts_with(q.path, p.path) and r.residency = 'new') as "newResidents"
        from places p where p.parent_id = ${council.placeId} order by p.code, p.id`,
  );
}

const sum = (units: WardUnit[], key: 'population' | 'newResidents') => units.reduce((a, u) => a + u[key], 0);

/** A division of the council's place into `count` wards of neighbouring places, as even in population as it can be. Nothing is saved. */
export async function proposeDivision(ctx: Ctx, councilId: string, count: number, locale: Locale): Promise<Division> {
  const council = await loadCouncil(ctx.db, ctx, councilId, 'councils.manage');
  const units = await unitsOf(ctx.db, council);
  if (count > units.length) fail('ward_count_too_large', { places: units.length });
  const groups = divideByPopulation(units, count);
  const made = groups.map((places, i) => ({ name: wardName(locale, i), places, population: sum(places, 'population'), newResidents: sum(places, 'newResidents') }));
  return { wards: made, spread: populationSpread(made.map((w) => w.population)) };
}

const wardName = (locale: Locale, i: number) => (locale === 'en' ? `Ward ${i + 1}` : `第${i + 1}片区`);

/**
 * Draws the wards: every place one level below the council's in exactly one ward. The wards
 * before are retired (their nominations and elections stay on record).
 */
export async function divideIntoWards(ctx: Ctx, councilId: string, input: { name: string; placeIds: string[] }[]): Promise<WardView[]> {
  return ctx.db.transaction(async (tx) => {
    const council = await loadCouncil(tx, ctx, councilId, 'councils.manage', true);
    const units = await unitsOf(tx, council);
    const given = input.flatMap((w) => w.placeIds);
    const foreign = given.find((id) => !units.some((u) => u.id === id));
    if (foreign) fail('ward_place_invalid', { placeId: foreign });
    const twice = given.find((id, i) => given.indexOf(id) !== i);
    if (twice) fail('ward_place_repeated', { placeId: twice });
    const left = units.filter((u) => !given.includes(u.id));
    if (left.length > 0) fail('ward_place_missing', { places: left.map((u) => u.nameZh).join('、') });
    if (input.some((w) => w.placeIds.length === 0)) fail('ward_empty');
    await tx.update(wards).set({ retiredAt: ctx.now() }).where(and(eq(wards.councilId, council.id), isNull(wards.retiredAt)));
    for (const [seq, ward] of input.entries()) {
      const id = newId();
      await tx.insert(wards).values({ id, councilId: council.id, placeId: council.placeId, name: ward.name.trim(), seq, createdBy: ctx.actor.accountId });
      await tx.insert(wardPlaces).values(ward.placeIds.map((placeId) => ({ wardId: id, placeId })));
    }
    await recordAudit(tx, ctx, { action: 'council.wards', entityType: 'council', entityId: council.id, place: { id: council.placeId, path: council.path }, after: { wards: input.map((w) => ({ name: w.name, places: w.placeIds.length })) } });
    return wardsOf(tx, council);
  });
}

export async function listWards(ctx: Ctx, councilId: string): Promise<WardView[]> {
  return wardsOf(ctx.db, await loadCouncil(ctx.db, ctx, councilId, 'councils.read'));
}

async function wardsOf(db: Executor, council: CouncilKey): Promise<WardView[]> {
  const current = await db.select({ id: wards.id, name: wards.name }).from(wards).where(and(eq(wards.councilId, council.id), isNull(wards.retiredAt))).orderBy(wards.seq);
  if (current.length === 0) return [];
  const ids = current.map((w) => w.id);
  const units = await unitsOf(db, council);
  const placed = await db.select().from(wardPlaces).where(inArray(wardPlaces.wardId, ids));
  const nominees = await queryRows<{ wardId: string; memberId: string; name: string }>(
    db,
    sql`select n.ward_id as "wardId", n.member_id as "memberId", m.name from ward_nominations n join council_members m on m.id = n.member_id
        where n.ward_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) order by n.created_at, n.id`,
  );
  const elections = await queryRows<{ wardId: string; memberId: string; name: string; electedAt: string; tally: { memberId: string; votes: number }[] }>(
    db,
    sql`select distinct on (e.ward_id) e.ward_id as "wardId", e.leader_member_id as "memberId", m.name, e.created_at as "electedAt", e.tally
        from ward_elections e join council_members m on m.id = e.leader_member_id
        where e.ward_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) order by e.ward_id, e.created_at desc, e.id desc`,
  );
  return current.map((w) => {
    const places = units.filter((u) => placed.some((p) => p.wardId === w.id && p.placeId === u.id));
    const won = elections.find((e) => e.wardId === w.id);
    return {
      id: w.id,
      name: w.name,
      places,
      population: sum(places, 'population'),
      newResidents: sum(places, 'newResidents'),
      nominees: nominees.filter((n) => n.wardId === w.id).map(({ memberId, name }) => ({ memberId, name })),
      leader: won ? { memberId: won.memberId, name: won.name, electedAt: new Date(won.electedAt).toISOString(), tally: won.tally } : null,
    };
  });
}

async function loadWard(tx: Executor, ctx: Ctx, wardId: string) {
  const [ward] = await tx.select({ id: wards.id, councilId: wards.councilId, retiredAt: wards.retiredAt }).from(wards).where(eq(wards.id, wardId));
  if (!ward) return fail('ward_not_found');
  const council = await loadCouncil(tx, ctx, ward.councilId, 'councils.manage', true);
  if (ward.retiredAt) fail('ward_retired');
  return { ward, council };
}

/** Puts a current member of the council forward to lead one of its wards. */
export async function nominateForWard(ctx: Ctx, wardId: string, memberId: string): Promise<WardView[]> {
  return ctx.db.transaction(async (tx) => {
    const { ward, council } = await loadWard(tx, ctx, wardId);
    const seats = await currentSeats(tx, council.id, today(ctx));
    if (!seats.some((s) => s.id === memberId)) fail('council_member_not_found');
    const [already] = await tx.select({ id: wardNominations.id }).from(wardNominations).where(and(eq(wardNominations.wardId, ward.id), eq(wardNominations.memberId, memberId)));
    if (already) fail('ward_already_nominated');
    await tx.insert(wardNominations).values({ id: newId(), wardId: ward.id, memberId, nominatedBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'ward.nominate', entityType: 'council', entityId: council.id, place: { id: council.placeId, path: council.path }, after: { wardId: ward.id, memberId } });
    return wardsOf(tx, council);
  });
}

/**
 * Records the count of a ward's election: every nominee's votes, and the meeting it was held in
 * if any. The most votes leads the ward; a tie is refused with those tied, to vote again.
 */
export async function recordWardElection(ctx: Ctx, wardId: string, input: { tally: { memberId: string; votes: number }[]; meetingId?: string | undefined }): Promise<WardView[]> {
  return ctx.db.transaction(async (tx) => {
    const { ward, council } = await loadWard(tx, ctx, wardId);
    const nominated = await tx.select({ memberId: wardNominations.memberId }).from(wardNominations).where(eq(wardNominations.wardId, ward.id));
    const stranger = input.tally.find((t) => !nominated.some((n) => n.memberId === t.memberId));
    if (stranger) fail('ward_not_nominated', { memberId: stranger.memberId });
    const counted = new Set(input.tally.map((t) => t.memberId));
    if (counted.size !== input.tally.length || counted.size !== nominated.length) fail('ward_tally_incomplete', { nominees: nominated.length });
    if (input.meetingId) {
      const [meeting] = await tx.select({ councilId: meetings.councilId }).from(meetings).where(eq(meetings.id, input.meetingId));
      if (meeting?.councilId !== council.id) fail('meeting_not_found');
    }
    const outcome = electLeader(input.tally);
    if ('tied' in outcome) return fail('ward_election_tied', { tied: outcome.tied.length });
    await tx.insert(wardElections).values({ id: newId(), wardId: ward.id, tally: input.tally, leaderMemberId: outcome.leader, meetingId: input.meetingId ?? null, recordedBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'ward.elect', entityType: 'council', entityId: council.id, place: { id: council.placeId, path: council.path }, after: { wardId: ward.id, leader: outcome.leader, tally: input.tally } });
    return wardsOf(tx, council);
  });
}

/** The wards of a council for anyone: places, population and leader; nominees and counts stay with the council. */
export async function publicWards(db: Executor, councilId: string): Promise<{ name: string; places: string[]; population: number; leader: string | null }[]> {
  const [council] = await queryRows<CouncilKey>(db, sql`select id, place_id as "placeId" from councils where id = ${councilId}`);
  if (!council) return fail('council_not_found');
  return (await wardsOf(db, council)).map((w) => ({ name: w.name, places: w.places.map((p) => p.nameZh), population: w.population, leader: w.leader?.name ?? null }));
}
