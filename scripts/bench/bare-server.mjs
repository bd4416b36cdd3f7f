// The benchmark's baseline: a bare Fastify server (same Fastify and Node as the dashboard) with one
// route returning a constant JSON, listening on $HOST:$PORT. Nothing else: no plugins, no logging.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { ok: true, service: 'bare fastify baseline' };
app.get('/bare', async () => body);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
