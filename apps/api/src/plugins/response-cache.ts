import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Store } from '@dash/store';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Caches this GET route's 200 answers: `data` when the answer depends only on the data (and
     * the URL), `daily` when it also depends on today's date (prices converted at today's rate).
     */
    cache?: 'data' | 'daily';
  }
  interface FastifyRequest {
    /** Where this request's answer goes in the response cache (set on a miss). */
    responseCacheKey?: { revision: string; key: string };
  }
}

interface Entry {
  /** The payload as the route's serializer left it (JSON or CSV text), as bytes. */
  payload: Buffer;
  /** The route's own headers, set again on a hit (the rest are set per request by the hooks). */
  headers: Record<string, string>;
}

/** Headers a cached answer is served with again. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'x-row-count'] as const;

export interface ResponseCacheOptions {
  store: Store;
  /** At most this many answers (least recently used go first). */
  maxEntries?: number;
  /** At most this many bytes of payloads in all; 0 turns the cache off. */
  maxBytes?: number;
  /** Answers larger than this are not cached. */
  maxEntryBytes?: number;
  /** Today as YYYY-MM-DD (UTC), for `daily` routes; tests pass their own. */
  today?: () => string;
}

export interface ResponseCache {
  /** How many answers are held, and how often a request found its answer. */
  stats(): { entries: number; bytes: number; hits: number; misses: number };
  clear(): void;
}

const utcToday = () => new Date().toISOString().slice(0, 10);

/**
 * Caches the 200 answers of the GET (and HEAD) routes that ask for it (`config.cache`), keyed by
 * the data revision (every committed write, from any process, changes it: see
 * `Store.dataRevision`), today's date for `daily` routes, and the exact URL. A hit skips
 * validation, the database, the computation and serialization: the `onRequest` hook sends the
 * payload the route produced last time, and every `onSend` hook (ETag, compression, cache and
 * security headers) runs on it as on a fresh answer. Only payloads the route produced as a string
 * or buffer are kept (never errors, never a stream), within a byte budget.
 *
 * Register before @fastify/etag and @fastify/compress, so that the payload kept is the one they
 * receive, not the compressed stream they return.
 */
export function registerResponseCache(app: FastifyInstance, options: ResponseCacheOptions): ResponseCache {
  const { store, maxEntries = 1000, maxBytes = 64 * 1024 * 1024, maxEntryBytes = 8 * 1024 * 1024 } = options;
  const today = options.today ?? utcToday;
  let revision: string | undefined;
  let hits = 0;
  let misses = 0;
  // Least recently used out first, within a count and a byte budget; a larger answer is not kept.
  const entries =
    maxBytes > 0
      ? new LRUCache<string, Entry>({ max: maxEntries, maxSize: maxBytes, maxEntrySize: maxEntryBytes, sizeCalculation: (e) => e.payload.length })
      : null;
  const stats = () => ({ entries: entries?.size ?? 0, bytes: entries?.calculatedSize ?? 0, hits, misses });
  const clear = () => entries?.clear();
  if (!entries) return { stats, clear };

  app.addHook('onRequest', async (req, reply) => {
    const mode = req.method === 'GET' || req.method === 'HEAD' ? req.routeOptions.config?.cache : undefined;
    if (!mode) return;
    const current = await store.dataRevision();
    if (current !== revision) {
      // The data changed: nothing held is valid any more.
      clear();
      revision = current;
    }
    const key = mode === 'daily' ? `${today()} ${req.url}` : req.url;
    const hit = entries.get(key);
    if (!hit) {
      misses++;
      req.responseCacheKey = { revision: current, key };
      return;
    }
    hits++;
    return reply.headers(hit.headers).send(hit.payload);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const at = req.responseCacheKey;
    if (at === undefined || reply.statusCode !== 200 || at.revision !== revision) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // Bytes: each hit is then hashed and written without encoding the text again.
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    entries.set(at.key, { payload: body, headers });
    return body;
  });

  return { stats, clear };
}
