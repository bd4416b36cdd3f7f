import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
    responseCacheKey?: { revision: string; key: string; day: string | undefined };
  }
}

type Encoding = 'br' | 'gzip';

/** An answer exactly as Fastify wrote it to the socket, replayed by {@link ResponseCache.serveRaw}. */
interface WireAnswer {
  status: number;
  /** Every header Fastify sent but the per-response ones Node adds (date, connection, keep-alive): name, value, name, value… */
  headers: string[];
  /** The body (one of the entry's buffers), or null for a 304 or a HEAD. */
  body: Buffer | null;
}

interface Entry {
  /** Its key in `entries`. */
  key: string;
  url: string;
  /** The date the answer was computed for (`daily` routes). */
  day: string | undefined;
  body: Buffer;
  etag: string;
  /** Big enough and of a type worth compressing. */
  compressible: boolean;
  headers: Record<string, string>;
  /** Body, its compressed forms and its recorded wire answers' headers, as counted against `maxBytes`. */
  bytes: number;
  /** The body compressed, made the first time a client asks for that encoding. */
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Whole answers as sent, per request variant (see `variantOf`), for the fast path. */
  wire: Map<string, WireAnswer>;
}

/**
 * Set on a request {@link ResponseCache.serveRaw} saw and left to Fastify: only such answers are
 * recorded (never those of `inject`, which the fast path never sees).
 */
const OFFERED = Symbol('offered to the fast path');
type Offered = IncomingMessage & { [OFFERED]?: true };
const offered = (req: IncomingMessage): false => {
  (req as Offered)[OFFERED] = true;
  return false;
};

/** Headers a cached answer is served with again (the rest are set per request, e.g. by helmet). */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'x-row-count'] as const;
/** Headers Node writes per response itself: never replayed. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
/** The content types @fastify/compress compresses (its default list). */
const COMPRESSIBLE_TYPE = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)/u;

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
  /** How many answers are held, and how often a request found its answer (`fastHits`: without Fastify). */
  stats(): { entries: number; bytes: number; hits: number; misses: number; fastHits: number };
  clear(): void;
  /**
   * The fast path: answers a GET or HEAD from the cache straight onto `res`, without Fastify,
   * when an answer Fastify already sent for the same request variant (method, URL, encoding,
   * Origin or not, 304 or not) is held for the current data revision (and date). Returns false
   * when it did not (the request is then Fastify's, untouched); a Promise when the data revision
   * is read asynchronously (PostgreSQL), resolving to the same.
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
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

const encode = (body: Buffer, encoding: Encoding): Buffer =>
  encoding === 'br'
    ? // Quality 6: within a few per cent of 11 on these JSON bodies at a twentieth of the time.
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 9 });

/** Accept-Encoding → encoding, remembered for the few distinct headers clients send. */
const encodings = new Map<string, Encoding | undefined>();
function encodingFor(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  if (encodings.has(header)) return encodings.get(header);
  const encoding = pickEncoding(header);
  if (encodings.size >= 256) encodings.clear();
  encodings.set(header, encoding);
  return encoding;
}

/** Today in UTC as YYYY-MM-DD, worked out again only when a day has passed. */
let dayText = '';
let dayEnds = 0;
function utcToday(): string {
  const now = Date.now();
  if (now >= dayEnds) {
    dayText = new Date(now).toISOString().slice(0, 10);
    dayEnds = Date.parse(`${dayText}T00:00:00.000Z`) + 86_400_000;
  }
  return dayText;
}

/**
 * The request variants a cached answer can take, as one short key: method, the encoding it is
 * sent in, whether the request named an Origin (CORS headers), whether If-None-Match names its
 * ETag (an empty 304). Nothing else in a request changes a cached answer.
 */
function variantOf(method: string, encoding: Encoding | undefined, origin: boolean, notModified: boolean): string {
  return `${method === 'HEAD' ? 'H' : 'G'}${encoding === 'br' ? 'b' : encoding === 'gzip' ? 'g' : '-'}${origin ? 'o' : '-'}${notModified ? 'n' : '-'}`;
}

/**
 * Caches the serialized 200 answers of the GET (and HEAD) routes that ask for it (`config.cache`),
 * keyed by the data revision (every committed write, from any process, changes it: see
 * `Store.dataRevision`), today's date for `daily` routes, and the exact URL. A hit skips
 * validation, the database, the computation and serialization; the ETag is computed once, so a
 * repeat request with If-None-Match is a 304 without hashing the body, and an answer is
 * compressed (br or gzip, as the client accepts) once, not on every request. The first answer
 * is sent in the same form as the later ones (compressed here, not by @fastify/compress). Only
 * answers the route itself produced as a string or buffer are kept (never errors, never a
 * stream), within a byte budget that counts the compressed forms too.
 *
 * Each answer as Fastify finally wrote it (status, every header, body) is recorded per request
 * variant, so that {@link ResponseCache.serveRaw} can send it again without Fastify, checking the
 * data revision on every request just as the hooks do. Register before @fastify/compress and
 * @fastify/etag, so their hooks find the encoding and the ETag already set.
 */
