import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { open311Routes } from './modules/cases/open311/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { departmentRoutes } from './modules/departments/routes.js';
import { peopleRoutes } from './modules/people/routes.js';
import { placeRoutes } from './modules/places/routes.js';
import { meritRoutes } from './modules/merit/routes.js';
import { pollRoutes } from './modules/polls/routes.js';
import { conversationRoutes } from './modules/councils/conversation-routes.js';
import { councilPublicRoutes } from './modules/councils/public-routes.js';
import { councilRoutes } from './modules/councils/routes.js';
import { wardRoutes } from './modules/councils/ward-routes.js';
import { deputyRoutes } from './modules/deputies/routes.js';
import { statsRoutes } from './modules/stats/routes.js';
import { auditRoutes } from './platform/audit/routes.js';
import { authRoutes } from './platform/auth/routes.js';
import { makeDeps } from './platform/context.js';
import { deriveKey } from './platform/crypto.js';
import { accessPlugin, SESSION_COOKIE } from './platform/http/access.js';
import { frameworkErrors, registerErrorHandling, sendError } from './platform/http/errors.js';
import { healthRoutes } from './platform/http/health.js';
import { ErrorBody } from './platform/http/schemas.js';
import { validatorCompiler } from './platform/http/validation.js';
import { isAppAsset, isAppPage, serveWebApp, WEB_DIST } from './platform/http/web.js';

export interface AppOptions {
  config: Config;
  database: Database;
  /** A fixed clock for tests of expiry and lockout. */
  now?: () => Date;
  logger?: boolean;
  webRoot?: string;
}

/** The modules, each a Fastify plugin. A new module is one more line here. */
const MODULES = [healthRoutes, authRoutes, placeRoutes, peopleRoutes, accountRoutes, auditRoutes, statsRoutes, departmentRoutes, caseRoutes, open311Routes, pollRoutes, councilRoutes, councilPublicRoutes, wardRoutes, conversationRoutes, meritRoutes, deputyRoutes];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    frameworkErrors: frameworkErrors(config.defaultLocale),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const deps = makeDeps(config, database, options.now);
  app.decorate('deps', deps);
  app.decorate('database', database);
  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ErrorBody);
  registerErrorHandling(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        // Ant Design writes its styles at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
      },
    },
  });
  await app.register(fastifyCookie, { secret: deriveKey(config.secret, 'cookie-signing').toString('base64url') });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'tx_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: config.cookieSecure },
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimit.globalPerMinute,
    timeWindow: 60_000,
    // One page load fetches a dozen script files; they are static and cached for a year, and
    // counting them would spend the budget of a whole office behind one address on downloads.
    allowList: (request) => isAppAsset(request.url),
    errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode, code: 'FST_ERR_RATE_LIMITED' }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Tongxin API',
        version: '0.1.0',
        description:
          'Community governance: places, residents, accounts and the modules built on them. Errors are `{ error: { code, message, details } }` with the message in the language of Accept-Language (zh-CN or en).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer', description: 'An API token (txn_…) issued to an account' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(accessPlugin);

  for (const module of MODULES) await app.register(module);

  const hasWeb = await serveWebApp(app, options.webRoot ?? WEB_DIST);
  app.setNotFoundHandler((request, reply) =>
    hasWeb && isAppPage(request.method, request.url)
      ? reply.header('cache-control', 'no-cache').sendFile('index.html')
      : sendError(request, reply, 404, 'route_not_found'),
  );
  app.addHook('onClose', async () => {
    await database.close();
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}
