import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built web app; the same path from src/platform/http and dist/platform/http. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the single-page app: hashed assets cached for a year, pre-compressed copies when the
 * browser takes them, and index.html for any other page address so that deep links work.
 * Returns false when the app has not been built (API-only use, tests).
 */
export async function serveWebApp(app: FastifyInstance, root = WEB_DIST): Promise<boolean> {
  if (!existsSync(path.join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    index: false,
    setHeaders: (reply, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}

/** The app's hashed, immutable build files. */
export const isAppAsset = (url: string): boolean => url.startsWith('/assets/');

/** Page addresses of the app, as opposed to API calls and files. */
export const isAppPage = (method: string, url: string): boolean =>
  method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/docs') && !/\.[a-z0-9]+($|\?)/i.test(url.split('?')[0] ?? '');
