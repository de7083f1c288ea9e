import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { fail } from '../../platform/errors.js';
import { loadMeeting, meetingView } from './meetings.js';

export interface PublicMeeting {
  id: string;
  councilId: string;
  councilName: string;
  placeNameZh: string;
  placeNameEn: string;
  form: string;
  title: string;
  startsAt: string;
  location: string | null;
  mode: string;
  status: 'scheduled' | 'held';
  agenda: { title: string; topicId?: string | undefined }[];
  /** Kept back until the meeting is held: a draft is not the record. */
  minutes: string | null;
  outcomeCommunication: string | null;
  membersPresent: number | null;
  membersTotal: number | null;
  quorumPresent: boolean | null;
  /** Council members hold a public office and are named; guests are counted by kind. */
  membersAttending: string[];
  guestsAttending: Record<string, number>;
  decisions: { id: string; title: string; passed: boolean }[];
}

/** A meeting as anyone may read it: how it was held, who took part, what was said and decided. */
export async function publicMeeting(db: Executor, id: string): Promise<PublicMeeting> {
  const view = await meetingView(db, await loadMeeting(db, null, id, null));
  const [place] = await queryRows<{ nameZh: string; nameEn: string }>(db, sql`select name_zh as "nameZh", name_en as "nameEn" from places where id = ${view.placeId}`);
  if (!place) return fail('meeting_not_found');
  const decisions = await queryRows<{ id: string; title: string; passed: boolean }>(
    db,
    sql`select id, title, coalesce((result->>'passed')::boolean, false) as passed from motions where meeting_id = ${id} and status = 'closed' order by closed_at, id`,
  );
  const guestsAttending: Record<string, number> = {};
  for (const guest of view.invitees) if (guest.kind !== 'member' && guest.attended) guestsAttending[guest.kind] = (guestsAttending[guest.kind] ?? 0) + 1;
  const held = view.status === 'held';
  return {
    id: view.id,
    councilId: view.councilId,
    councilName: view.councilName,
    placeNameZh: place.nameZh,
    placeNameEn: place.nameEn,
    form: view.form,
    title: view.title,
    startsAt: view.startsAt,
    location: view.location,
    mode: view.mode,
    status: view.status,
    agenda: view.agenda,
    minutes: held ? view.minutes : null,
    outcomeCommunication: held ? view.outcomeCommunication : null,
    membersPresent: view.membersPresent,
    membersTotal: view.membersTotal,
    quorumPresent: view.quorumPresent,
    membersAttending: view.invitees.filter((i) => i.kind === 'member' && i.attended).map((i) => i.name),
    guestsAttending,
    decisions,
  };
}
