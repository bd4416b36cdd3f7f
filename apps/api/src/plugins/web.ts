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

/**
 * dist/preload.json, written by the web build: per page path, its chunks and first API URLs. A
 * URL with `{market}` is for the market the page shows first (apps/web/src/app/early-hints.ts).
 */
type EarlyHints = Record<
  string,
  {
    /** Stylesheets, then scripts (the entry first), then data: the order the browser should ask for them. */
    styles?: string[];
    modules: string[];
    data: Array<{ url: string; unlessQuery?: string[]; onlyQuery?: Record<string, string>; market?: 'first' | 'model-family' }>;
  }
>;

/** The markets as the page reads them (`/api/v1/markets`), in the order it gets them. */
export type MarketList = ReadonlyArray<{ id: string; subjectLevel?: string }>;

function readEarlyHints(dir: string): EarlyHints {
  try {
    return JSON.parse(readFileSync(join(dir, 'preload.json'), 'utf8')) as EarlyHints;
  } catch {
    return {};
  }
}

function pagePath(url: string): { path: string; params: URLSearchParams } {
  const [rawPath = '/', query = ''] = url.split('?');
  const trimmed = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const path = isEmbedPath(trimmed) ? trimmed.slice('/embed'.length) || '/' : trimmed;
  return { path, params: new URLSearchParams(query) };
}

/** Whether the hints of the page at `url` name its first market (and so need the markets list). */
export function hintsNeedMarkets(hints: EarlyHints, url: string): boolean {
  const { path } = pagePath(url);
  return (hints[path]?.data ?? []).some((d) => d.market !== undefined);
}

/**
 * The `Link` header announcing what the page at `url` needs first (its code and first API
 * answers), so the browser fetches them alongside the app's main code rather than after it.
 * `markets` fills in the market of `{market}` URLs as the page picks it (the URL's `market` when
 * it names one, else the default); without it those URLs are left out.
 */
export function earlyHintsLink(hints: EarlyHints, url: string, markets?: MarketList): string | null {
  const { path, params } = pagePath(url);
  const entry = hints[path];
  if (!entry) return null;
  const marketFor = (rule: 'first' | 'model-family'): string | undefined => {
    if (!markets) return undefined;
    const chosen =
      markets.find((m) => m.id === params.get('market')) ??
      (rule === 'model-family' ? markets.find((m) => m.subjectLevel === 'model-family') : undefined) ??
      markets[0];
    return chosen?.id;
  };
  const data = entry.data
    .filter((d) => !(d.unlessQuery ?? []).some((k) => params.has(k)))
    .filter((d) => Object.entries(d.onlyQuery ?? {}).every(([k, v]) => params.get(k) === v))
    .map((d) => {
      if (d.market === undefined) return d.url;
      const market = marketFor(d.market);
      return market === undefined ? null : d.url.replace('{market}', encodeURIComponent(market));
    })
    .filter((u): u is string => u !== null);
  const links = [
    ...(entry.styles ?? []).map((c) => `</${c}>; rel=preload; as=style; crossorigin=anonymous`),
    ...entry.modules.map((m) => `</${m}>; rel=modulepreload`),
    ...data.map((u) => `<${u}>; rel=preload; as=fetch; crossorigin=anonymous`),
  ];
  return links.length > 0 ? links.join(', ') : null;
}

/** The markets list, read through the app's own route (and so its response cache); undefined if it fails. */
async function readMarkets(app: FastifyInstance): Promise<MarketList | undefined> {
  try {
    const res = await app.inject({ method: 'GET', url: '/api/v1/markets', headers: { accept: 'application/json' } });
    if (res.statusCode !== 200) return undefined;
    const body = res.json<{ data?: unknown }>();
    return Array.isArray(body.data) ? (body.data as MarketList) : undefined;
  } catch {
    return undefined;
  }
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
      // dist/assets/*.js|css come with .br and .gz twins (the web build writes them): sent as
      // they are rather than compressed again on every request.
      preCompressed: true,
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (wantsPage && hasBuild) {
      if (isEmbedPath(req.url)) allowFraming(reply);
      const markets = hintsNeedMarkets(hints, req.url) ? await readMarkets(app) : undefined;
      const link = earlyHintsLink(hints, req.url, markets);
      if (link) reply.header('link', link);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (wantsPage) return reply.type('text/plain; charset=utf-8').code(404).send('the web app is not built: run `npm run build`, then restart');
    return reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
