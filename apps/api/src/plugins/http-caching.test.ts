import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../auth/tokens.js';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

const ds = bundledDataset();
// Canalys China cloud 2025Q1: Alibaba Cloud 33%.
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const URL_JSON = '/api/v1/shares?market=china-cloud-infra';
const SHARED = 'public, max-age=7, s-maxage=7, stale-while-revalidate=3';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe('reads cacheable by shared caches', () => {
  it('lets any cache keep a read for the configured time, varying on Accept-Encoding, also in a 304', async () => {
    t = await buildTestApp(undefined, { cachePolicy: { maxAge: 7, staleWhileRevalidate: 3 } });
    for (const url of [
      URL_JSON,
      '/api/v1/markets',
      '/api/v1/shares.csv?market=china-cloud-infra',
      '/api/v1/prices?currency=USD',
      '/api/v1/changes.atom',
      '/api/v1/events.zip',
    ]) {
      for (const headers of [{}, { 'accept-encoding': 'br' }]) {
        const res = await t.app.inject({ url, headers });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe(SHARED);
        expect(res.headers.vary, url).toMatch(/accept-encoding/);
      }
      const head = await t.app.inject({ method: 'HEAD', url });
      expect(head.headers['cache-control'], `HEAD ${url}`).toBe(SHARED);
    }
    const first = await t.app.inject(URL_JSON);
    const notModified = await t.app.inject({ url: URL_JSON, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.headers['cache-control']).toBe(SHARED);
    expect(notModified.headers.etag).toBe(first.headers.etag);
  });

  it('keeps errors, health, writes and requests with a token out of shared caches', async () => {
    t = await buildTestApp(undefined, { writeRateLimitPerMinute: 1000 });
    const { token } = await createToken(t.store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject('/api/v1/shares?market=china-clod')).headers['cache-control']).toBe('no-cache');
    expect((await t.app.inject('/api/v1/nope')).headers['cache-control']).toBe('no-cache');
    expect((await t.app.inject('/api/v1/health')).headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ url: URL_JSON, headers: bearer })).headers['cache-control']).toBe('no-cache');
    const before = await t.app.inject(URL_JSON);
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: bearer,
      payload: { value_percent: '33.5', note: 'test' },
    });
    expect(write.statusCode).toBe(200);
    expect(write.headers['cache-control']).toBe('no-cache');
    const refused = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      payload: { value_percent: '33.6' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-cache');
    // The answer changed, and so did its ETag: a cache revalidating with the old one gets the new answer.
    const after = await t.app.inject({ url: URL_JSON, headers: { 'if-none-match': String(before.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});
