import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
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
    responseCacheKey?: string;
  }
}

interface Entry {
  body: string | Buffer;
  etag: string;
  headers: Record<string, string>;
  bytes: number;
}

/** Headers a cached answer is served with again (the rest are set per request, e.g. by helmet). */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'x-row-count'] as const;

export interface ResponseCacheOptions {
  store: Store;
  /** At most this many answers (least recently used go first). */
  maxEntries?: number;
  /** At most this many bytes of bodies in all. */
  maxBytes?: number;
  /** Answers larger than this are not cached (a huge export streams instead). */
  maxEntryBytes?: number;
  /** Today as YYYY-MM-DD (UTC), for `daily` routes; tests pass their own. */
  today?: () => string;
}

export interface ResponseCache {
  /** How many answers are held, and how often a request found its answer. */
  stats(): { entries: number; bytes: number; hits: number; misses: number };
  clear(): void;
}

/** The ETag @fastify/etag would compute (sha1, base64, strong), computed once per cached answer. */
const etagOf = (body: string | Buffer) => `"${createHash('sha1').update(body).digest('base64')}"`;

/**
 * Caches the serialized 200 answers of the GET routes that ask for it (`config.cache`), keyed by
 * the data revision (every committed write, from any process, changes it: see
 * `Store.dataRevision`), today's date for `daily` routes, and the exact URL. A hit skips
 * validation, the database, the computation and serialization; the ETag is computed once, so a
 * repeat request with If-None-Match is a 304 without hashing the body. Only answers the route
 * itself produced as a string or buffer are kept (never errors, never a stream), within a byte
 * budget. Register before @fastify/etag, so its hook finds the ETag already set.
 */
export function registerResponseCache(app: FastifyInstance, options: ResponseCacheOptions): ResponseCache {
  const { store, maxEntries = 1000, maxBytes = 64 * 1024 * 1024, maxEntryBytes = 8 * 1024 * 1024 } = options;
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let revision: string | undefined;
  let hits = 0;
  let misses = 0;

  const clear = () => {
    entries.clear();
    bytes = 0;
  };
  const evict = () => {
    for (const [key, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(key);
      bytes -= e.bytes;
    }
  };

  app.addHook('onRequest', async (req, reply) => {
    const mode = req.method === 'GET' ? req.routeOptions.config?.cache : undefined;
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
      req.responseCacheKey = `${current}\n${key}`;
      return;
    }
    hits++;
    // Most recently used last, so eviction takes the oldest.
    entries.delete(key);
    entries.set(key, hit);
    reply.headers(hit.headers);
    reply.header('etag', hit.etag);
    return reply.code(200).send(hit.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.responseCacheKey;
    if (key === undefined || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const size = Buffer.byteLength(payload);
    const etag = etagOf(payload);
    reply.header('etag', etag);
    const [keyRevision, entryKey] = [key.slice(0, key.indexOf('\n')), key.slice(key.indexOf('\n') + 1)];
    // Computed under a revision that is no longer current: serve it, but do not keep it.
    if (size > maxEntryBytes || keyRevision !== revision) return payload;
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    const old = entries.get(entryKey);
    if (old) bytes -= old.bytes;
    entries.delete(entryKey);
    entries.set(entryKey, { body: payload, etag, headers, bytes: size });
    bytes += size;
    evict();
    return payload;
  });

  return { stats: () => ({ entries: entries.size, bytes, hits, misses }), clear };
}
