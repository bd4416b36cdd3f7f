import { existsSync, readFileSync } from 'node:fs';
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

/** dist/preload.json, written by the web build: per page path, its chunks and first API URLs. */
type EarlyHints = Record<string, { modules: string[]; data: Array<{ url: string; unlessQuery?: string[] }> }>;

function readEarlyHints(dir: string): EarlyHints {
  try {
    return JSON.parse(readFileSync(join(dir, 'preload.json'), 'utf8')) as EarlyHints;
  } catch {
    return {};
  }
}

/**
 * The `Link` header announcing what the page at `url` needs first (its code and first API
 * answers), so the browser fetches them alongside the app's main code rather than after it.
 */
export function earlyHintsLink(hints: EarlyHints, url: string): string | null {
  const [rawPath = '/', query = ''] = url.split('?');
  const trimmed = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const path = isEmbedPath(trimmed) ? trimmed.slice('/embed'.length) || '/' : trimmed;
  const entry = hints[path];
  if (!entry) return null;
  const params = new URLSearchParams(query);
  const links = [
    ...entry.modules.map((m) => `</${m}>; rel=modulepreload`),
    ...entry.data
      .filter((d) => !(d.unlessQuery ?? []).some((k) => params.has(k)))
      .map((d) => `<${d.url}>; rel=preload; as=fetch; crossorigin=anonymous`),
  ];
  return links.length > 0 ? links.join(', ') : null;
}

/**
 * Serves the built web app from `dir` at `/`: hashed assets cached for a year, index.html always
 * revalidated, and any non-API GET that accepts HTML answered with index.html so deep links and
 * reloads work. Without a build, `/` explains how to make one instead of failing.
 */
export async function registerWeb(app: FastifyInstance, dir: string | undefined) {
  const hasBuild = dir !== undefined && existsSync(join(dir, 'index.html'));
  const hints = hasBuild ? readEarlyHints(dir) : {};
  if (dir !== undefined && hasBuild) {
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (wantsPage && hasBuild) {
      if (isEmbedPath(req.url)) allowFraming(reply);
      const link = earlyHintsLink(hints, req.url);
      if (link) reply.header('link', link);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (wantsPage) return reply.type('text/plain; charset=utf-8').code(404).send('the web app is not built: run `npm run build`, then restart');
    return reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
