import type { FastifyInstance } from 'fastify';
import { isApiDataPath } from './security-headers.js';

/** How long shared caches (nginx, a CDN) and browsers may reuse a read of the API, in seconds. */
export interface CachePolicy {
  /** Fresh for this long (`max-age` and `s-maxage`). */
  maxAge: number;
  /** Then served stale for at most this long while the cache fetches it again. */
  staleWhileRevalidate: number;
}

export const DEFAULT_CACHE_POLICY: Readonly<CachePolicy> = { maxAge: 10, staleWhileRevalidate: 20 };

/** True when If-None-Match (one tag, a list, weak or strong, or *) names `etag`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || strip(tag) === strip(etag);
  });
}

/**
 * `Cache-Control` on every API answer (`/api/v1/…`). A 200 to a GET or HEAD without an
 * Authorization header may be kept by any cache, shared ones included, for `policy` (and gets
 * `Vary: accept-encoding`, which @fastify/compress only adds when it compresses); writes, errors
 * and requests carrying a token get `no-cache`. A route that sets its own Cache-Control (health)
 * keeps it. Register before @fastify/etag: a 304 it makes keeps these headers.
 */
export function registerCacheHeaders(app: FastifyInstance, policy: Readonly<CachePolicy>) {
  const shared = `public, max-age=${policy.maxAge}, s-maxage=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`;
  app.addHook('onSend', async (req, reply, payload) => {
    if (!isApiDataPath(req.url) || reply.hasHeader('cache-control')) return payload;
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      reply.statusCode === 200 &&
      req.headers.authorization === undefined
    ) {
      reply.header('cache-control', shared);
      const vary = reply.getHeader('vary');
      if (!/accept-encoding/i.test(String(vary ?? '')))
        reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
    } else reply.header('cache-control', 'no-cache');
    return payload;
  });
}

/**
 * An empty 304 when If-None-Match names the answer's ETag in a list or as `*`: @fastify/etag
 * answers a single tag itself. Register after @fastify/etag and before @fastify/compress.
 */
export function registerConditionalGet(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    const etag = reply.getHeader('etag');
    if (reply.statusCode !== 200 || typeof etag !== 'string' || !matchesEtag(req.headers['if-none-match'], etag))
      return payload;
    reply.code(304);
    return '';
  });
}
