import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARE_SOURCE_COLUMNS } from '@dash/domain/schemas';
import { createToken } from './auth/tokens.js';
import { bundledDataset, buildTestApp, type TestApp } from './testing/test-app.js';

/**
 * Property-based fuzzing of every operation in the OpenAPI document: random and hostile query
 * strings, path parameters, headers and bodies (wrong types, huge numbers, unicode, SQL and CSV
 * injection strings, repeated, unknown and missing parameters, oversized and malformed bodies).
 * Whatever arrives: never a 5xx; every error is JSON with a stable code and a message, and a 400
 * names the failing field; a rejected write changes no data. FUZZ_RUNS sets the runs per
 * operation (CI: the default; `FUZZ_RUNS=500 npx vitest run apps/api/src/fuzz.test.ts` to dig).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: { type?: string; enum?: string[]; items?: { enum?: string[] }; pattern?: string };
}
interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  parameters: Parameter[];
  hasBody: boolean;
}

const HOSTILE = [
  '',
  ' ',
  ',',
  ',,,',
  "' OR '1'='1",
  "'; DROP TABLE share_figures; --",
  '" OR ""="',
  "1); DELETE FROM changesets; --",
  "china-ai-cloud' --",
  'x UNION SELECT token_hash FROM api_tokens',
  '=HYPERLINK("http://evil.example","x")',
  '=cmd|\' /C calc\'!A0',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1',
  '\r\n=1',
  '"',
  '""',
  '\\',
  '%',
  '%00',
  '\u0000',
  '\u0000\u0001\u001f',
  '\uFEFF',
  '\uD800',
  '\u202E',
  '中国云',
  '阿里云,火山引擎',
  '😀🚀',
  'Ǆ̈́',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '0',
  '-1',
  '1e309',
  '1e-309',
  '0x1F',
  '9007199254740993',
  '18446744073709551616',
  '9'.repeat(400),
  '1'.repeat(13),
  '99999999999999',
  '0.00000000001',
  '35.8',
  '100.0',
  '101',
  '9999Q4',
  '0000Q1',
  '2025Q5',
  '2025H3',
  '2025q1',
  '2024-02-30',
  '2024-02-29',
  '0000-00-00',
  '9999-12-31',
  '2025-06-30T12:00:00',
  '2025-06-30T25:00:00Z',
  '2025-06-30T12:00:00+99:00',
  '275760-09-13',
  '1:0',
  '0:0',
  '999:999',
  '3:1:1',
  'a'.repeat(101),
  'x'.repeat(5000),
] as const;

/** Well-formed values that reach past the schema into the routes (ids, periods, dates, numbers). */
function plausibleValues(ids: Record<string, string[]>): string[] {
  return [
    ...ids.markets!,
    ...ids.vendors!,
    ...ids.companies!,
    ...ids.models!,
    ...ids.figures!.slice(0, 5),
    'f-00000000',
    'china-clod',
    'alibaba',
    'bytedance',
    'Canalys',
    'canalys',
    'CNY',
    'USD',
    'china',
    'international',
    'graded',
    'binary',
    'pricing',
    'releases',
    '2019Q3',
    '2024Q1',
    '2025H1',
    '2025',
    '2024-05-20',
    '2024-05-21',
    '1990-01-01',
    '2100-01-01',
    '2025-06-30',
    '2025-06-30T12:00:00Z',
    '1000',
    '10000',
    '2000',
    '1',
    '50',
    '100',
    '99.99',
    '3:1',
    '1:999',
  ];
}

const valueArb = (plausible: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...plausible) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom(...plausible), { minLength: 2, maxLength: 60 })
        .map((xs) => xs.join(',')),
    },
  );

/** Percent-encodes a path segment; a lone surrogate (which encodeURIComponent refuses) goes as its raw WTF-8 bytes. */
const encodePathSegment = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
};

/** `arb` with probability `p`, else `null`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, p: number) =>
  fc.oneof({ weight: Math.round(p * 100), arbitrary: arb }, { weight: Math.round((1 - p) * 100), arbitrary: fc.constant(null) });

/** A query: known parameters (some missing, some repeated), now and then unknown ones. */
function queryArb(op: Operation, plausible: string[]) {
  const value = valueArb(plausible);
  const entry = (name: string) =>
    fc.oneof(
      { weight: 5, arbitrary: value.map((v) => [[name, v]] as Array<[string, string]>) },
      {
        weight: 1,
        arbitrary: fc.array(value, { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v): [string, string] => [name, v])),
      },
    );
  const known = op.parameters.filter((p) => p.in === 'query');
  const knownPart = fc.tuple(
    ...known.map((p) => {
      const values = [...(p.schema?.enum ?? []), ...(p.schema?.items?.enum ?? [])];
      const own = values.length > 0 ? fc.oneof(fc.constantFrom(...values).map((v) => [[p.name, v]] as Array<[string, string]>), entry(p.name)) : entry(p.name);
      // Required parameters are sometimes missing too.
      return sometimes(own, p.required ? 0.9 : 0.5).map((x) => x ?? []);
    }),
  );
  const unknownPart = sometimes(
    fc.array(fc.tuple(fc.oneof(fc.constantFrom('markt', 'vendors', 'vendor', 'limit', '__proto__', 'constructor', 'market[]', 'a.b', '%'), fc.string({ minLength: 1, maxLength: 12 })), value), {
      minLength: 1,
      maxLength: 3,
    }),
    0.15,
  );
  const raw = sometimes(
    fc.constantFrom('%zz', '%E0%A4%A', '&&&', '=&=', 'market', 'market=&market=', '%00=%00', '&a[b]=1&a[c]=2', ';market=x'),
    0.1,
  );
  return fc.tuple(knownPart, unknownPart, raw).map(([k, u, r]) => {
    const params = new URLSearchParams();
    for (const [name, v] of [...k.flat(), ...(u ?? [])]) params.append(name, v);
    const qs = [params.toString(), r ?? ''].filter((s) => s !== '').join('&');
    return qs === '' ? '' : `?${qs}`;
  });
}

