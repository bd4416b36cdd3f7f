// The benchmark's baselines: a bare Fastify server (same Fastify and Node as the dashboard),
// listening on $HOST:$PORT, with nothing else: no plugins, no hooks, no logging.
//   GET /bare          a constant small JSON (the "bare route returning a constant");
//   GET /same/:name    a constant set beforehand with PUT /same/:name: the exact bytes, content
//                      type and content encoding of one of the dashboard's answers, so the ratio
//                      against it measures what the dashboard adds per request (routing to its
//                      cache, the revision check, security and CORS headers, ETag), not the cost
//                      of moving a bigger body through the kernel and the load generator.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
const body = { ok: true, service: 'bare fastify baseline' };
app.get('/bare', async () => body);

/** name → { body: Buffer, type, encoding } */
const constants = new Map();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, buf, done) => done(null, buf));
app.put('/same/:name', async (req, reply) => {
  constants.set(req.params.name, {
    body: req.body,
    type: req.headers['x-constant-type'] ?? 'application/octet-stream',
    encoding: req.headers['x-constant-encoding'],
  });
  return reply.code(204).send();
});
app.get('/same/:name', async (req, reply) => {
  const c = constants.get(req.params.name);
  if (!c) return reply.code(404).send({ error: 'unknown constant' });
  reply.header('content-type', c.type);
  if (c.encoding) reply.header('content-encoding', c.encoding);
  return reply.send(c.body);
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
