import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import type { Permission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize } from '../../platform/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { fail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { places } from '../places/schema.js';
import { occurrences, parseRecurrence } from './calendar.js';
import { currentSeats, loadCouncil, today } from './councils.js';
import { democracyDays, MEETING_FORMS, meetingInvitees, meetings, PARTICIPATION_MODES, topics } from './schema.js';
import { quorumCount } from './threshold.js';

export type MeetingForm = (typeof MEETING_FORMS)[number];
export type Mode = (typeof PARTICIPATION_MODES)[number];

export interface MeetingView {
  id: string;
  councilId: string;
  councilName: string;
  placeId: string;
  form: MeetingForm;
  title: string;
  startsAt: string;
  location: string | null;
  mode: Mode;
  agenda: { title: string; topicId?: string | undefined }[];
  status: 'scheduled' | 'held';
  minutes: string | null;
  outcomeCommunication: string | null;
  membersPresent: number | null;
  membersTotal: number | null;
  /** Whether the members present reached the council's quorum; null before attendance. */
  quorumPresent: boolean | null;
  invitees: { id: string; memberId: string | null; name: string; kind: string; attended: boolean | null }[];
}

interface MeetingRow extends Omit<MeetingView, 'invitees' | 'quorumPresent'> {
  path: string;
  quorum: number;
}

export async function loadMeeting(db: Executor, ctx: Ctx | null, id: string, permission: Permission | null): Promise<MeetingRow> {
  const [row] = await queryRows<MeetingRow>(
    db,
    sql`select m.id, m.council_id as "councilId", c.name as "councilName", m.place_id as "placeId", p.path, m.form, m.title, m.starts_at as "startsAt", m.location, m.mode,
          m.agenda, m.status, m.minutes, m.outcome_communication as "outcomeCommunication", m.members_present as "membersPresent", m.members_total as "membersTotal",
          (c.threshold->>'quorum')::float8 as quorum
        from meetings m join councils c on c.id = m.council_id join places p on p.id = m.place_id where m.id = ${id}`,
  );
  if (!row) return fail('meeting_not_found');
  if (ctx && permission) authorize(ctx, permission, row.path);
  return row;
}

export async function meetingView(db: Executor, row: MeetingRow): Promise<MeetingView> {
  const { path: _path, quorum, ...rest } = row;
  const invitees = await db
    .select({ id: meetingInvitees.id, memberId: meetingInvitees.memberId, name: meetingInvitees.name, kind: meetingInvitees.kind, attended: meetingInvitees.attended })
    .from(meetingInvitees)
    .where(eq(meetingInvitees.meetingId, row.id))
    .orderBy(meetingInvitees.kind, meetingInvitees.name);
  const quorumPresent = row.membersPresent === null || row.membersTotal === null ? null : row.membersPresent >= quorumCount(quorum, row.membersTotal);
  return {
    ...rest,
    startsAt: new Date(rest.startsAt).toISOString(),
    quorumPresent,
    invitees,
  };
}

export interface MeetingInput {
  form: MeetingForm;
  title: string;
  startsAt: string;
  location?: string | undefined;
  mode: Mode;
  agenda?: { title: string; topicId?: string | undefined }[] | undefined;
  /** Invite every current member (the default), plus these others by name. */
  inviteMembers?: boolean | undefined;
  guests?: { name: string; kind: 'representative' | 'resident' | 'official' }[] | undefined;
}

export async function scheduleMeeting(ctx: Ctx, councilId: string, input: MeetingInput): Promise<MeetingView> {
  return ctx.db.transaction(async (tx) => {
    const council = await loadCouncil(tx, ctx, councilId, 'councils.manage');
    const agenda = input.agenda ?? [];
    const topicIds = await agendaTopics(tx, council.id, agenda);
    const id = newId();
    await tx.insert(meetings).values({
      id,
      councilId: council.id,
      placeId: council.placeId,
      form: input.form,
      title: input.title.trim(),
      startsAt: new Date(input.startsAt),
      location: input.location?.trim() || null,
      mode: input.mode,
      agenda: cleanAgenda(agenda),
      createdBy: ctx.actor.accountId,
    });
    const members = input.inviteMembers === false ? [] : await currentSeats(tx, council.id, today(ctx));
    const invitees = [
      ...members.map((m) => ({ id: newId(), meetingId: id, placeId: council.placeId, memberId: m.id, name: m.name, kind: 'member' as const })),
      ...(input.guests ?? []).map((g) => ({ id: newId(), meetingId: id, placeId: council.placeId, memberId: null, name: g.name.trim(), kind: g.kind })),
    ];
    if (invitees.length > 0) await tx.insert(meetingInvitees).values(invitees);
    if (topicIds.length > 0) await tx.update(topics).set({ meetingId: id }).where(inArray(topics.id, topicIds));
    await recordAudit(tx, ctx, { action: 'meeting.schedule', entityType: 'meeting', entityId: id, place: { id: council.placeId, path: council.path }, after: { form: input.form, title: input.title, startsAt: input.startsAt, invitees: invitees.length } });
    return meetingView(tx, await loadMeeting(tx, ctx, id, 'councils.manage'));
  });
}

