import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventsResponse } from '@dash/domain';
import { buildTestApp, type TestApp } from '../testing/test-app.js';

// Written out here rather than taken from EVENT_CSV_COLUMNS, so a renamed or dropped column fails.
const EVENT_CSV_HEADER =
  'event_id,date,date_precision,start_date,end_date,kind,vendors,company_ids,companies,title,detail,source_url,source_quality,quote';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const get = async (url: string) => {
  const res = await t.app.inject(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as EventsResponse;
};

describe('GET /api/v1/events', () => {
  it('lists all 79 events in date order, each with its precision, date range, companies and source', async () => {
    const body = await get('/api/v1/events');
    expect(body.meta.count).toBe(79);
    expect(body.data).toHaveLength(79);
    expect(body.meta.precisionRule).toContain('never as an exact day');
    const starts = body.data.map((e) => e.startDate);
    expect(starts).toEqual([...starts].sort());
    const doubao = body.data.find((e) => e.date === '2024-05-15')!;
    expect(doubao).toMatchObject({
      precision: 'day',
      startDate: '2024-05-15',
      endDate: '2024-05-15',
      kind: 'pricing',
      vendorNames: ['ByteDance'],
      companyIds: ['bytedance'],
      quality: 'secondary',
    });
    expect(doubao.url).toMatch(/^https:\/\//);
    expect(doubao.quote).toContain('0.8厘/千tokens');
    const month = body.data.find((e) => e.date === '2023-04')!;
    expect(month).toMatchObject({ precision: 'month', startDate: '2023-04-01', endDate: '2023-04-30' });
  });

  it('filters by company or vendor id (a vendor counts as its parent company), kind and overlapping dates', async () => {
    const byCompany = await get('/api/v1/events?vendor=bytedance&kind=pricing');
    const byVendor = await get('/api/v1/events?vendor=volcano-engine&kind=pricing');
    expect(byVendor.data).toEqual(byCompany.data);
    expect(byCompany.data.length).toBeGreaterThan(0);
    expect(byCompany.data.every((e) => e.companyIds.includes('bytedance') && e.kind === 'pricing')).toBe(true);
    const may = await get('/api/v1/events?from=2024-05-01&to=2024-05-31&kind=pricing');
    expect(may.data.map((e) => e.date)).toEqual(expect.arrayContaining(['2024-05-15', '2024-05-21']));
    expect(may.data.every((e) => e.endDate >= '2024-05-01' && e.startDate <= '2024-05-31')).toBe(true);
    const both = await get('/api/v1/events?vendor=alibaba&vendor=deepseek&kind=release,licensing');
    expect(both.data.every((e) => e.companyIds.some((c) => c === 'alibaba' || c === 'deepseek'))).toBe(true);
  });

  it('answers 400 naming the field for an unknown vendor, kind, a bad day, a reversed range or an unknown parameter', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['vendor=alibabba', 'vendor', /unknown company or vendor "alibabba"; known: alibaba, alphabet, .*volcano-engine/],
      ['kind=merger', 'kind', /pricing/],
      ['from=2024-5-1', 'from', /2024-05-15/],
      // Shaped like days but naming none: found while fuzzing; these used to pass as days.
      ['from=2025-02-30', 'from', /from is not a calendar day/],
      ['from=2025-13-45&to=0000-00-00', 'from', /from is not a calendar day.*to is not a calendar day/],
      ['from=2025-01-01&to=2024-01-01', 'from', /must not be after to/],
      ['vendors=alibaba', 'vendors', /not a known parameter/],
    ];
    for (const [query, field, message] of cases) {
      for (const path of ['/api/v1/events', '/api/v1/events.csv']) {
        const res = await t.app.inject(`${path}?${query}`);
        expect(res.statusCode, `${path}?${query}`).toBe(400);
        const body = res.json() as { error: { code: string; message: string; fields: Array<{ field: string; message: string }> } };
        expect(body.error.code).toBe('invalid_request');
        // List parameters name the bad item: `kind.0`.
        expect(body.error.fields.some((f) => f.field === field || f.field.startsWith(`${field}.`)), query).toBe(true);
        expect(body.error.message, query).toMatch(message);
      }
    }
  });
});

describe('GET /api/v1/events.csv', () => {
  it('has the documented header, one row per event as the JSON route, and names the file after the filter', async () => {
    const res = await t.app.inject('/api/v1/events.csv?vendor=alibaba&kind=pricing');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('filename="events_alibaba_pricing.csv"');
    expect(res.body.split('\r\n')[0]).toBe(EVENT_CSV_HEADER);
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    const json = await get('/api/v1/events?vendor=alibaba&kind=pricing');
    expect(rows).toHaveLength(json.meta.count);
    expect(res.headers['x-row-count']).toBe(String(json.meta.count));
    expect(rows.map((r) => r.event_id)).toEqual(json.data.map((e) => e.id));
    expect(rows.every((r) => r.companies!.includes('Alibaba Group') && /^https?:\/\//.test(r.source_url!))).toBe(true);
    const all = parse((await t.app.inject('/api/v1/events.csv')).body, { columns: true }) as Array<Record<string, string>>;
    expect(all).toHaveLength(79);
    expect(all.find((r) => r.date === '2025-03')).toMatchObject({ date_precision: 'approx', start_date: '2025-03-01', end_date: '2025-03-31' });
  });

  it('is in the OpenAPI document, both routes, with the query parameters', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, { get: { parameters?: Array<{ name: string }> } }> };
    for (const path of ['/api/v1/events', '/api/v1/events.csv']) {
      expect(doc.paths[path], path).toBeDefined();
      expect(doc.paths[path]!.get.parameters!.map((p) => p.name).sort()).toEqual(['from', 'kind', 'to', 'vendor']);
    }
  });
});
