import Fastify from 'fastify';

/**
 * The limit each figure is read against: the same Fastify on the same machine in the same run,
 * answering a constant. No Tongxin route can be faster than this.
 */
const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
