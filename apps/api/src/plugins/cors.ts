import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';

/** Response headers a script on another site may read: revalidation, downloads, row counts. */
const EXPOSED = ['ETag', 'Content-Disposition', 'X-Row-Count', 'Retry-After', 'Link'];

/**
 * Cross-origin reads of the API are allowed to everyone, writes to no one.
 *
 * The figures are public and the API uses no cookies (editors send a bearer token), so any page
 * may fetch `/api/v1/*` with GET or HEAD (`Access-Control-Allow-Origin: *`, never with
 * credentials). A preflight names GET and HEAD only, so a browser refuses a cross-origin POST or
 * PATCH before sending it; programs outside a browser are not bound by CORS and meet the token
 * check instead. Pages, assets and the docs get no CORS headers at all.
 */
export async function registerCors(app: FastifyInstance) {
  await app.register(cors, {
    hook: 'onRequest',
    delegator: (req, done) => {
      const api = (req.url ?? '').startsWith('/api/v1/');
      done(null, {
        origin: api ? '*' : false,
        methods: ['GET', 'HEAD'],
        allowedHeaders: ['Accept', 'If-None-Match', 'If-Modified-Since'],
        exposedHeaders: EXPOSED,
        credentials: false,
        maxAge: 86_400,
        strictPreflight: false,
      });
    },
  });
}
