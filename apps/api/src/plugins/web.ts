import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** `/embed`, `/embed/compare?…`: the chrome-less charts other sites may put in an iframe. */
export const isEmbedPath = (url: string) => /^\/embed(?:[/?#]|$)/.test(url);

/**
 * Lets any site frame this response: helmet's `X-Frame-Options: SAMEORIGIN` and CSP
 * `frame-ancestors 'self'` stay on every other page (clickjacking protection), but an embed page
 * exists to be framed, and it has no forms or actions to hijack.
 */
function allowFraming(reply: FastifyReply) {
  reply.removeHeader('x-frame-options');
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
}

/**
 * Whether a request that no route answered is for a page: a GET or HEAD outside `/api/` whose
 * path names no file (`/`, `/compare`, `/embed/prices`), whatever its Accept header says, so
 * `curl http://127.0.0.1:8080/` gets the page too; or any other path outside `/api/` asked for as
 * HTML. A missing asset (`/assets/x.js`, `/favicon.ico`) and unknown API paths stay JSON 404s.
 */
function isPageRequest(method: string, url: string, accept: string | undefined) {
  if ((method !== 'GET' && method !== 'HEAD') || url.startsWith('/api/')) return false;
  const path = url.split(/[?#]/)[0]!;
  return !/\.[A-Za-z0-9]+$/.test(path) || (accept ?? '').includes('text/html');
}

/**
 * Serves the built web app from `dir` at `/`: hashed assets cached for a year, index.html always
 * revalidated, and page requests ({@link isPageRequest}) answered with index.html so deep links
 * and reloads work. Without a build, `/` explains how to make one instead of failing.
 */
export async function registerWeb(app: FastifyInstance, dir: string | undefined) {
  const hasBuild = dir !== undefined && existsSync(join(dir, 'index.html'));
  if (dir !== undefined && hasBuild) {
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      // dist/assets/*.js|css come with .br and .gz twins (the web build writes them): sent as
      // they are rather than compressed again on every request.
      preCompressed: true,
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const wantsPage = isPageRequest(req.method, req.url, req.headers.accept);
    if (wantsPage && hasBuild) {
      if (isEmbedPath(req.url)) allowFraming(reply);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (wantsPage) return reply.type('text/plain; charset=utf-8').code(404).send('the web app is not built: run `npm run build`, then restart');
    return reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