type AgendaItem = MeetingView['agenda'][number];

const cleanAgenda = (agenda: AgendaItem[]): AgendaItem[] => agenda.map((a) => ({ title: a.title.trim(), ...(a.topicId ? { topicId: a.topicId } : {}) }));

/** The topics an agenda takes up, refused when one is not a topic of this council. */
async function agendaTopics(db: Executor, councilId: string, agenda: AgendaItem[]): Promise<string[]> {
  const topicIds = agenda.flatMap((a) => (a.topicId ? [a.topicId] : []));
  if (topicIds.length === 0) return [];
  const found = await db.select({ id: topics.id }).from(topics).where(and(inArray(topics.id, topicIds), eq(topics.councilId, councilId)));
  const missing = topicIds.find((id) => !found.some((f) => f.id === id));
  if (missing) fail('topic_not_found', { topicId: missing });
  return topicIds;
}

export interface MeetingPlan {
  title?: string | undefined;
  startsAt?: string | undefined;
  location?: string | null | undefined;
  mode?: Mode | undefined;
  agenda?: AgendaItem[] | undefined;
}

/**
 * Changes the plan of a meeting not yet held (its title, time, place, how to take part, the
 * agenda): plans move. Topics dropped from the agenda are free for another meeting again. Once
 * the minutes are in, the meeting is a record and its plan stays as it was.
 */
export async function changeMeetingPlan(ctx: Ctx, id: string, plan: MeetingPlan): Promise<MeetingView> {
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, ctx, id, 'councils.manage');
    if (meeting.status === 'held') fail('meeting_already_held');
    const changes: Partial<typeof meetings.$inferInsert> = {};
    if (plan.title !== undefined) changes.title = plan.title.trim();
    if (plan.startsAt !== undefined) changes.startsAt = new Date(plan.startsAt);
    if (plan.location !== undefined) changes.location = plan.location?.trim() || null;
    if (plan.mode !== undefined) changes.mode = plan.mode;
    if (plan.agenda !== undefined) {
      const topicIds = await agendaTopics(tx, meeting.councilId, plan.agenda);
      changes.agenda = cleanAgenda(plan.agenda);
      const dropped = and(eq(topics.meetingId, meeting.id), topicIds.length > 0 ? notInArray(topics.id, topicIds) : undefined);
      await tx.update(topics).set({ meetingId: null }).where(dropped);
      if (topicIds.length > 0) await tx.update(topics).set({ meetingId: meeting.id }).where(inArray(topics.id, topicIds));
    }
    await tx.update(meetings).set(changes).where(eq(meetings.id, meeting.id));
    const before = Object.fromEntries(Object.keys(changes).map((key) => [key, meeting[key as keyof MeetingRow]]));
    await recordAudit(tx, ctx, { action: 'meeting.plan', entityType: 'meeting', entityId: meeting.id, place: { id: meeting.placeId, path: meeting.path }, before, after: changes });
    return meetingView(tx, await loadMeeting(tx, ctx, id, 'councils.manage'));
  });
}

export interface MeetingSummary {
  id: string;
  form: MeetingForm;
  title: string;
  startsAt: string;
  mode: Mode;
  status: 'scheduled' | 'held';
  membersPresent: number | null;
  membersTotal: number | null;
}

/** A council's meetings, the latest first, for its office. */
export async function listMeetings(ctx: Ctx, councilId: string): Promise<MeetingSummary[]> {
  const council = await loadCouncil(ctx.db, ctx, councilId, 'councils.read');
  const rows = await ctx.db
    .select({ id: meetings.id, form: meetings.form, title: meetings.title, startsAt: meetings.startsAt, mode: meetings.mode, status: meetings.status, membersPresent: meetings.membersPresent, membersTotal: meetings.membersTotal })
    .from(meetings)
    .where(eq(meetings.councilId, council.id))
    .orderBy(desc(meetings.startsAt), meetings.id)
    .limit(200);
  return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString() }));
}

export async function getMeeting(ctx: Ctx, id: string): Promise<MeetingView> {
  return meetingView(ctx.db, await loadMeeting(ctx.db, ctx, id, 'councils.read'));
}

/**
 * Records who attended (every invitee not named present is absent) and, with it, how many of the
 * council's current members were there: the quorum of the meeting and of the votes taken in it.
 */
