import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '../../platform/access.js';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Limit, Nullable, Ok, Text, Uuid } from '../../platform/http/schemas.js';
import {
  createAccount,
  createToken,
  getAccount,
  grantRole,
  listAccounts,
  listTokens,
  resetPassword,
  revokeGrant,
  revokeToken,
  updateAccount,
} from './service.js';

const Role = Type.Enum([...ROLES]);
const GrantView = Type.Object({
  id: Uuid,
  role: Role,
  placeId: Nullable(Uuid),
  placeNameZh: Nullable(Type.String()),
  placeNameEn: Nullable(Type.String()),
  departmentId: Nullable(Uuid),
  departmentCode: Nullable(Type.String()),
});
const Account = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  placeId: Nullable(Uuid),
  placeNameZh: Nullable(Type.String()),
  placeNameEn: Nullable(Type.String()),
  residentId: Nullable(Uuid),
  residentName: Nullable(Type.String()),
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  failedLogins: Type.Integer(),
  createdAt: Type.String(),
  grants: Type.Array(GrantView),
});
const Token = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  revoked: Type.Boolean(),
});
const GrantInput = Type.Object({ role: Role, placeId: Nullable(Uuid), departmentId: Type.Optional(Nullable(Uuid)) }, { additionalProperties: false });
const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$' });
const AccountOut = Type.Object({ account: Account });

/** Accounts, their roles on places, and API tokens: managed by the administrators of the account's place. */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const tags = ['accounts'];
  const write = { access: { permission: 'accounts.write' as const } };
  const read = { access: { permission: 'accounts.read' as const } };

  app.get(
    '/api/accounts',
    {
      config: read,
      schema: {
        tags,
        summary: 'Accounts whose home place is in your places',
        querystring: Type.Object(
          {
            q: Type.Optional(Text(50)),
            placeId: Type.Optional(Uuid),
            role: Type.Optional(Role),
            limit: Limit(200, 50),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Account), total: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listAccounts(ctxOf(request, deps), request.query),
  );

  app.get(
    '/api/accounts/:id',
    { config: read, schema: { tags, summary: 'One account', params: IdParams, response: { 200: AccountOut, ...errors(401, 403, 404) } } },
    async (request) => ({ account: await getAccount(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/accounts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create an account, optionally with roles',
        body: Type.Object(
          {
            username: Username,
            displayName: Text(50),
            password: Text(256),
            placeId: Type.Optional(Nullable(Uuid)),
            residentId: Type.Optional(Nullable(Uuid)),
            grants: Type.Optional(Type.Array(GrantInput, { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: AccountOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ account: await createAccount(ctxOf(request, deps), request.body) }),
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename, rehome, link to a resident, disable or unlock an account',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Text(50)),
            placeId: Type.Optional(Nullable(Uuid)),
            residentId: Type.Optional(Nullable(Uuid)),
            disabled: Type.Optional(Type.Boolean()),
            unlock: Type.Optional(Type.Literal(true)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: AccountOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ account: await updateAccount(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.post(
    '/api/accounts/:id/password',
    {
      config: write,
      schema: {
        tags,
        summary: 'Set a new password for the account; its sessions end',
        params: IdParams,
        body: Type.Object({ password: Text(256) }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await resetPassword(ctxOf(request, deps), request.params.id, request.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/accounts/:id/grants',
    {
      config: write,
      schema: {
        tags,
        summary: 'Grant a role on a place (null: the whole installation)',
        params: IdParams,
        body: GrantInput,
        response: { 200: AccountOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ account: await grantRole(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.delete(
    '/api/accounts/:id/grants/:grantId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Take a role back',
        params: Type.Object({ id: Uuid, grantId: Uuid }, { additionalProperties: false }),
        response: { 200: AccountOut, ...errors(401, 403, 404) },
      },
    },
    async (request) => ({ account: await revokeGrant(ctxOf(request, deps), request.params.id, request.params.grantId) }),
  );

  app.get(
    '/api/accounts/:id/tokens',
    {
      config: read,
      schema: { tags, summary: 'API tokens of an account (never their values)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Token) }), ...errors(401, 403, 404) } },
    },
    async (request) => ({ items: await listTokens(ctxOf(request, deps), request.params.id) }),
  );

  app.post(
    '/api/accounts/:id/tokens',
    {
      config: write,
      schema: {
        tags,
        summary: 'Issue an API token; its value is shown this once',
        params: IdParams,
        body: Type.Object({ name: Text(60), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Uuid, token: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await createToken(ctxOf(request, deps), request.params.id, request.body)),
  );

  app.delete(
    '/api/accounts/:id/tokens/:tokenId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: Type.Object({ id: Uuid, tokenId: Uuid }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      await revokeToken(ctxOf(request, deps), request.params.id, request.params.tokenId);
      return { ok: true as const };
    },
  );
};
