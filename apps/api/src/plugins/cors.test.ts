import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const elsewhere = { origin: 'https://newsroom.example' };

describe('CORS: anyone may read the API from a browser, no one may write', () => {
  it.each(['/api/v1/shares?market=china-ai-cloud', '/api/v1/shares.csv?market=china-ai-cloud', '/api/v1/markets', '/api/v1/nope'])(
    'a cross-origin GET of %s may be read by the page, without credentials',
    async (url) => {
      const res = await t.app.inject({ url, headers: elsewhere });
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      // A script can see what it needs to revalidate and to name a download.
      expect(String(res.headers['access-control-expose-headers'])).toMatch(/ETag/);
      expect(String(res.headers['access-control-expose-headers'])).toMatch(/Content-Disposition/);
    },
  );

  it('a repeated cross-origin GET from the response cache carries the same headers', async () => {
    const url = '/api/v1/vendors';
    await t.app.inject({ url, headers: elsewhere });
    const again = await t.app.inject({ url, headers: elsewhere });
    expect(again.statusCode).toBe(200);
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });

  it('a preflight for a conditional GET is allowed (If-None-Match is not a simple header)', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/shares?market=china-ai-cloud',
      headers: { ...elsewhere, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(['GET', 'HEAD']);
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('if-none-match');
  });

  it('a preflight for a cross-origin write names only GET and HEAD, so the browser never sends it', async () => {
    for (const method of ['POST', 'PATCH']) {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/shares',
        headers: { ...elsewhere, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
      });
      const allowed = String(res.headers['access-control-allow-methods'] ?? '');
      expect(allowed, method).not.toContain(method);
      expect(String(res.headers['access-control-allow-headers'] ?? '').toLowerCase(), method).not.toContain('authorization');
    }
  });

  it('pages, assets and the docs get no CORS headers', async () => {
    for (const url of ['/', '/api/docs', '/api/openapi.json']) {
      const res = await t.app.inject({ url, headers: { ...elsewhere, accept: 'text/html' } });
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
    }
  });
});
