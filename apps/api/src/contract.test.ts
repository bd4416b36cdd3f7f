import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { buildTestApp, type TestApp } from './testing/test-app.js';

/**
 * The API's answers hold to their shared schemas: every GET endpoint of the OpenAPI document that
 * answers JSON is requested with valid parameters on the bundled data, and its answer parsed with
 * the zod schema its route declares for 200. The parse must succeed and return the answer
 * unchanged (no response schema transforms), which is what lets the browser use answers as
 * received, typed by the same schemas, without parsing them.
 */

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: 'query' | 'path' | 'header'; required?: boolean }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** Values for the parameters an endpoint requires (`{id}` is filled in from /shares). */
const REQUIRED: Record<string, string> = {
  inputTokensPerRequest: '10000',
  outputTokensPerRequest: '2000',
  requestsPerMonth: '1000',
};

/** Other views the pages ask for, checked as well as each endpoint's plain request. */
const MORE = [
  '/api/v1/shares?market=china-ai-cloud',
  '/api/v1/shares?market=china-ai-cloud&vendor=alibaba-cloud&from=2024Q1',
  '/api/v1/market-sizes?market=china-ai-cloud',
  '/api/v1/compare?vendors=alibaba,bytedance',
  '/api/v1/strategy-shares?market=china-ai-cloud&view=binary',
  '/api/v1/prices?currency=USD',
  '/api/v1/price-history?currency=USD',
  '/api/v1/cost-estimate?currency=USD&inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000&cachedInputPct=20&ratio=3%3A1',
];

/** The 200 response schema of every GET route, caught as the app registers its routes. */
const responseSchemas = new Map<string, ZodType>();
const onInit = (message: unknown) => {
  const { fastify } = message as { fastify: FastifyInstance };
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    const ok = (route.schema?.response as Record<string, unknown> | undefined)?.[200];
    if (methods.includes('GET') && ok) responseSchemas.set(route.url, ok as ZodType);
  });
};

let t: TestApp;
let operations: Array<[string, OpenApiOperation]>;
beforeAll(async () => {
  subscribe('fastify.initialization', onInit);
  try {
    t = await buildTestApp();
  } finally {
    unsubscribe('fastify.initialization', onInit);
  }
  const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  operations = Object.entries(doc.paths)
    .filter(([, ops]) => ops.get?.responses['200']?.content?.['application/json'] !== undefined)
    .map(([path, ops]) => [path, ops.get!]);
});
afterAll(async () => {
  await t?.close();
});

async function getJson(url: string): Promise<unknown> {
  const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
}

/** The request for an OpenAPI path with its required parameters filled in. */
async function requestFor(path: string, op: OpenApiOperation): Promise<string> {
  let url = path;
  if (url.includes('{id}')) {
    const shares = (await getJson('/api/v1/shares?market=china-ai-cloud')) as { data: Array<{ id: string }> };
    url = url.replace('{id}', shares.data[0]!.id);
  }
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query' || !p.required) continue;
    const value = REQUIRED[p.name];
    if (value === undefined) throw new Error(`${path}: no valid value known for required parameter ${p.name}`);
    query.set(p.name, value);
  }
  return query.size > 0 ? `${url}?${query}` : url;
}

/** The route's response schema for a request URL (`/api/v1/shares/f-1/revisions` → `/api/v1/shares/:id/revisions`). */
function schemaFor(url: string): ZodType {
  const path = url.split('?')[0]!;
  for (const [route, schema] of responseSchemas) {
    const pattern = new RegExp(`^${route.replace(/:[^/]+/g, '[^/]+')}$`);
    if (pattern.test(path)) return schema;
  }
  throw new Error(`${path}: its route declares no 200 response schema`);
}

function expectConforms(url: string, body: unknown) {
  const result = schemaFor(url).safeParse(body);
  const problems = result.success ? [] : result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(problems, url).toEqual([]);
  expect(result.data, `${url}: the parse changed the answer`).toStrictEqual(body);
}

describe('API contract: every JSON GET endpoint answers what its schema says', () => {
  it('covers every JSON GET operation of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    for (const [path] of operations) expect(() => schemaFor(path.replace(/\{[^}]+\}/g, 'x')), path).not.toThrow();
  });

  it('each endpoint, requested with valid parameters, parses unchanged with its response schema', async () => {
    for (const [path, op] of operations) {
      const url = await requestFor(path, op);
      expectConforms(url, await getJson(url));
    }
  });

  it('so do the other views the pages ask for', async () => {
    for (const url of MORE) expectConforms(url, await getJson(url));
  });
});
