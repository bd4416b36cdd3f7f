import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPENNESS_RULE } from '@dash/domain';
import { buildTestApp, bundledDataset, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const csvRows = (body: string) => parse(body, { columns: true }) as Array<Record<string, string>>;

describe('GET /api/v1/compare', () => {
  it('compares Alibaba and ByteDance by default, market by market, with sourced figures', async () => {
    const res = await t.app.inject('/api/v1/compare');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.entities.map((e: { id: string }) => e.id)).toEqual(['alibaba', 'bytedance']);
    const compared = body.markets.filter((m: { status: string }) => m.status === 'compared');
    expect(compared.map((m: { market: { id: string }; period: { label: string }; leaderId: string }) => [m.market.id, m.period.label, m.leaderId])).toEqual([
      ['china-ai-cloud', '2025H1', 'alibaba'],
      ['china-llm-api-tokens', '2025H1', 'bytedance'],
      ['china-enterprise-llm-usage', '2025H2', 'alibaba'],
    ]);
    expect(body.summary).toContain('Alibaba Cloud leads on AI-cloud revenue, 35.8% to 14.8% for Volcano Engine (Omdia, 2025 H1)');
    expect(body.summary).toContain('Volcano Engine leads on model API token volume, 49.2% to 27% for Alibaba Cloud (IDC, 2025 H1)');
    expect(body.summary).toContain('compare within a measure, not across');
    for (const m of body.markets) {
      for (const e of m.entries) for (const f of e.figures) expect(f.source.url).toMatch(/^https?:\/\//);
    }
  });

  it("gives absolute estimates only from the same publisher's total for the same market and period", async () => {
    const body = (await t.app.inject('/api/v1/compare?vendors=alibaba,bytedance')).json();
    const ai = body.markets.find((m: { market: { id: string } }) => m.market.id === 'china-ai-cloud');
    const alibaba = ai.entries.find((e: { entityId: string }) => e.entityId === 'alibaba').figures[0];
    expect(alibaba.estimates).toHaveLength(1);
    expect(alibaba.estimates[0]).toMatchObject({ value: '7.9834', display: 'CNY 7.98 bn', unit: 'CNY billions' });
    expect(alibaba.estimates[0].total).toMatchObject({ value: '22.3', publisher: 'Omdia', forecast: false });
    // Omdia's 2025 total is a forecast (51.8) or from an unverified site (56.7): the 38.1% full-year figure
    // is multiplied only by the non-forecast one, and both are Omdia's.
    const full = ai.series.find((s: { entityId: string }) => s.entityId === 'alibaba').figures.find((f: { period: { label: string } }) => f.period.label === '2025');
    expect(full.estimates.map((e: { total: { value: string } }) => e.total.value)).toEqual(['56.7']);
  });

  it('accepts vendor ids as well as company ids', async () => {
    const body = (await t.app.inject('/api/v1/compare?vendors=alibaba-cloud&vendors=huawei-cloud')).json();
    expect(body.entities.map((e: { kind: string }) => e.kind)).toEqual(['vendor', 'vendor']);
    const infra = body.markets.find((m: { market: { id: string } }) => m.market.id === 'china-cloud-infra');
    expect(infra.sentence).toBe('Alibaba Cloud leads on China cloud infrastructure revenue, 37% to 17% for Huawei Cloud (Omdia, 2025 Q4)');
  });

  it.each([
    ['vendors=alibaba', 'vendors', /give 2 to 8/],
    ['vendors=alibaba,nope', 'vendors', /unknown company or vendor "nope"; known: .*bytedance/],
    ['vendors=Alibaba,bytedance', 'vendors.0', /kebab-case/],
    ['vendor=alibaba,bytedance', 'vendor', /not a known parameter/],
  ])('answers %s with a 400 naming %s', async (query, field, message) => {
    const res = await t.app.inject(`/api/v1/compare?${query}`);
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('invalid_request');
    expect(err.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(err.message).toMatch(message);
  });
});

describe('GET /api/v1/compare.csv', () => {
  it('has one row per compared figure (and estimate) with sources, matching the JSON', async () => {
    const json = (await t.app.inject('/api/v1/compare')).json();
    const res = await t.app.inject('/api/v1/compare.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('filename="comparison_alibaba-vs-bytedance.csv"');
    expect(res.body.split('\r\n')[0]).toBe(
      'compared,market_id,market,metric_basis,scope,period,entity_id,entity,figure_id,subject,share_pct,leader_id,sentence,publisher,source_title,source_url,published_date,source_quality,quote,absolute_estimate,absolute_unit,total_value,total_publisher,total_source_url,total_source_quality,total_quote',
    );
    const rows = csvRows(res.body);
    const expected = json.markets.flatMap((m: { entries: Array<{ figures: Array<{ estimates: unknown[] }> }> }) =>
      m.entries.flatMap((e) => e.figures.map((f) => Math.max(1, f.estimates.length))),
    );
    expect(rows).toHaveLength(expected.reduce((a: number, b: number) => a + b, 0));
    expect(Number(res.headers['x-row-count'])).toBe(rows.length);
    expect(rows.every((r) => /^https?:\/\//.test(r.source_url!) && r.quote !== '')).toBe(true);
    const ai = rows.find((r) => r.market_id === 'china-ai-cloud' && r.entity_id === 'alibaba')!;
    expect(ai).toMatchObject({ share_pct: '35.8', absolute_estimate: '7.9834', absolute_unit: 'CNY billions', total_value: '22.3', leader_id: 'alibaba' });
  });
});

describe('GET /api/v1/openness', () => {
  it('states the rule and derives each company’s strategy from its graded releases', async () => {
    const body = (await t.app.inject('/api/v1/openness')).json();
    expect(body.rule).toBe(OPENNESS_RULE);
    const strategy = Object.fromEntries(body.companies.map((c: { id: string; strategy: string }) => [c.id, c.strategy]));
    expect(strategy).toMatchObject({ alibaba: 'mixed', bytedance: 'mixed', deepseek: 'open', zhipu: 'open' });
    const family = Object.fromEntries(body.families.map((f: { id: string; strategy: string }) => [f.id, f.strategy]));
    expect(family).toMatchObject({ qwen: 'mixed', doubao: 'closed', seed: 'open' });
    expect(body.releases).toHaveLength(24);
  });

  it('exports every release as CSV with its licence, source and the rule', async () => {
    const res = await t.app.inject('/api/v1/openness.csv');
    expect(res.statusCode).toBe(200);
    const rows = csvRows(res.body);
    expect(rows).toHaveLength(bundledDataset().openness.releases.length);
    const seedOss = rows.find((r) => r.release!.startsWith('Seed-OSS-36B'))!;
    expect(seedOss).toMatchObject({ company_id: 'bytedance', grade: 'open-permissive', licence: 'Apache-2.0', company_strategy: 'mixed' });
    expect(rows.every((r) => r.strategy_rule === OPENNESS_RULE && /^https?:\/\//.test(r.source_url!))).toBe(true);
  });
});

describe('GET /api/v1/strategy-shares', () => {
  it("adds up a model-family market by each family's strategy, exactly, with the remainder", async () => {
    const body = (await t.app.inject('/api/v1/strategy-shares?market=china-enterprise-llm-usage')).json();
    const h2 = body.markets[0].periods.find((p: { period: { label: string } }) => p.period.label === '2025H2');
    // Frost & Sullivan 2025H2: Qwen 32.1 (mixed), Doubao 21.3 (closed), DeepSeek 18.4 (open).
    expect(h2.bands.map((b: { key: string; pctText: string }) => [b.key, b.pctText])).toEqual([
      ['open', '18.4'],
      ['mixed', '32.1'],
      ['closed', '21.3'],
    ]);
    expect(h2.remainder.pctText).toBe('28.2');
  });

  it('has a binary view and a CSV twin with one row per counted figure', async () => {
    const body = (await t.app.inject('/api/v1/strategy-shares?market=china-enterprise-llm-usage&view=binary')).json();
    const h2 = body.markets[0].periods.find((p: { period: { label: string } }) => p.period.label === '2025H2');
    expect(h2.bands.map((b: { key: string; pctText: string }) => [b.key, b.pctText])).toEqual([
      ['open-weights', '50.5'],
      ['api-only', '21.3'],
    ]);
    const csv = csvRows((await t.app.inject('/api/v1/strategy-shares.csv?market=china-enterprise-llm-usage&view=binary')).body);
    expect(csv).toHaveLength(6);
    expect(csv.filter((r) => r.period === '2025H2').map((r) => [r.subject, r.band, r.band_share_pct])).toEqual([
      ['Qwen (Alibaba Cloud)', 'open-weights', '50.5'],
      ['DeepSeek', 'open-weights', '50.5'],
      ['Doubao (Volcano Engine)', 'api-only', '21.3'],
    ]);
  });

  it('rejects an unknown market or view', async () => {
    const market = await t.app.inject('/api/v1/strategy-shares?market=china-clod');
    expect(market.statusCode).toBe(400);
    expect(market.json().error.fields[0].field).toBe('market');
    const view = await t.app.inject('/api/v1/strategy-shares?view=ternary');
    expect(view.statusCode).toBe(400);
    expect(view.json().error.fields[0].field).toBe('view');
  });
});

describe('GET /api/v1/market-sizes', () => {
  it("lists a market's totals with forecasts marked, and the CSV carries their sources", async () => {
    const body = (await t.app.inject('/api/v1/market-sizes?market=china-llm-api-tokens')).json();
    expect(body.data.map((s: { period: { label: string }; value: string; unit: string }) => [s.period.label, s.value, s.unit])).toEqual([
      ['2024', '114.2', 'tokens trillions'],
      ['2024', '114', 'tokens trillions'],
      ['2025H1', '536.7', 'tokens trillions'],
    ]);
    const csv = csvRows((await t.app.inject('/api/v1/market-sizes.csv')).body);
    expect(csv).toHaveLength(71);
    expect(csv.every((r) => /^https?:\/\//.test(r.source_url!))).toBe(true);
    expect((await t.app.inject('/api/v1/market-sizes?market=nope')).statusCode).toBe(400);
  });
});