export async function recordAttendance(ctx: Ctx, id: string, present: string[]): Promise<MeetingView> {
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, ctx, id, 'councils.manage');
    const invitees = await tx.select({ id: meetingInvitees.id, memberId: meetingInvitees.memberId }).from(meetingInvitees).where(eq(meetingInvitees.meetingId, meeting.id));
    const unknown = present.find((p) => !invitees.some((i) => i.id === p));
    if (unknown) fail('meeting_invitee_not_found', { inviteeId: unknown });
    const here = new Set(present);
    await tx.update(meetingInvitees).set({ attended: sql`${meetingInvitees.id} in (${sql.join([...here, '00000000-0000-0000-0000-000000000000'].map((p) => sql`${p}::uuid`), sql`, `)})` }).where(eq(meetingInvitees.meetingId, meeting.id));
    const seats = await currentSeats(tx, meeting.councilId, today(ctx));
    const membersPresent = invitees.filter((i) => i.memberId && here.has(i.id) && seats.some((s) => s.id === i.memberId)).length;
    await tx.update(meetings).set({ membersPresent, membersTotal: seats.length }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, ctx, { action: 'meeting.attendance', entityType: 'meeting', entityId: meeting.id, place: { id: meeting.placeId, path: meeting.path }, after: { present: present.length, membersPresent, membersTotal: seats.length } });
    return meetingView(tx, await loadMeeting(tx, ctx, id, 'councils.manage'));
  });
}

export async function recordMinutes(ctx: Ctx, id: string, input: { minutes: string; outcomeCommunication?: string | undefined }): Promise<MeetingView> {
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, ctx, id, 'councils.manage');
    await tx.update(meetings).set({ minutes: input.minutes.trim(), outcomeCommunication: input.outcomeCommunication?.trim() || null, status: 'held' }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, ctx, { action: 'meeting.minutes', entityType: 'meeting', entityId: meeting.id, place: { id: meeting.placeId, path: meeting.path }, before: { minutes: meeting.minutes }, after: { minutes: input.minutes } });
    return meetingView(tx, await loadMeeting(tx, ctx, id, 'councils.manage'));
  });
}

export async function addDemocracyDay(ctx: Ctx, councilId: string, input: { title: string; recurrence: string; start: string }): Promise<{ id: string; title: string; recurrence: string }> {
  return ctx.db.transaction(async (tx) => {
    const council = await loadCouncil(tx, ctx, councilId, 'councils.manage');
    const parsed = parseRecurrence(input.recurrence, new Date(input.start));
    if (!parsed.ok) return fail('democracy_day_rule_invalid', { problem: parsed.problem });
    const id = newId();
    await tx.insert(democracyDays).values({ id, councilId: council.id, placeId: council.placeId, title: input.title.trim(), recurrence: parsed.rule, createdBy: ctx.actor.accountId });
    await recordAudit(tx, ctx, { action: 'democracy_day.create', entityType: 'council', entityId: council.id, place: { id: council.placeId, path: council.path }, after: { title: input.title, recurrence: parsed.rule } });
    return { id, title: input.title.trim(), recurrence: parsed.rule };
  });
}

export interface CalendarEntry {
  kind: 'democracy_day' | 'meeting';
  date: string;
  title: string;
  councilName: string;
  placeNameZh: string;
  placeNameEn: string;
  meetingId: string | null;
  form: string | null;
}

/**
 * The democracy days and meetings a resident of a place can go to: those of councils of the place
 * and of the places above it (a villager's village and town), between two days. Public.
 */
export async function calendarFor(db: Executor, placeId: string, from: Date, to: Date): Promise<CalendarEntry[]> {
  const [place] = await db.select({ path: places.path }).from(places).where(eq(places.id, placeId));
  if (!place) return fail('place_not_found');
  const above = sql`starts_with(${place.path}, p.path)`;
  const days = await queryRows<{ title: string; recurrence: string; councilName: string; placeNameZh: string; placeNameEn: string }>(
    db,
    sql`select d.title, d.recurrence, c.name as "councilName", p.name_zh as "placeNameZh", p.name_en as "placeNameEn"
        from democracy_days d join councils c on c.id = d.council_id join places p on p.id = d.place_id where ${above}`,
  );
  const held = await queryRows<{ id: string; title: string; startsAt: string; form: string; councilName: string; placeNameZh: string; placeNameEn: string }>(
    db,
    sql`select m.id, m.title, m.starts_at as "startsAt", m.form, c.name as "councilName", p.name_zh as "placeNameZh", p.name_en as "placeNameEn"
        from meetings m join councils c on c.id = m.council_id join places p on p.id = m.place_id
        where ${above} and m.starts_at between ${from.toISOString()} and ${to.toISOString()} limit 500`,
  );
  const entries: CalendarEntry[] = [
    ...days.flatMap((d) => occurrences(d.recurrence, from, to).map((at) => ({ kind: 'democracy_day' as const, date: at.toISOString(), title: d.title, councilName: d.councilName, placeNameZh: d.placeNameZh, placeNameEn: d.placeNameEn, meetingId: null, form: null }))),
    ...held.map((m) => ({ kind: 'meeting' as const, date: new Date(m.startsAt).toISOString(), title: m.title, councilName: m.councilName, placeNameZh: m.placeNameZh, placeNameEn: m.placeNameEn, meetingId: m.id, form: m.form })),
  ];
  return entries.sort((a, b) => a.date.localeCompare(b.date)).slice(0, 500);
}
