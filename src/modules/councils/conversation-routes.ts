import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Nullable, Text, Uuid } from '../../platform/http/schemas.js';
import { addStatement, closeConversation, conversationGroups, hideStatement, listConversations, nextStatement, openConversation, STATEMENT_MAX, voteOnStatement } from './conversations.js';

const tags = ['councils'];
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

const ConversationOut = Type.Object({
  id: Uuid,
  councilId: Uuid,
  councilName: Type.String(),
  topicId: Nullable(Uuid),
  motionId: Nullable(Uuid),
  motion: Nullable(Type.Object({ title: Type.String(), body: Type.String() })),
  title: Type.String(),
  prompt: Type.String(),
  status: Type.String(),
  opensAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  statements: Type.Integer(),
  participants: Type.Integer(),
  votes: Type.Integer(),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
});
const StatementOut = Type.Object({ id: Uuid, text: Type.String(), agree: Type.Integer(), disagree: Type.Integer(), pass: Type.Integer(), hiddenReason: Nullable(Type.String()) });
const GroupStatementOut = Type.Object({ id: Uuid, text: Type.String(), agreePercent: Type.Array(Type.Number()) });
const GroupsOut = Type.Object({
  conversation: ConversationOut,
  grouped: Type.Integer(),
  participants: Type.Integer(),
  groupedVotes: Type.Integer(),
  groups: Type.Array(Type.Object({ size: Type.Integer(), representative: Type.Array(GroupStatementOut) })),
  consensus: Type.Array(GroupStatementOut),
  statements: Type.Array(StatementOut),
});

/**
 * Statement-voting discussions of a council: opened and closed by its office, written and voted
 * on by the people of its place, read by anyone.
 */
export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const manage = { access: { permission: 'councils.manage' as const } };
  const participant = { access: 'authenticated' as const };

  app.post(
    '/api/councils/:id/conversations',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Open a statement-voting discussion on a question: on one of the council’s topics, or as a consultation on one of its draft decisions, for a period if given',
        params: IdParams,
        body: Type.Object({ title: Text(200), prompt: Text(1000), topicId: Type.Optional(Uuid), motionId: Type.Optional(Uuid), opensAt: Type.Optional(Type.String({ format: 'date-time' })), closesAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
        response: { 201: ConversationOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { opensAt, closesAt, ...rest } = request.body;
      return reply.status(201).send(await openConversation(ctxOf(request, deps), request.params.id, { ...rest, opensAt: opensAt ? new Date(opensAt) : undefined, closesAt: closesAt ? new Date(closesAt) : undefined }));
    },
  );

  app.get(
    '/api/councils/:id/conversations',
    { config: { access: 'public' }, schema: { tags, summary: 'The council’s discussions, open ones first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(ConversationOut) }), ...errors(400) } } },
    async (request) => ({ items: await listConversations(deps.db, request.params.id, deps.now()) }),
  );

  app.get(
    '/api/conversations/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A discussion with its opinion groups, the statements every group agrees on, what sets each group apart, and every statement’s votes', params: IdParams, response: { 200: GroupsOut, ...errors(400, 404) } },
    },
    async (request) => conversationGroups(deps.db, request.params.id, deps.now()),
  );

  app.post(
    '/api/conversations/:id/close',
    { config: manage, schema: { tags, summary: 'Close a discussion: no more statements or votes', params: IdParams, body: Empty, response: { 200: ConversationOut, ...errors(401, 403, 404, 409) } } },
    async (request) => closeConversation(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/conversations/:id/statements',
    {
      config: participant,
      schema: { tags, summary: `Write a short statement (up to ${STATEMENT_MAX} characters); writing it counts as agreeing`, params: IdParams, body: Type.Object({ text: Text(STATEMENT_MAX, 2) }, { additionalProperties: false }), response: { 201: StatementOut, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => reply.status(201).send(await addStatement(ctxOf(request, deps), request.params.id, request.body.text)),
  );

  app.get(
    '/api/conversations/:id/next',
    {
      config: participant,
      schema: { tags, summary: 'The next statement for the caller to vote on, among the least voted; null when none is left', params: IdParams, response: { 200: Type.Object({ statement: Nullable(Type.Object({ id: Uuid, text: Type.String() })), remaining: Type.Integer() }), ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => nextStatement(ctxOf(request, deps), request.params.id),
  );

  app.post(
    '/api/statements/:id/votes',
    {
      config: participant,
      schema: { tags, summary: 'Agree (1), disagree (-1) or pass (0) on a statement, once', params: IdParams, body: Type.Object({ value: Type.Union([Type.Literal(1), Type.Literal(0), Type.Literal(-1)]) }, { additionalProperties: false }), response: { 201: Type.Object({ remaining: Type.Integer() }), ...errors(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => reply.status(201).send(await voteOnStatement(ctxOf(request, deps), request.params.id, request.body.value)),
  );

  app.post(
    '/api/statements/:id/hide',
    { config: manage, schema: { tags, summary: 'Hide a statement with a public reason; its votes stay on record but no longer count', params: IdParams, body: Type.Object({ reason: Text(500) }, { additionalProperties: false }), response: { 200: StatementOut, ...errors(400, 401, 403, 404) } } },
    async (request) => hideStatement(ctxOf(request, deps), request.params.id, request.body.reason),
  );
};