const jsonValue = (plausible: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: valueArb(plausible) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 35.8, 0.1 + 0.2) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.constantFrom(...HOSTILE), { maxKeys: 3 }) },
  );

/** A JSON or raw body: a row with hostile fields, a valid row with one field spoiled, or junk. */
function bodyArb(op: Operation, plausible: string[], validRow: Record<string, unknown>) {
  const keys = op.path.endsWith('{id}') ? ['value_percent', 'quote', 'note'] : [...SHARE_SOURCE_COLUMNS];
  const base = op.path.endsWith('{id}') ? { value_percent: '40.3', note: 'fuzz' } : validRow;
  const value = jsonValue(plausible);
  const json = fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }),
    fc.tuple(fc.constantFrom(...keys), value).map(([k, v]) => ({ ...base, [k]: v })),
    fc.tuple(fc.constantFrom(...keys)).map(([k]) => {
      const { [k]: _dropped, ...rest } = base;
      return rest;
    }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), value).map(([k, v]) => ({ ...base, [k]: v })),
    fc.constantFrom<unknown>(null, [], [base], 'a string', 42, true, {}, { __proto__: { admin: true } }, JSON.parse('{"__proto__": {"x": 1}}')),
  );
  return fc.oneof(
    { weight: 6, arbitrary: json.map((b) => ({ payload: JSON.stringify(b), type: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { payload: '{"vendor": ', type: 'application/json' },
        { payload: '', type: 'application/json' },
        { payload: 'null', type: 'application/json' },
        { payload: '\u0000', type: 'application/json' },
        { payload: JSON.stringify(base), type: 'text/plain' },
        { payload: 'vendor=x', type: 'application/x-www-form-urlencoded' },
        { payload: JSON.stringify(base), type: 'application/json; charset=latin1' },
        { payload: JSON.stringify({ ...base, quote: 'x'.repeat(2_000_000) }), type: 'application/json' },
        { payload: `[${'1,'.repeat(600_000)}1]`, type: 'application/json' },
        { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/json' },
      ),
    },
  );
}

/** A digest of every table a write may touch; audit entries of refusals are expected and left out. */
async function dataFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [
    'changesets',
    'revisions',
    'share_figures',
    'share_figure_vendors',
    'sources',
    'vendors',
    'markets',
  ]) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1`.execute(t.store.db);
    hash.update(`${table}:${JSON.stringify(rows.rows)}`);
  }
  return hash.digest('hex');
}

// The app is built once for the file (top-level await) so that each operation of its OpenAPI
// document becomes its own test, named after the route.
const t: TestApp = await buildTestApp(undefined, { writeRateLimitPerMinute: 100_000 });
const editorToken = (await createToken(t.store, { name: 'fuzz-editor', scopes: ['shares:write'], createdBy: 'test' })).token;
const doc = (await t.app.inject('/api/openapi.json')).json() as {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase() as Operation['method'],
    path,
    parameters: op.parameters ?? [],
    hasBody: op.requestBody !== undefined,
  })),
);
const ds = bundledDataset();
const vendorsAnswer = (await t.app.inject('/api/v1/vendors')).json() as { data: Array<{ id: string }>; companies: Array<{ id: string }> };
const plausible = plausibleValues({
  markets: ((await t.app.inject('/api/v1/markets')).json() as { data: Array<{ id: string }> }).data.map((m) => m.id),
  vendors: vendorsAnswer.data.map((v) => v.id),
  companies: vendorsAnswer.companies.map((c) => c.id),
  models: ((await t.app.inject('/api/v1/price-models')).json() as { data: Array<{ id: string }> }).data.map((m) => m.id),
  figures: ds.figures.map((f) => f.id),
});
const market = ds.markets.find((m) => m.id === 'china-cloud-infra')!;
const validRow: Record<string, unknown> = {
  vendor: 'Baidu AI Cloud',
  market: market.sourceNames[0]!.market,
  metric: market.sourceNames[0]!.metric,
  period: '2026Q1',
  value_percent: '6.5',
  publisher: 'Canalys',
  report_title: 'Fuzz report',
  published_date: '2026-05',
  url: 'https://example.com/fuzz',
  quote: 'Baidu AI Cloud took 6.5%.',
  source_quality: 'primary',
};

afterAll(async () => {
  await t.close();
});

/** Headers a client may send oddly: host, content negotiation, conditional requests, proxies. */
const headerValue = fc.constantFrom(
  '*/*',
  'text/html',
  'application/json;q=0',
  'gzip, deflate, br',
  'identity;q=0',
  'br;q=1, gzip;q=0.5, *;q=0',
  '"x"',
  'W/"x"',
  '*',
  'evil.example"><script>',
  'localhost:99999',
  '[::1]:80',
  '',
  ' ',
  "' OR 1=1 --",
  '1.2.3.4, 5.6.7.8',
  'a'.repeat(4000),
);
const headersArb = fc
  .record(
    {
      host: headerValue,
      accept: headerValue,
      'accept-encoding': headerValue,
      'if-none-match': headerValue,
      'x-forwarded-for': headerValue,
      'x-forwarded-host': headerValue,
      'x-forwarded-proto': headerValue,
    },
    { requiredKeys: [] },
  )
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);

interface Sent {
  method: string;
  url: string;
  payload?: string;
  headers: Record<string, string>;
}

/** Checks one answer; returns a description of what is wrong, or null. */
function problemWith(sent: Sent, answer: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }): string | null {
  const decode = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync }[String(answer.headers['content-encoding'] ?? '')];
  const res = { ...answer, body: (decode ? decode(answer.rawPayload) : answer.rawPayload).toString('utf8') };
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `${res.statusCode} with content-type ${type}`;
  let body: { error?: { code?: unknown; message?: unknown; fields?: Array<{ field?: unknown; message?: unknown }> } };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    return `${res.statusCode} body is not JSON: ${res.body.slice(0, 200)}`;
  }
  const e = body.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || e.message === '') {
    return `${res.statusCode} body is not {error: {code, message}}: ${res.body.slice(0, 200)}`;
  }
  if (res.statusCode === 400) {
    if (!Array.isArray(e.fields) || e.fields.length === 0) return `400 names no field: ${res.body.slice(0, 300)}`;
    for (const f of e.fields) {
      if (typeof f.field !== 'string' || f.field === '' || typeof f.message !== 'string') return `400 with a malformed field: ${res.body.slice(0, 300)}`;
    }
    if (!e.fields.some((f) => (e.message as string).includes(f.field as string))) return `400 message does not name its field: ${res.body.slice(0, 300)}`;
  }
  void sent;
  return null;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('finds the operations to fuzz (reads, CSV and export twins, writes)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(45);
    expect(operations.some((o) => o.method === 'POST' && o.hasBody)).toBe(true);
    expect(operations.some((o) => o.method === 'PATCH' && o.path === '/api/v1/shares/{id}')).toBe(true);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}: never a 5xx; errors are JSON naming the field; refused writes change nothing`, async () => {
      const pathArb = op.parameters.some((p) => p.in === 'path')
        ? fc.oneof(
            valueArb(plausible).map((id) => op.path.replace('{id}', encodePathSegment(id))),
            fc.constantFrom('%zz', '%E0%A4%A', '%2F..%2F', '..', 'f-1a2b3c4d%00', 'F-1A2B3C4D').map((raw) => op.path.replace('{id}', raw)),
          )
        : fc.constant(op.path);
      const authArb = fc.constantFrom<string | null>(
        `Bearer ${editorToken}`,
        `Bearer ${editorToken}`,
        `Bearer ${editorToken}`,
        null,
        'Bearer dash_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'Bearer ',
        'Basic YTpi',
        `bearer ${editorToken}x`,
        '\u00e9',
      );
      const body = op.hasBody ? bodyArb(op, plausible, validRow) : fc.constant(null);
      await fc.assert(
        fc.asyncProperty(pathArb, queryArb(op, plausible), authArb, body, headersArb, async (path, query, auth, b, extra) => {
          const sent: Sent = {
            method: op.method,
            url: `${path}${query}`,
            headers: {
              ...extra,
              ...(auth !== null ? { authorization: auth } : {}),
              ...(b ? { 'content-type': b.type } : {}),
            },
            ...(b ? { payload: b.payload } : {}),
          };
          const writes = op.method !== 'GET';
          const before = writes ? await dataFingerprint() : '';
          const res = await t.app.inject({ method: sent.method as 'GET', url: sent.url, headers: sent.headers, payload: sent.payload });
          const problem = problemWith(sent, res);
          if (problem) throw new Error(`${op.method} ${sent.url}${b ? ` body ${b.payload.slice(0, 200)}` : ''}: ${problem}`);
          if (writes && res.statusCode >= 400) {
            const after = await dataFingerprint();
            if (after !== before) throw new Error(`${op.method} ${sent.url} was refused (${res.statusCode}) but changed data`);
          }
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
      );
    }, 120_000);
  }
});
