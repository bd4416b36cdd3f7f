import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharesResponse } from '@dash/domain';
import { importShareFigures, loadBundledDataset, migrate, openStore, type Store } from '@dash/store';
import { TEST_DIALECTS } from '../../../../packages/store/src/testing/dialects.js';
import { buildApp } from '../app.js';
import { createToken } from '../auth/tokens.js';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';
import { matchesEtag } from './http-caching.js';
import { registerResponseCache } from './response-cache.js';

const ds = bundledDataset();
// Canalys China cloud 2025Q1: Alibaba Cloud 33%.
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const URL_JSON = '/api/v1/shares?market=china-cloud-infra';
const URL_CSV = '/api/v1/shares.csv?market=china-cloud-infra';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const valueIn = async (url: string) => {
  const body = (await t.app.inject(url)).json() as SharesResponse;
  return body.data.find((f) => f.id === target.id)?.sharePctText;
};
const csvHas = async (text: string) => (await t.app.inject(URL_CSV)).body.includes(`,${text},`);

describe('cached answers', () => {
  it('serves a repeat request the same bytes and headers, and a 304 to If-None-Match', async () => {
    t = await buildTestApp();
    for (const url of [URL_JSON, URL_CSV, '/api/v1/compare', '/api/v1/prices?currency=USD', '/api/v1/events.csv']) {
      const first = await t.app.inject(url);
      const again = await t.app.inject(url);
      expect(again.statusCode, url).toBe(200);
      expect(again.body, url).toBe(first.body);
      for (const h of ['content-type', 'content-disposition', 'x-row-count', 'etag', 'cache-control', 'content-security-policy']) {
        expect(again.headers[h], `${url} ${h}`).toBe(first.headers[h]);
      }
      const notModified = await t.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
      expect(notModified.statusCode, url).toBe(304);
      expect(notModified.body).toBe('');
    }
  });

  it('sends a repeat answer compressed as the client accepts (br, else gzip), the same bytes once decoded', async () => {
    t = await buildTestApp();
    for (const url of [URL_JSON, URL_CSV, '/api/v1/prices?currency=USD']) {
      const plain = await t.app.inject(url);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      for (const [accept, encoding, decode] of [
        ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
        ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
      ] as const) {
        for (let i = 0; i < 2; i++) {
          const res = await t.app.inject({ url, headers: { 'accept-encoding': accept } });
          expect(res.statusCode, url).toBe(200);
          expect(res.headers['content-encoding'], `${url} ${accept}`).toBe(encoding);
          expect(res.headers.vary, url).toMatch(/accept-encoding/i);
          expect(res.headers.etag, url).toBe(plain.headers.etag);
          expect(res.headers['content-type'], url).toBe(plain.headers['content-type']);
          expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
          expect(decode(res.rawPayload).toString('utf8'), url).toBe(plain.body);
        }
      }
      const identity = await t.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.body).toBe(plain.body);
    }
  });

  it('answers If-None-Match naming the ETag (in a list, weak, or *) with an empty 304, whatever the encoding', async () => {
    t = await buildTestApp();
    const first = await t.app.inject(URL_JSON);
    const etag = String(first.headers.etag);
    for (const inm of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const res = await t.app.inject({ url: URL_JSON, headers: { 'if-none-match': inm, 'accept-encoding': 'br' } });
      expect(res.statusCode, inm).toBe(304);
      expect(res.rawPayload.length, inm).toBe(0);
      expect(res.headers.etag).toBe(etag);
      expect(res.headers['content-encoding']).toBeUndefined();
    }
    const changed = await t.app.inject({ url: URL_JSON, headers: { 'if-none-match': '"stale"' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toBe(first.body);
  });

  it('never caches errors', async () => {
    t = await buildTestApp();
    const bad = await t.app.inject('/api/v1/shares?market=china-clod');
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/shares?market=china-clod')).json()).toEqual(bad.json());
  });

  it('answers with new data after a write through the API', async () => {
    t = await buildTestApp(undefined, { writeRateLimitPerMinute: 1000 });
    const { token } = await createToken(t.store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
    expect(await valueIn(URL_JSON)).toBe('33');
    expect(await csvHas('33')).toBe(true);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { value_percent: '33.5', note: 'test' },
    });
    expect(res.statusCode).toBe(200);
    expect(await valueIn(URL_JSON)).toBe('33.5');
    expect(await csvHas('33.5')).toBe(true);
    const changes = (await t.app.inject('/api/v1/changes?limit=1')).json() as { data: Array<{ figureId: string }> };
    expect(changes.data[0]!.figureId).toBe(target.id);
    expect((await t.app.inject(`/api/v1/shares/${target.id}/revisions`)).json().data).toHaveLength(2);
  });

  it('answers with new data after an import by another process (another connection to the file)', async () => {
    t = await buildTestApp();
    expect(await valueIn(URL_JSON)).toBe('33');
    const cli: Store = openStore(t.url);
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
    expect(await valueIn(URL_JSON)).toBe('33.0');
    expect(await csvHas('33.0')).toBe(true);
  });

  it('answers with new data after a bundled reload', async () => {
    t = await buildTestApp();
    expect(await valueIn(URL_JSON)).toBe('33');
    const reloaded = { ...ds, version: 'ds-reloaded-test', figures: ds.figures.map((f) => (f.id === target.id ? { ...f, sharePctText: '33.1', sharePct: 33.1 } : f)) };
    await loadBundledDataset(t.store.db, reloaded);
    expect(await valueIn(URL_JSON)).toBe('33.1');
    expect(await csvHas('33.1')).toBe(true);
  });

  for (const dialect of TEST_DIALECTS.filter((d) => d.dialect === 'postgres')) {
    it(`answers with new data after another instance's write (${dialect.name})`, async () => {
      const { store, url, cleanup } = await dialect.open();
      // PGlite serves one session: the other instance shares its pool there.
      const other = dialect.name === 'postgres' ? openStore(url) : store;
      try {
        await migrate(store.db);
        await loadBundledDataset(store.db, ds);
        const app = await buildApp({ store });
        try {
          const value = async () => ((await app.inject(URL_JSON)).json() as SharesResponse).data.find((f) => f.id === target.id)?.sharePctText;
          expect(await value()).toBe('33');
          expect(await value()).toBe('33');
          expect(app.responseCache.stats().hits).toBe(1);
          const source = ds.sources.find((s) => s.id === target.sourceId)!;
          await importShareFigures(
            other.db,
            { figures: [{ ...target, sharePctText: '33.0', sharePct: 33 }], sources: [source], groups: [] },
            { mode: 'import', changeset: { kind: 'import', actor: 'other instance', description: 'fix.csv' } },
          );
          expect(await value()).toBe('33.0');
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

describe('the response cache plugin', () => {
  const fakeStore = (revision: { value: string }) => ({ dataRevision: () => revision.value }) as unknown as Store;

  async function appWith(revision: { value: string }, day: { value: string }, options: { maxEntries?: number; maxEntryBytes?: number; maxBytes?: number } = {}) {
    const app = Fastify();
    const cache = registerResponseCache(app, { store: fakeStore(revision), today: () => day.value, ...options });
    let computed = 0;
    app.get('/data', { config: { cache: 'data' } }, async (req, reply) => reply.type('text/plain').send(`data ${++computed} ${req.url}`));
    app.get('/daily', { config: { cache: 'daily' } }, async (_req, reply) => reply.type('text/plain').send(`daily ${++computed}`));
    app.get('/big', { config: { cache: 'data' } }, async (_req, reply) => reply.type('text/plain').send('x'.repeat(2000)));
    app.get('/plain', async (_req, reply) => reply.type('text/plain').send(`plain ${++computed}`));
    return { app, cache };
  }

  it('keys answers by data revision, URL and (for daily routes) the date', async () => {
    const revision = { value: 'r1' };
    const day = { value: '2026-01-01' };
    const { app, cache } = await appWith(revision, day);
    expect((await app.inject('/data')).body).toBe('data 1 /data');
    expect((await app.inject('/data')).body).toBe('data 1 /data');
    expect((await app.inject('/data?x=1')).body).toBe('data 2 /data?x=1');
    expect((await app.inject('/daily')).body).toBe('daily 3');
    expect((await app.inject('/daily')).body).toBe('daily 3');
    day.value = '2026-01-02';
    expect((await app.inject('/daily')).body).toBe('daily 4');
    expect((await app.inject('/data')).body).toBe('data 1 /data');
    revision.value = 'r2';
    expect((await app.inject('/data')).body).toBe('data 5 /data');
    expect((await app.inject('/plain')).body).toBe('plain 6');
    expect((await app.inject('/plain')).body).toBe('plain 7');
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 3 });
  });

  it('reads If-None-Match as HTTP does', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b", "a"', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
  });

  it('keeps nothing with a budget of 0 bytes', async () => {
    const { app, cache } = await appWith({ value: 'r' }, { value: 'd' }, { maxBytes: 0 });
    expect((await app.inject('/data')).body).toBe('data 1 /data');
    expect((await app.inject('/data')).body).toBe('data 2 /data');
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 0 });
  });

  it('keeps at most maxEntries answers, dropping the least recently used, and none over maxEntryBytes', async () => {
    const { app, cache } = await appWith({ value: 'r' }, { value: 'd' }, { maxEntries: 2, maxEntryBytes: 1000 });
    await app.inject('/data?a');
    await app.inject('/data?b');
    await app.inject('/data?a');
    await app.inject('/data?c');
    expect((await app.inject('/data?a')).body).toBe('data 1 /data?a');
    expect((await app.inject('/data?b')).body).toBe('data 4 /data?b');
    await app.inject('/big');
    expect(cache.stats().entries).toBe(2);
    expect(cache.stats().bytes).toBeLessThan(1000);
  });
});
