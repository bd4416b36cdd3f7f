import { gunzipSync } from 'node:zlib';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledDataset, buildTestApp, type TestApp } from './testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('GET /api/v1/health', () => {
  it('says the API is up, which database it uses and which dataset it serves', async () => {
    const res = await t.app.inject('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({
      status: 'ok',
      database: 'sqlite',
      datasetVersion: bundledDataset().version,
      figures: 112,
    });
    expect(bundledDataset().version).toMatch(/^ds-[0-9a-f]{12}$/);
  });
});

describe('unknown routes', () => {
  it.each(['/api/v1/nope', '/api/v1/shares/extra', '/api/v2/shares'])('answers %s with a JSON 404', async (url) => {
    const res = await t.app.inject(`${url}?market=china-ai-cloud`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ error: { code: 'not_found', message: `no route GET ${url}` } });
  });

  it('answers a JSON 404 under /api even when the client asks for HTML', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers an unsupported method on a known route with a JSON 404, not a crash', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/shares' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'no route DELETE /api/v1/shares' } });
  });
});

describe('HTTP behaviour', () => {
  it('sends security headers on data, errors and the docs page', async () => {
    // API answers are data: the strictest CSP, no framing at all (OWASP REST security).
    for (const url of ['/api/v1/health', '/api/v1/shares?market=nope', '/api/v1/nope', '/api/v1/shares.csv']) {
      const res = await t.app.inject(url);
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toMatch(/^max-age=\d+/);
      // Public data: no Cross-Origin-Resource-Policy keeping other sites out (CORS allows reads).
      expect(res.headers['cross-origin-resource-policy'], url).toBeUndefined();
    }
    // The docs page: a document, under the dashboard's policy.
    for (const url of ['/api/docs']) {
      const res = await t.app.inject(url);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("object-src 'none'");
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      // No inline script or style anywhere, the docs page included, and no https: wildcard.
      expect(res.headers['content-security-policy'], url).not.toContain('unsafe-inline');
      expect(res.headers['content-security-policy'], url).toMatch(/style-src 'self'( 'sha256-[^']+')?(;|$)/);
      expect(res.headers['content-security-policy'], url).not.toMatch(/https:/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it('answers a repeated request with If-None-Match by 304 and no body', async () => {
    for (const url of [
      '/api/v1/shares?market=china-ai-cloud',
      '/api/v1/shares.csv?market=china-ai-cloud',
      '/api/v1/vendors',
    ]) {
      const first = await t.app.inject(url);
      expect(first.statusCode, url).toBe(200);
      const etag = first.headers.etag;
      expect(etag, url).toMatch(/^".+"$/);
      const again = await t.app.inject({ url, headers: { 'if-none-match': String(etag) } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
      const stale = await t.app.inject({ url, headers: { 'if-none-match': '"something-else"' } });
      expect(stale.statusCode, url).toBe(200);
    }
  });

  it('gives different queries different ETags', async () => {
    const a = await t.app.inject('/api/v1/shares?market=china-ai-cloud');
    const b = await t.app.inject('/api/v1/shares?market=china-cloud-infra');
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });

  it('compresses responses with gzip when the client accepts it, and the content is unchanged', async () => {
    for (const url of ['/api/v1/shares', '/api/v1/shares.csv']) {
      const plain = await t.app.inject(url);
      const zipped = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.statusCode, url).toBe(200);
      expect(zipped.headers['content-encoding'], url).toBe('gzip');
      expect(zipped.headers.vary, url).toContain('accept-encoding');
      expect(zipped.rawPayload.length, url).toBeLessThan(plain.rawPayload.length / 2);
      expect(gunzipSync(zipped.rawPayload).toString('utf8'), url).toBe(plain.body);
    }
    const plain = await t.app.inject('/api/v1/shares');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('lets browsers and shared caches keep API reads for 10 s, then 20 s more while revalidating', async () => {
    expect((await t.app.inject('/api/v1/shares')).headers['cache-control']).toBe('public, max-age=10, s-maxage=10, stale-while-revalidate=20');
  });
});

const COST_PARAMS = [
  'inputTokensPerRequest',
  'outputTokensPerRequest',
  'requestsPerMonth',
  'cachedInputPct',
  'contextTokens',
  'ratio',
  'at',
  'currency',
  'model',
  'vendor',
  'region',
];

describe('OpenAPI', () => {
  // Every route of the public API, with the query parameters it takes.
  const ROUTES: Record<string, string[]> = {
    '/api/v1/health': [],
    '/api/v1/vendors': [],
    '/api/v1/markets': [],
    '/api/v1/sources': [],
    '/api/v1/shares': ['market', 'vendor', 'from', 'to', 'publisher', 'asOf'],
    '/api/v1/shares.csv': ['market', 'vendor', 'from', 'to', 'publisher', 'asOf'],
    '/api/v1/compare': ['vendors'],
    '/api/v1/compare.csv': ['vendors'],
    '/api/v1/openness': [],
    '/api/v1/openness.csv': [],
    '/api/v1/strategy-shares': ['market', 'view'],
    '/api/v1/strategy-shares.csv': ['market', 'view'],
    '/api/v1/market-sizes': ['market'],
    '/api/v1/market-sizes.csv': ['market'],
    '/api/v1/price-models': [],
    '/api/v1/fx-rates': [],
    '/api/v1/prices': ['currency', 'vendor', 'model', 'region'],
    '/api/v1/prices.csv': ['currency', 'vendor', 'model', 'region'],
    '/api/v1/price-history': ['currency', 'vendor', 'model', 'region', 'at'],
    '/api/v1/price-history.csv': ['currency', 'vendor', 'model', 'region', 'at'],
    '/api/v1/cost-estimate': COST_PARAMS,
    '/api/v1/cost-estimate.csv': COST_PARAMS,
    '/api/v1/changes': ['after', 'since', 'market', 'limit'],
    '/api/v1/changes.atom': ['after', 'since', 'market', 'limit'],
    '/api/v1/events': ['vendor', 'kind', 'from', 'to'],
    '/api/v1/events.csv': ['vendor', 'kind', 'from', 'to'],
  };

  // Every CSV view also downloads as a ZIP (with metadata and README) and as an Excel-friendly CSV.
  const EXPORT_TWINS: Record<string, string[]> = Object.fromEntries(
    Object.entries(ROUTES)
      .filter(([path]) => path.endsWith('.csv'))
      .flatMap(([path, params]) => [
        [path.replace(/\.csv$/, '.zip'), params],
        [path.replace(/\.csv$/, '.excel.csv'), params],
      ]),
  );
  const GET_ROUTES = { ...ROUTES, ...EXPORT_TWINS };

  // Routes with a path parameter or without a GET (the write API), with their methods.
  const PATH_ROUTES: Record<string, string[]> = {
    '/api/v1/shares/{id}': ['patch'],
    '/api/v1/shares/{id}/revisions': ['get'],
  };

  it('serves a valid OpenAPI 3.1 document', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(bundledDataset().version);
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('would reject a broken document (the validator is really checking)', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    doc.paths['/api/v1/shares'].get.parameters[0].in = 'body';
    expect((await new Validator().validate(doc)).valid).toBe(false);
  });

  it('lists every /api/v1 route, each of which exists, with its query parameters', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths).sort()).toEqual([...Object.keys(GET_ROUTES), ...Object.keys(PATH_ROUTES)].sort());
    for (const [path, params] of Object.entries(GET_ROUTES)) {
      expect(t.app.hasRoute({ method: 'GET', url: path }), path).toBe(true);
      const op = doc.paths[path].get;
      expect(op.summary, path).toMatch(/\S/);
      expect(Object.keys(op.responses), path).toContain('200');
      const documented = (op.parameters ?? []) as Array<{ in: string; name: string; description?: string }>;
      expect(
        documented.map((p) => p.name),
        path,
      ).toEqual(params);
      for (const p of documented) {
        expect(p.in, `${path} ${p.name}`).toBe('query');
        expect(p.description, `${path} ${p.name}`).toMatch(/\S/);
      }
      if (params.length > 0) expect(Object.keys(op.responses), path).toContain('400');
    }
    expect(Object.keys(doc.paths['/api/v1/shares.csv'].get.responses['200'].content)).toEqual(['text/csv']);
    expect(Object.keys(doc.paths['/api/v1/shares'].get.responses['200'].content)).toEqual(['application/json']);
  });

  it('documents the routes with a path parameter and the writes, with their bearer security', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const [path, methods] of Object.entries(PATH_ROUTES)) {
      expect(Object.keys(doc.paths[path]).sort(), path).toEqual([...methods].sort());
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const op of [doc.paths['/api/v1/shares'].post, doc.paths['/api/v1/shares/{id}'].patch]) {
      expect(op.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    }
    expect(doc.paths['/api/v1/shares/{id}/revisions'].get.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
    ]);
  });

  it('serves the docs page', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger');
  });
});

// Found by the fuzzer (fuzz.test.ts): errors raised before a route runs left the API's error shape
// or named no field.
describe('errors before a route runs', () => {
  const error = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return (res.json() as { error: { code: string; message: string; fields?: Array<{ field: string; message: string }> } }).error;
  };

  it('a body that is not JSON, or empty, is a 400 naming the body', async () => {
    for (const payload of ['{"vendor": ', '{"__proto__": {"admin": true}}', '']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(400);
      const e = error(res);
      expect(e.code).toBe('invalid_request');
      expect(e.fields?.[0]?.field).toBe('body');
      expect(e.message).toMatch(/^body: is (not valid JSON|empty)/);
    }
  });

  it('a body over 1 MiB is a 413 and a body of another type a 415, in the error shape', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shares',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ quote: 'x'.repeat(1_100_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(error(big)).toEqual({ code: 'payload_too_large', message: 'the body is larger than 1 MiB' });
    const form = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(form.statusCode).toBe(415);
    expect(error(form)).toEqual({ code: 'unsupported_media_type', message: 'send the body as application/json' });
  });

  it('a path the router cannot read is a 400 naming the path; an over-long segment a 414', async () => {
    const bad = await t.app.inject('/api/v1/shares/%E0%A4%A/revisions');
    expect(bad.statusCode).toBe(400);
    expect(error(bad).fields).toEqual([{ field: 'path', message: 'is not a valid URL path (bad percent-encoding)' }]);
    const long = await t.app.inject(`/api/v1/shares/${'f'.repeat(200)}/revisions`);
    expect(long.statusCode).toBe(414);
    expect(error(long)).toEqual({ code: 'uri_too_long', message: 'a path segment is longer than 100 characters' });
  });

  it('a query parameter without a name is named as such', async () => {
    const res = await t.app.inject('/api/v1/shares?=x');
    expect(res.statusCode).toBe(400);
    expect(error(res).fields).toEqual([{ field: '(empty name)', message: 'is not a known parameter' }]);
  });
});