export function registerResponseCache(app: FastifyInstance, options: ResponseCacheOptions): ResponseCache {
  const { store, maxEntries = 1000, maxBytes = 64 * 1024 * 1024, maxEntryBytes = 8 * 1024 * 1024, compressAbove = 1024 } = options;
  const today = options.today ?? utcToday;
  const entries = new Map<string, Entry>();
  /** The entry each URL was last stored under (the fast path does not know the route's mode). */
  const byUrl = new Map<string, Entry>();
  let bytes = 0;
  let revision: string | undefined;
  let hits = 0;
  let misses = 0;
  let fastHits = 0;

  const clear = () => {
    entries.clear();
    byUrl.clear();
    bytes = 0;
  };
  const drop = (e: Entry) => {
    entries.delete(e.key);
    if (byUrl.get(e.url) === e) byUrl.delete(e.url);
    bytes -= e.bytes;
  };
  const evict = () => {
    for (const e of entries.values()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(e);
    }
  };
  /** Most recently used last, so eviction takes the oldest. */
  const touch = (e: Entry) => {
    entries.delete(e.key);
    entries.set(e.key, e);
  };
  const encoded = (e: Entry, encoding: Encoding): Buffer => {
    let buf = e.encoded[encoding];
    if (buf === undefined) {
      buf = encode(e.body, encoding);
      e.encoded[encoding] = buf;
      e.bytes += buf.length;
      bytes += buf.length;
      evict();
    }
    return buf;
  };

  /**
   * Records what Fastify writes for this request, after every hook, as the entry's answer for
   * `variant`, when it is exactly the answer decided here: `status`, the encoding, and `body`
   * itself (the very buffer), or no body for a 304 or a HEAD. An answer a later hook changed, or
   * one written after the entry was dropped (the data changed), is not recorded.
   */
  const capture = (req: FastifyRequest, raw: ServerResponse, e: Entry, variant: string, status: number, body: Buffer | null, encoding: Encoding | undefined) => {
    if ((req.raw as Offered)[OFFERED] !== true || e.wire.has(variant)) return;
    const writeHead = raw.writeHead;
    const end = raw.end;
    let sent: OutgoingHttpHeaders | undefined;
    let sentStatus = 0;
    let clean = true;
    const undo = () => {
      raw.writeHead = writeHead;
      raw.end = end;
    };
    raw.writeHead = function (this: ServerResponse, code: number, ...rest: unknown[]) {
      const [headers] = rest;
      // Fastify calls writeHead(status, headers); any other form is not recorded.
      if (rest.length === 1 && headers !== null && typeof headers === 'object' && !Array.isArray(headers)) {
        sentStatus = code;
        sent = { ...this.getHeaders(), ...(headers as OutgoingHttpHeaders) };
      } else clean = false;
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, code, ...rest);
    } as ServerResponse['writeHead'];
    raw.end = function (this: ServerResponse, ...args: unknown[]) {
      undo();
      const chunk = args[0];
      const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      const wrote = chunk === undefined || chunk === null || chunk === '' || typeof chunk === 'function' ? null : chunk;
      if (!clean || sent === undefined || sentStatus !== status || wrote !== body) return result;
      if (sent['content-encoding'] !== (status === 304 ? undefined : encoding)) return result;
      if (entries.get(e.key) !== e || e.wire.has(variant)) return result;
      const headers: string[] = [];
      let size = 64;
      for (const [name, value] of Object.entries(sent)) {
        if (value === undefined || PER_RESPONSE.has(name)) continue;
        for (const v of Array.isArray(value) ? value : [String(value)]) {
          headers.push(name, v);
          size += name.length + v.length;
        }
      }
      e.wire.set(variant, { status, headers, body });
      e.bytes += size;
      bytes += size;
      evict();
      return result;
    } as ServerResponse['end'];
    // Fastify may never write (the client went away): nothing to record then.
    raw.once('close', undo);
  };

  /** How `e` is sent to this request: status, body (null for a 304), encoding, and the variant's key. */
  const answerFor = (e: Entry, method: string, headers: IncomingMessage['headers']) => {
    const notModified = headers['if-none-match'] !== undefined && matchesEtag(headers['if-none-match'], e.etag);
    const encoding = notModified || !e.compressible ? undefined : encodingFor(headers['accept-encoding']);
    const variant = variantOf(method, e.compressible ? encodingFor(headers['accept-encoding']) : undefined, headers.origin !== undefined, notModified);
    const body = notModified ? null : encoding === undefined ? e.body : encoded(e, encoding);
    return { notModified, encoding, variant, body };
  };

  const cacheable = (req: FastifyRequest) => (req.method === 'GET' || req.method === 'HEAD' ? req.routeOptions.config?.cache : undefined);

  app.addHook('onRequest', async (req, reply) => {
    const mode = cacheable(req);
    if (!mode) return;
    const current = await store.dataRevision();
    if (current !== revision) {
      // The data changed: nothing held is valid any more.
      clear();
      revision = current;
    }
    const day = mode === 'daily' ? today() : undefined;
    const key = day === undefined ? req.url : `${day} ${req.url}`;
    const hit = entries.get(key);
    if (!hit) {
      misses++;
      req.responseCacheKey = { revision: current, key, day };
      return;
    }
    hits++;
    touch(hit);
    byUrl.set(hit.url, hit);
    reply.headers(hit.headers);
    reply.header('etag', hit.etag);
    if (hit.compressible) reply.header('vary', 'accept-encoding');
    const a = answerFor(hit, req.method, req.headers);
    capture(req, reply.raw, hit, a.variant, a.notModified ? 304 : 200, req.method === 'HEAD' ? null : a.body, a.encoding);
    // A repeat request: no body at all (nothing for the other hooks to compress or hash).
    if (a.notModified) return reply.code(304).send('');
    // Compressed once per answer and encoding; @fastify/compress leaves an answer that already
    // has a Content-Encoding alone.
    if (a.encoding !== undefined) reply.header('content-encoding', a.encoding);
    return reply.code(200).send(a.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const at = req.responseCacheKey;
    if (at === undefined || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = etagOf(body);
    reply.header('etag', etag);
    // Computed under a revision that is no longer current, or too big: serve it, but do not keep it.
    if (body.length > maxEntryBytes || at.revision !== revision) return payload;
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    const compressible = body.length >= compressAbove && COMPRESSIBLE_TYPE.test(headers['content-type'] ?? 'application/json');
    const old = entries.get(at.key);
    if (old) drop(old);
    const e: Entry = { key: at.key, url: req.url, day: at.day, body, etag, compressible, headers, bytes: body.length, encoded: {}, wire: new Map() };
    entries.set(at.key, e);
    byUrl.set(e.url, e);
    bytes += body.length;
    evict();
    if (entries.get(at.key) !== e) return payload;
    // The first answer in the very form of the later ones (which come from the hook above).
    if (compressible) reply.header('vary', 'accept-encoding');
    const a = answerFor(e, req.method, req.headers);
    capture(req, reply.raw, e, a.variant, a.notModified ? 304 : 200, req.method === 'HEAD' ? null : a.body, a.encoding);
    if (a.notModified) {
      reply.code(304);
      return '';
    }
    if (a.encoding !== undefined) reply.header('content-encoding', a.encoding);
    return a.body;
  });

  /** Writes a recorded answer, or says it has none for this request under `current`. */
  const serveFrom = (e: Entry, req: IncomingMessage, res: ServerResponse, current: string): boolean => {
    if (current !== revision || entries.get(e.key) !== e) return false;
    const { headers } = req;
    const notModified = headers['if-none-match'] !== undefined && matchesEtag(headers['if-none-match'], e.etag);
    const encoding = e.compressible ? encodingFor(headers['accept-encoding']) : undefined;
    const answer = e.wire.get(variantOf(req.method ?? 'GET', encoding, headers.origin !== undefined, notModified));
    if (answer === undefined) return false;
    fastHits++;
    touch(e);
    res.writeHead(answer.status, answer.headers);
    if (answer.body === null) res.end();
    else res.end(answer.body);
    return true;
  };

  const serveRaw = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const e = byUrl.get(req.url ?? '');
    if (e === undefined || e.wire.size === 0 || (e.day !== undefined && e.day !== today())) return offered(req);
    // The data revision, read on every request as the hook does: a write by anyone is seen next.
    const current = store.dataRevision();
    if (typeof current === 'string') return serveFrom(e, req, res, current) || offered(req);
    return current.then((c) => serveFrom(e, req, res, c) || offered(req));
  };

  return { stats: () => ({ entries: entries.size, bytes, hits, misses, fastHits }), clear, serveRaw };
}
