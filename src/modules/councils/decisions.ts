import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { fail } from '../../platform/errors.js';
import { type TaskView, tasksOf } from './implementation.js';
import type { Decision } from './threshold.js';

export interface PublicDecision {
  id: string;
  title: string;
  body: string;
  councilName: string;
  placeNameZh: string;
  placeNameEn: string;
  ballot: string;
  closedAt: string | null;
  result: Decision;
  votes: { name: string; choice: string }[];
  meeting: { id: string; title: string; form: string; mode: string; startsAt: string; outcomeCommunication: string | null; membersPresent: number | null; guests: number } | null;
  tasks: TaskView[];
}

/**
 * What the public reads about a decided motion: what was decided and how the vote went, the
 * meeting it was taken in (how it was held, how the outcome was made known, how many took part:
 * guests are counted, not named), and what has been done since. Only closed motions are public.
 */
export async function publicDecision(db: Executor, id: string): Promise<PublicDecision> {
  const [row] = await queryRows<Omit<PublicDecision, 'votes' | 'meeting' | 'tasks'> & { meetingId: string | null }>(
    db,
    sql`select m.id, m.title, m.body, c.name as "councilName", p.name_zh as "placeNameZh", p.name_en as "placeNameEn", m.ballot, m.closed_at as "closedAt", m.result, m.meeting_id as "meetingId"
        from motions m join councils c on c.id = m.council_id join places p on p.id = m.place_id where m.id = ${id} and m.status = 'closed'`,
  );
  if (!row) return fail('motion_not_found');
  const votes = row.ballot === 'open'
    ? await queryRows<{ name: string; choice: string }>(db, sql`select cm.name, b.choice from motion_ballots b join council_members cm on cm.id = b.member_id where b.motion_id = ${id} order by b.seq`)
    : [];
  const [meeting] = row.meetingId
    ? await queryRows<NonNullable<PublicDecision['meeting']>>(
        db,
        sql`select mt.id, mt.title, mt.form, mt.mode, mt.starts_at as "startsAt", mt.outcome_communication as "outcomeCommunication", mt.members_present as "membersPresent",
              (select count(*)::int from meeting_invitees i where i.meeting_id = mt.id and i.kind <> 'member' and i.attended) as guests
            from meetings mt where mt.id = ${row.meetingId}`,
      )
    : [];
  const { meetingId: _m, ...rest } = row;
  return {
    ...rest,
    closedAt: rest.closedAt ? new Date(rest.closedAt).toISOString() : null,
    votes,
    meeting: meeting ? { ...meeting, startsAt: new Date(meeting.startsAt).toISOString() } : null,
    tasks: await tasksOf(db, id),
  };
}
