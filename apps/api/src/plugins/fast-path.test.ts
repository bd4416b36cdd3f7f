import { Agent, request } from 'node:http';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharesResponse } from '@dash/domain';
import { importShareFigures, loadBundledDataset, migrate, openStore, type Store } from '@dash/store';
import { TEST_DIALECTS } from '../../../../packages/store/src/testing/dialects.js';
import { buildApp } from '../app.js';
import { createToken } from '../auth/tokens.js';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';
import { createFastPath } from './fast-path.js';
import { registerResponseCache } from './response-cache.js';

// The fast path answers repeat requests for cached answers over HTTP without Fastify. These tests
// talk HTTP to a listening server (inject never takes the fast path) and compare, byte for byte,
// what it sends with what Fastify sent the first time.

const ds = bundledDataset();
// Canalys China cloud 2025Q1: Alibaba Cloud 33%.
const target = ds.figures.find((f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud')!;
const URL_JSON = '/api/v1/shares?market=china-cloud-infra';

interface Answer {
  status: number;
  /** Header name → value(s), every header as received, without `date`. */
  headers: Record<string, string | string[]>;
  /** How many header lines came (a header sent twice counts twice). */
  lines: number;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One HTTP request, the body as the bytes that came (never decompressed). */
function fetchRaw(base: string, path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(res.headers)) if (k !== 'date' && v !== undefined) h[k] = v;
        resolve({ status: res.statusCode!, headers: h, lines: res.rawHeaders.length / 2, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (a: Answer) =>
  a.headers['content-encoding'] === 'br' ? brotliDecompressSync(a.body) : a.headers['content-encoding'] === 'gzip' ? gunzipSync(a.body) : a.body;

let t: TestApp | undefined;
let base = '';
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function listening(options: Parameters<typeof buildTestApp>[1] = {}) {
  t = await buildTestApp(undefined, options);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return t;
}

const fastHits = () => t!.app.responseCache.stats().fastHits;

/** Every request variant the fast path tells apart, and those it must not (a non-matching If-None-Match). */
function variants(etag: string) {
  const out: Array<{ method: string; headers: Record<string, string> }> = [];
  for (const method of ['GET', 'HEAD'])
    for (const encoding of [undefined, 'gzip', 'gzip, deflate, br, zstd', 'deflate'])
      for (const origin of [undefined, 'https://newsroom.example'])
        for (const inm of [undefined, etag, `W/${etag}`, `"other", ${etag}`, '*', '"stale"', 'W/"stale", "older"']) {
          const headers: Record<string, string> = {};
          if (encoding) headers['accept-encoding'] = encoding;
          if (origin) headers.origin = origin;
          if (inm) headers['if-none-match'] = inm;
          out.push({ method, headers });
        }
  return out;
}

const CACHED = [
  URL_JSON,
  '/api/v1/markets',
  '/api/v1/compare?vendors=alibaba,bytedance',
  '/api/v1/prices?currency=USD',
  '/api/v1/cost-estimate?inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000',
  '/api/v1/shares.csv?market=china-cloud-infra',
  '/api/v1/shares.excel.csv?market=china-cloud-infra',
  '/api/v1/events.csv',
  `/api/v1/shares/${target.id}/revisions`,
];

describe('the fast path (over HTTP)', () => {
  it('sends every cached endpoint, in every request variant, exactly as Fastify did the first time', async () => {
    await listening();
    for (const url of CACHED) {
      const plain = await fetchRaw(base, url);
      expect(plain.status, url).toBe(200);
      const etag = String(plain.headers.etag);
      expect(etag, url).toMatch(/^"/);
      for (const v of variants(etag)) {
        const what = `${v.method} ${url} ${JSON.stringify(v.headers)}`;
        // The first answer of all (a miss: the route runs), then the same request twice.
        t!.app.responseCache.clear();
        const first = await fetchRaw(base, url, v);
        const before = fastHits();
        const again = [await fetchRaw(base, url, v), await fetchRaw(base, url, v)];
        expect(fastHits(), `${what}: taken by the fast path`).toBe(before + 2);
        for (const a of again) {
          expect(a.status, what).toBe(first.status);
          expect(a.headers, what).toEqual(first.headers);
          expect(a.lines, what).toBe(first.lines);
          expect(a.body.equals(first.body), `${what}: body`).toBe(true);
        }
        // And the answer itself is right: a 304 exactly when If-None-Match names the ETag.
        const named = v.headers['if-none-match'] !== undefined && !v.headers['if-none-match'].includes('stale');
        expect(first.status, what).toBe(named ? 304 : 200);
        if (first.status === 200 && v.method === 'GET') expect(decoded(first).equals(plain.body), `${what}: decoded body`).toBe(true);
        if (first.status === 304 || v.method === 'HEAD') expect(first.body.length, what).toBe(0);
      }
    }
  }, 120_000);

  it('sends a variant first answered from the cache (not computed) as it was then, too', async () => {
    await listening();
    for (const url of [URL_JSON, '/api/v1/prices.excel.csv?currency=USD']) {
      const etag = String((await fetchRaw(base, url)).headers.etag);
      for (const v of variants(etag)) {
        const first = await fetchRaw(base, url, v);
        const before = fastHits();
        const again = await fetchRaw(base, url, v);
        expect(fastHits(), `${v.method} ${url} ${JSON.stringify(v.headers)}`).toBe(before + 1);
        expect({ ...again, body: again.body.toString('base64') }).toEqual({ ...first, body: first.body.toString('base64') });
      }
    }
  }, 60_000);

  it('leaves errors and uncached routes to Fastify', async () => {
    await listening();
    for (const [url, status] of [['/api/v1/shares?market=china-clod', 400], ['/api/v1/health', 200], ['/api/v1/nope', 404]] as const) {
      for (let i = 0; i < 2; i++) expect((await fetchRaw(base, url)).status, url).toBe(status);
    }
    expect(fastHits()).toBe(0);
  });

  it('sees a write through the API on the very next request', async () => {
    await listening({ writeRateLimitPerMinute: 1000 });
    const { token } = await createToken(t!.store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
    const value = async () => ((JSON.parse((await fetchRaw(base, URL_JSON)).body.toString()) as SharesResponse).data.find((f) => f.id === target.id)!.sharePctText);
    expect(await value()).toBe('33');
    const before = fastHits();
    expect(await value()).toBe('33');
    expect(fastHits()).toBe(before + 1);
    const res = await t!.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { value_percent: '33.5', note: 'test' },
    });
    expect(res.statusCode).toBe(200);
    expect(await value()).toBe('33.5');
  });

  it('sees an import by another connection (as the data CLI makes) on the very next request', async () => {
    await listening();
    const value = async () => ((JSON.parse((await fetchRaw(base, URL_JSON)).body.toString()) as SharesResponse).data.find((f) => f.id === target.id)!.sharePctText);
    await value();
    const before = fastHits();
    expect(await value()).toBe('33');
    expect(fastHits()).toBe(before + 1);
    const cli: Store = openStore(t!.url);
    try {
      const source = ds.sources.find((s) => s.id === target.sourceId)!;
      await importShareFigures(
        cli.db,
        { figures: [{ ...target, sharePctText: '33.0', sharePct: 33 }], sources: [source], groups: [] },
        { mode: 'import', changeset: { kind: 'import', actor: 'cli', description: 'fix.csv' } },
      );
    } finally {
      await cli.close();
    }
    expect(await value()).toBe('33.0');
    expect(await value()).toBe('33.0');
  });

  it('sees a bundled reload on the very next request', async () => {
    await listening();
    const value = async () => ((JSON.parse((await fetchRaw(base, URL_JSON)).body.toString()) as SharesResponse).data.find((f) => f.id === target.id)!.sharePctText);
    await value();
    const before = fastHits();
    expect(await value()).toBe('33');
    expect(fastHits()).toBe(before + 1);
    const reloaded = { ...ds, version: 'ds-reloaded-test', figures: ds.figures.map((f) => (f.id === target.id ? { ...f, sharePctText: '33.1', sharePct: 33.1 } : f)) };
    await loadBundledDataset(t!.store.db, reloaded);
    expect(await value()).toBe('33.1');
  });

  it('keeps the date in the key of answers that depend on today (prices at today’s rate)', async () => {
    const revision = { value: 'r1' };
    const day = { value: '2026-01-01' };
    const fast = createFastPath();
    const app = Fastify({ serverFactory: fast.serverFactory });
    const cache = registerResponseCache(app, { store: { dataRevision: () => revision.value } as unknown as Store, today: () => day.value });
    fast.attach(app, cache);
    let computed = 0;
    app.get('/daily', { config: { cache: 'daily' } }, async (_req, reply) => reply.type('text/plain').send(`daily ${++computed}`));
    const at = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const body = async () => (await fetchRaw(at, '/daily')).body.toString();
      expect(await body()).toBe('daily 1');
      expect(await body()).toBe('daily 1');
      expect(cache.stats().fastHits).toBe(1);
      day.value = '2026-01-02';
      expect(await body()).toBe('daily 2');
      expect(await body()).toBe('daily 2');
      revision.value = 'r2';
      expect(await body()).toBe('daily 3');
      expect(cache.stats().fastHits).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('logs each answer as one line with method, url, status and time at info, never a token, and nothing at warn', async () => {
    for (const level of ['info', 'warn']) {
      const lines: Array<Record<string, unknown>> = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
          done();
        },
      });
      const dir = await buildTestApp();
      const app = await buildApp({ store: dir.store, logger: { level, stream } });
      try {
        const at = await app.listen({ port: 0, host: '127.0.0.1' });
        await fetchRaw(at, URL_JSON);
        const before = lines.length;
        await fetchRaw(at, URL_JSON, { headers: { authorization: 'Bearer dash_secret_token_value' } });
        expect(app.responseCache.stats().fastHits).toBe(1);
        await new Promise((r) => setTimeout(r, 50));
        const fastLines = lines.slice(before);
        if (level === 'warn') expect(fastLines).toEqual([]);
        else {
          expect(fastLines).toHaveLength(1);
          expect(fastLines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: URL_JSON }, res: { statusCode: 200 } });
          expect(typeof fastLines[0]!.responseTime).toBe('number');
          expect(JSON.stringify(fastLines)).not.toContain('dash_secret');
        }
      } finally {
        await app.close();
        await dir.close();
      }
    }
  });

  for (const dialect of TEST_DIALECTS.filter((d) => d.dialect === 'postgres')) {
    it(`sees another instance's write on the very next request (${dialect.name})`, async () => {
      const { store, url, cleanup } = await dialect.open();
      // PGlite serves one session: the other instance shares its pool there.
      const other = dialect.name === 'postgres' ? openStore(url) : store;
      try {
        await migrate(store.db);
        await loadBundledDataset(store.db, ds);
        const app = await buildApp({ store });
        try {
          const at = await app.listen({ port: 0, host: '127.0.0.1' });
          const value = async () => ((JSON.parse((await fetchRaw(at, URL_JSON)).body.toString()) as SharesResponse).data.find((f) => f.id === target.id)!.sharePctText);
          expect(await value()).toBe('33');
          expect(await value()).toBe('33');
          expect(app.responseCache.stats().fastHits).toBe(1);
          const source = ds.sources.find((s) => s.id === target.sourceId)!;
          await importShareFigures(
            other.db,
            { figures: [{ ...target, sharePctText: '33.0', sharePct: 33 }], sources: [source], groups: [] },
            { mode: 'import', changeset: { kind: 'import', actor: 'other instance', description: 'fix.csv' } },
          );
          expect(await value()).toBe('33.0');
          expect(await value()).toBe('33.0');
          expect(app.responseCache.stats().fastHits).toBe(2);
        } finally {
          await app.close();
        }
      } finally {
        if (other !== store) await other.close();
        await cleanup();
      }
    });
  }
});
