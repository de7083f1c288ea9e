import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';
import { accounts } from '../../platform/auth/schema.js';
import { places } from '../places/schema.js';
import type { CouncilRole, Rule } from './composition.js';
import type { Decision, Threshold } from './threshold.js';

/**
 * A consultation council of a place. Its composition rules and its vote threshold are stored
 * with it (copied from a council type when it is made), so a place configures its own.
 * A council is `forming` until its members first keep every rule; from then on (`active`)
 * a membership change that would break a rule is refused.
 */
export const councils = pgTable(
  'councils',
  {
    id: id(),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    typeCode: text(),
    rules: jsonb().$type<Rule[]>().notNull(),
    threshold: jsonb().$type<Threshold>().notNull(),
    status: text({ enum: ['forming', 'active'] }).notNull().default('forming'),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('councils_place').on(t.placeId)],
);

/**
 * A seat held for a term. A member who leaves keeps the row with the day and reason, so the
 * council's history stays; the account, when there is one, is how the member votes.
 */
export const councilMembers = pgTable(
  'council_members',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    accountId: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    role: text().$type<CouncilRole>().notNull(),
    partyMember: boolean().notNull(),
    kind: text().notNull(),
    sectors: jsonb().$type<string[]>().notNull(),
    tags: jsonb().$type<string[]>().notNull(),
    termStart: date().notNull(),
    termEnd: date(),
    endedOn: date(),
    endedReason: text(),
    createdAt: createdAt(),
  },
  (t) => [index('council_members_council').on(t.councilId)],
);

/**
 * A motion put to the council's vote. When it opens, the members entitled to vote are fixed
 * (motion_electorate); when it closes, the result and the head of the ballot chain are kept.
 */
export const motions = pgTable(
  'motions',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    body: text().notNull(),
    ballot: text({ enum: ['open', 'secret'] }).notNull(),
    /** The meeting the vote is taken in: its attendance is then the quorum's count. Not a foreign key (meetings are defined below). */
    meetingId: uuid(),
    threshold: jsonb().$type<Threshold>().notNull(),
    status: text({ enum: ['draft', 'open', 'closed'] }).notNull().default('draft'),
    electorate: integer(),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    result: jsonb().$type<Decision>(),
    /** Ballots and the last hash when the vote closed: a ballot taken off the end is then noticed. */
    ballotCount: integer(),
    headHash: text(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('motions_council').on(t.councilId)],
);

export const motionElectorate = pgTable(
  'motion_electorate',
  {
    motionId: uuid().notNull().references(() => motions.id, { onDelete: 'restrict' }),
    memberId: uuid().notNull().references(() => councilMembers.id, { onDelete: 'restrict' }),
    accountId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.motionId, t.memberId] })],
);

/**
 * Who has voted: one row per member and motion, so a second vote is refused by the primary key,
 * also when two arrive at once. No time and no link to the ballot: in a secret vote the choice
 * cannot be traced back to the member from here.
 */
export const motionVoters = pgTable(
  'motion_voters',
  {
    motionId: uuid().notNull().references(() => motions.id, { onDelete: 'restrict' }),
    memberId: uuid().notNull().references(() => councilMembers.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.motionId, t.memberId] })],
);

/**
 * The ballots, append-only, each carrying the hash of the one before, so a change to a stored
 * ballot breaks the chain. An open ballot names its member and time; a secret one has neither,
 * and a random (not time-ordered) id.
 */
export const motionBallots = pgTable(
  'motion_ballots',
  {
    id: uuid().primaryKey(),
    motionId: uuid().notNull().references(() => motions.id, { onDelete: 'restrict' }),
    seq: integer().notNull(),
    choice: text({ enum: ['yes', 'no', 'abstain'] }).notNull(),
    memberId: uuid(),
    castAt: timestamp({ withTimezone: true }),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [unique('motion_ballots_seq').on(t.motionId, t.seq), unique('motion_ballots_one_per_member').on(t.motionId, t.memberId)],
);

/** A place's recurring democracy day, as an iCalendar recurrence rule with its start. */
export const democracyDays = pgTable(
  'democracy_days',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    recurrence: text().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('democracy_days_place').on(t.placeId)],
);

export const MEETING_FORMS = ['festive', 'democracy_day', 'topical'] as const;
export const PARTICIPATION_MODES = ['face_to_face', 'online', 'both'] as const;

/**
 * A meeting of one of the three forms of the Linhai case: a festive gathering, a democracy-day
 * meeting on hot and difficult issues, a topical invitation of representatives (the Tongxin
 * meeting room). Minutes, how it was held and how its outcome was made known are public.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    form: text({ enum: MEETING_FORMS }).notNull(),
    title: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    location: text(),
    mode: text({ enum: PARTICIPATION_MODES }).notNull(),
    agenda: jsonb().$type<{ title: string; topicId?: string | undefined }[]>().notNull(),
    status: text({ enum: ['scheduled', 'held'] }).notNull().default('scheduled'),
    minutes: text(),
    outcomeCommunication: text(),
    /** Council members present, and the council's size, when attendance was taken. */
    membersPresent: integer(),
    membersTotal: integer(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('meetings_council').on(t.councilId)],
);

/** Who was invited: council members by seat, and representatives, residents or officials by name. */
export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    id: id(),
    meetingId: uuid().notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    memberId: uuid().references(() => councilMembers.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    kind: text({ enum: ['member', 'representative', 'resident', 'official'] }).notNull(),
    attended: boolean(),
  },
  (t) => [unique('meeting_invitees_member').on(t.meetingId, t.memberId)],
);

