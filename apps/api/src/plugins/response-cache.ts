import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

type Encoding = 'br' | 'gzip';

interface Entry {
  body: string | Buffer;
  etag: string;
  headers: Record<string, string>;
  /** Body plus its compressed forms, as counted against `maxBytes`. */
  bytes: number;
  /** The body compressed, made the first time a client asks for that encoding. */
  encoded: Partial<Record<Encoding, Buffer>>;
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
  /** Answers of at least this many bytes are sent compressed to clients that accept it (as @fastify/compress's threshold). */
  compressAbove?: number;
}

export interface ResponseCache {
  /** How many answers are held, and how often a request found its answer. */
  stats(): { entries: number; bytes: number; hits: number; misses: number };
  clear(): void;
}

/** The ETag @fastify/etag would compute (sha1, base64, strong), computed once per cached answer. */
const etagOf = (body: string | Buffer) => `"${createHash('sha1').update(body).digest('base64')}"`;

/**
 * The encoding to send an answer in for an Accept-Encoding header: br, else gzip, else none
 * (identity). An encoding listed with q=0 is refused; `*` stands for gzip.
 */
export function pickEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  let br = false;
  let gzip = false;
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((x) => x.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip' || name === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : undefined;
}

/** True when If-None-Match (one tag, a list, weak or strong, or *) names `etag`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || strip(tag) === strip(etag);
  });
}

const encode = (body: string | Buffer, encoding: Encoding): Buffer =>
  encoding === 'br'
    ? // Quality 6: within a few per cent of 11 on these JSON bodies at a twentieth of the time.
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } })
    : gzipSync(body, { level: 9 });

/**
 * Caches the serialized 200 answers of the GET routes that ask for it (`config.cache`), keyed by
 * the data revision (every committed write, from any process, changes it: see
 * `Store.dataRevision`), today's date for `daily` routes, and the exact URL. A hit skips
 * validation, the database, the computation and serialization; the ETag is computed once, so a
 * repeat request with If-None-Match is a 304 without hashing the body, and an answer is
 * compressed (br or gzip, as the client accepts) once, not on every request. Only answers the
 * route itself produced as a string or buffer are kept (never errors, never a stream), within a
 * byte budget that counts the compressed forms too. Register before @fastify/compress and
 * @fastify/etag, so their hooks find the encoding and the ETag already set.
 */
export function registerResponseCache(app: FastifyInstance, options: ResponseCacheOptions): ResponseCache {
  const { store, maxEntries = 1000, maxBytes = 64 * 1024 * 1024, maxEntryBytes = 8 * 1024 * 1024, compressAbove = 1024 } = options;
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
    const compressible = Buffer.byteLength(hit.body) >= compressAbove;
    if (compressible) reply.header('vary', 'accept-encoding');
    // A repeat request: no body at all (nothing for the other hooks to compress or hash).
    if (matchesEtag(req.headers['if-none-match'], hit.etag)) return reply.code(304).send();
    const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : undefined;
    if (encoding === undefined) return reply.code(200).send(hit.body);
    // Compressed once per answer and encoding, not once per request; @fastify/compress leaves an
    // answer that already has a Content-Encoding alone.
    let encoded = hit.encoded[encoding];
    if (encoded === undefined) {
      encoded = encode(hit.body, encoding);
      hit.encoded[encoding] = encoded;
      hit.bytes += encoded.length;
      bytes += encoded.length;
      evict();
    }
    reply.header('content-encoding', encoding);
    return reply.code(200).send(encoded);
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
    entries.set(entryKey, { body: payload, etag, headers, bytes: size, encoded: {} });
    bytes += size;
    evict();
    return payload;
  });

  return { stats: () => ({ entries: entries.size, bytes, hits, misses }), clear };
}