/** A topic or suggestion proposed by a resident; the office accepts, merges or declines it in public. */
export const topics = pgTable(
  'topics',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    body: text().notNull(),
    proposedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    status: text({ enum: ['proposed', 'accepted', 'merged', 'declined'] }).notNull().default('proposed'),
    reason: text(),
    mergedInto: uuid(),
    meetingId: uuid().references(() => meetings.id, { onDelete: 'set null' }),
    supporters: integer().notNull().default(0),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('topics_council').on(t.councilId)],
);

export const topicSupports = pgTable(
  'topic_supports',
  {
    topicId: uuid().notNull().references(() => topics.id, { onDelete: 'cascade' }),
    accountId: uuid().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.accountId] })],
);

/** Work a passed decision hands to who carries it out; optionally a case in the cases module. */
export const implementationTasks = pgTable(
  'implementation_tasks',
  {
    id: id(),
    motionId: uuid().notNull().references(() => motions.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    assignee: text().notNull(),
    status: text({ enum: ['pending', 'in_progress', 'done'] }).notNull().default('pending'),
    caseId: uuid(),
    caseNumber: text(),
    createdAt: createdAt(),
  },
  (t) => [index('implementation_tasks_motion').on(t.motionId)],
);

/** What was reported on a task, in order: append-only, as the public follows it. */
export const taskProgress = pgTable(
  'task_progress',
  {
    id: id(),
    taskId: uuid().notNull().references(() => implementationTasks.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    status: text({ enum: ['pending', 'in_progress', 'done'] }).notNull(),
    note: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('task_progress_task').on(t.taskId)],
);

/**
 * A statement-voting discussion a council's office opens on a question, often a topic: residents
 * write short statements and vote on each other's, and the opinion groups are read from the votes.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    topicId: uuid().references(() => topics.id, { onDelete: 'restrict' }),
    /** A consultation on a draft decision: the motion, before it is put to the vote. */
    motionId: uuid().references(() => motions.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    prompt: text().notNull(),
    status: text({ enum: ['open', 'closed'] }).notNull().default('open'),
    /** The start, if later than its making: a discussion can open on a democracy day. */
    opensAt: timestamp({ withTimezone: true }),
    /** The end of the consultation period, if it has one: no statements or votes after it. */
    closesAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('conversations_council').on(t.councilId)],
);

/** A participant's short statement; the office may hide one, with a public reason, never delete it. */
export const conversationStatements = pgTable(
  'conversation_statements',
  {
    id: id(),
    conversationId: uuid().notNull().references(() => conversations.id, { onDelete: 'restrict' }),
    text: text().notNull(),
    authorId: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    hiddenReason: text(),
    /** Kept with each vote, so handing out the least-voted statement and listing the counts read no votes. */
    agree: integer().notNull().default(0),
    disagree: integer().notNull().default(0),
    pass: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('conversation_statements_conversation').on(t.conversationId, t.createdAt)],
);

/** Who has voted in a discussion, once each: counted without reading the votes. */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: uuid().notNull().references(() => conversations.id, { onDelete: 'restrict' }),
    accountId: uuid().notNull().references(() => accounts.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.accountId] })],
);

/** One vote per participant and statement, never changed: agree 1, disagree -1, pass 0. */
export const conversationVotes = pgTable(
  'conversation_votes',
  {
    conversationId: uuid().notNull().references(() => conversations.id, { onDelete: 'restrict' }),
    statementId: uuid().notNull().references(() => conversationStatements.id, { onDelete: 'restrict' }),
    accountId: uuid().notNull().references(() => accounts.id, { onDelete: 'restrict' }),
    value: smallint().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.accountId] }), index('conversation_votes_conversation').on(t.conversationId)],
);

/**
 * A ward of a council's place, drawn by population (Cixi): a run of neighbouring grids. A new
 * division retires the wards before it, which stay with their nominations and elections.
 */
export const wards = pgTable(
  'wards',
  {
    id: id(),
    councilId: uuid().notNull().references(() => councils.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    seq: smallint().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    retiredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('wards_council').on(t.councilId)],
);

export const wardPlaces = pgTable(
  'ward_places',
  {
    wardId: uuid().notNull().references(() => wards.id, { onDelete: 'restrict' }),
    placeId: uuid().notNull().references(() => places.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.wardId, t.placeId] })],
);

/** A council member put forward to lead a ward; once only per ward. */
export const wardNominations = pgTable(
  'ward_nominations',
  {
    id: id(),
    wardId: uuid().notNull().references(() => wards.id, { onDelete: 'restrict' }),
    memberId: uuid().notNull().references(() => councilMembers.id, { onDelete: 'restrict' }),
    nominatedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [unique('ward_nominations_once').on(t.wardId, t.memberId)],
);

/** The count of an election among a ward's nominees, as recorded; append-only, the latest decides. */
export const wardElections = pgTable(
  'ward_elections',
  {
    id: id(),
    wardId: uuid().notNull().references(() => wards.id, { onDelete: 'restrict' }),
    tally: jsonb().$type<{ memberId: string; votes: number }[]>().notNull(),
    leaderMemberId: uuid().notNull().references(() => councilMembers.id, { onDelete: 'restrict' }),
    meetingId: uuid().references(() => meetings.id, { onDelete: 'restrict' }),
    recordedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('ward_elections_ward').on(t.wardId, t.createdAt)],
);
