import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CostEstimateResponse, FxRatesResponse, PriceModelsResponse, PricesResponse } from '@dash/domain';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

// Written out here rather than taken from PRICE_CSV_COLUMNS, so a renamed or dropped column fails.
const PRICE_CSV_HEADER =
  'price_id,model_id,model,family,vendor_id,vendor,platform,region,weights,pricing_models,tier_min_input_tokens,tier_max_input_tokens,' +
  'currency,input_per_mtok,output_per_mtok,cached_input_per_mtok,display_currency,display_input_per_mtok,display_output_per_mtok,' +
  'display_cached_input_per_mtok,fx_cny_per_usd,fx_rate_date,fx_converted_for,fx_rate_kind,fx_rate_publisher,fx_rate_url,valid_from,valid_to,' +
  'in_history,effective_date_text,effective_date_kind,effective_date_approximate,effective_date_note,source_model,source_currency_note,' +
  'source_unit_tokens,source_input_price,source_output_price,source_cached_input_price,license,source_url,source_quality,quote';

const parseCsv = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;
const WORKLOAD = 'inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const get = async <T>(url: string) => {
  const res = await t.app.inject(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
};

describe('GET /api/v1/cost-estimate: the done-when question', () => {
  // 10M input and 2M output tokens a month: 1,000 requests of 10,000 input and 2,000 output tokens.
  const q = `${WORKLOAD}&model=qwen-plus,doubao-seed-1.6`;

  it('today, in CNY: Qwen-Plus 12, Doubao-Seed-1.6 24 (Volcano Engine) and 6.5 USD on BytePlus, converted at a stated rate', async () => {
    const body = await get<CostEstimateResponse>(`/api/v1/cost-estimate?${q}&currency=CNY`);
    expect(body.meta.workload).toMatchObject({
      monthlyInputTokens: '10000000',
      monthlyOutputTokens: '2000000',
      contextTokens: 10000,
      ratio: { input: 3, output: 1 },
    });
    expect(
      body.data.map((r) => [r.modelId, r.region, r.currency, r.native?.total, r.converted?.total, r.timesCheapest]),
    ).toEqual([
      ['qwen-plus', 'china', 'CNY', '12', '12', '1'],
      ['doubao-seed-1.6', 'china', 'CNY', '24', '24', '2'],
      // 6.5 USD × 6.7845 (Trading Economics spot close of 2026-07-03, the newest rate in the data).
      ['doubao-seed-1.6', 'international', 'USD', '6.5', '44.09925', '3.67'],
    ]);
    const [plus, seed, byteplus] = body.data;
    expect(plus!.prices).toEqual({ inputPerMTok: '0.8', outputPerMTok: '2', cachedInputPerMTok: null });
    expect(plus!.native!.blendedPerMTok).toBe('1.1');
    expect(plus!.source).toMatchObject({
      url: 'https://github.com/syaoranwe/LLM-Price/blob/069ada33373fab896cdb4f1de74db38ab5de4829/README.md',
      quality: 'community',
    });
    expect(plus!.effective.text).toBe('2025-06-14 (snapshot)');
    expect(seed!.tier).toEqual({ minInputTokens: 0, maxInputTokens: 32000 });
    expect(byteplus!.tier).toEqual({ minInputTokens: 0, maxInputTokens: 128000 });
    expect(byteplus!.fx).toMatchObject({
      cnyPerUsd: '6.7845',
      ratePeriod: '2026-07-03',
      kind: 'spot-close',
      publisher: 'Trading Economics',
    });
    expect(byteplus!.source!.url).toBe('https://docs.byteplus.com/docs/ModelArk/1099320');
  });

  it('today, in USD: 1.768738 and 3.537475 (12 and 24 CNY / 6.7845) against 6.5 USD', async () => {
    const body = await get<CostEstimateResponse>(`/api/v1/cost-estimate?${q}&currency=USD`);
    expect(body.data.map((r) => [r.modelId, r.region, r.converted?.total, r.fx?.cnyPerUsd ?? null])).toEqual([
      ['qwen-plus', 'china', '1.768738', '6.7845'],
      ['doubao-seed-1.6', 'china', '3.537475', '6.7845'],
      ['doubao-seed-1.6', 'international', '6.5', null],
    ]);
  });

  it('in May 2024: Qwen-Plus 64 CNY (4/12 per 1M) = 9.002546 USD at the 2024-05-27 fixing; no price known for Doubao-Seed-1.6', async () => {
    const body = await get<CostEstimateResponse>(`/api/v1/cost-estimate?${q}&currency=USD&at=2024-05-31`);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      modelId: 'qwen-plus',
      prices: { inputPerMTok: '4', outputPerMTok: '12' },
      native: { total: '64', inputCost: '40', outputCost: '24' },
      converted: { total: '9.002546' },
      fx: { cnyPerUsd: '7.1091', ratePeriod: '2024-05-27', kind: 'central-parity', date: '2024-05-31', ageDays: 4 },
      effective: { text: '2024-05-23 (snapshot)', approximate: true },
      validFrom: '2024-05-23',
      validTo: '2024-10-01',
    });
    expect(body.meta.notes).toEqual(['no price known for doubao-seed-1.6 on 2024-05-31']);
  });

  it('before the first Qwen-Plus snapshot, says there is no price rather than guessing', async () => {
    const body = await get<CostEstimateResponse>(`/api/v1/cost-estimate?${q}&at=2024-05-20`);
    expect(body.data).toEqual([]);
    expect(body.meta.notes).toEqual([
      'no price known for qwen-plus on 2024-05-20',
      'no price known for doubao-seed-1.6 on 2024-05-20',
    ]);
  });

  it('picks the context-length tier: 40K input per request leaves the CNY Doubao offer without a known price', async () => {
    const body = await get<CostEstimateResponse>(`/api/v1/cost-estimate?${q}&contextTokens=40000`);
    const cn = body.data.find((r) => r.modelId === 'doubao-seed-1.6' && r.region === 'china')!;
    expect(cn.status).toBe('no-tier');
    expect(cn.notes[0]).toMatch(
      /^no price known for doubao-seed-1\.6 at 40,000 input tokens per request now \(known tiers: 0–32K\)$/,
    );
    expect(body.data.at(-1)).toBe(cn);
  });

  it('applies the cached share and the blend ratio', async () => {
    const body = await get<CostEstimateResponse>(
      `/api/v1/cost-estimate?${WORKLOAD}&model=doubao-seed-1.6&region=international&cachedInputPct=50&ratio=1:1&currency=USD`,
    );
    // 5M × 0.25 + 5M × 0.05 + 2M × 2 = 1.25 + 0.25 + 4 = 5.5 USD; blended 1:1 = (0.25 + 2) / 2 = 1.125.
    expect(body.data[0]!.native).toEqual({
      inputCost: '1.25',
      cachedInputCost: '0.25',
      outputCost: '4',
      total: '5.5',
      blendedPerMTok: '1.125',
    });
  });

  it('has a CSV twin with the rate and its date in every converted row', async () => {
    const res = await t.app.inject(`/api/v1/cost-estimate.csv?${q}&currency=USD`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(
      'cost-estimate_10000in-2000out-x1000_qwen-plus+doubao-seed-1.6_USD.csv',
    );
    const rows = parseCsv(res.body);
    expect(rows.map((r) => [r.model_id, r.converted_monthly_cost, r.fx_cny_per_usd, r.fx_rate_date])).toEqual([
      ['qwen-plus', '1.768738', '6.7845', '2026-07-03'],
      ['doubao-seed-1.6', '3.537475', '6.7845', '2026-07-03'],
      ['doubao-seed-1.6', '6.5', '', ''],
    ]);
    expect(rows.every((r) => /^https?:\/\//.test(r.source_url!))).toBe(true);
  });
});

describe('GET /api/v1/prices and /price-history', () => {
  it('lists current prices: latest dated version per offer plus undated ones, with sources', async () => {
    const body = await get<PricesResponse>('/api/v1/prices');
    const ids = new Set(body.data.map((r) => r.modelId));
    expect(ids.has('qwen-plus')).toBe(true);
    expect(
      body.data.filter((r) => r.modelId === 'qwen-max').map((r) => [r.inputPerMTok, r.outputPerMTok, r.validFrom]),
    ).toEqual([['2.4', '9.6', '2025-02-06']]);
    expect(body.data.every((r) => r.validTo === null)).toBe(true);
    expect(body.data.filter((r) => !r.inHistory).length).toBeGreaterThan(0);
    expect(body.data.every((r) => r.display.fx === null && r.display.currency === r.currency)).toBe(true);
    expect(body.meta).toMatchObject({ at: null, currency: null, datasetVersion: bundledDataset().version });
  });

  it("converts every current price at today's rate, whatever its effective date", async () => {
    const body = await get<PricesResponse>('/api/v1/prices?currency=USD');
    const today = new Date().toISOString().slice(0, 10);
    const converted = body.data.filter((r) => r.currency === 'CNY');
    expect(converted.length).toBeGreaterThan(20);
    for (const r of converted) {
      expect(r.display.fx!.date, r.id).toBe(today);
      expect(r.display.inputPerMTok, r.id).not.toBeNull();
    }
    expect(body.data.filter((r) => r.currency === 'USD').every((r) => r.display.fx === null)).toBe(true);
  });

  it('answers "what did it cost then" with ?at=, and each converted price carries its rate and date', async () => {
    const body = await get<PricesResponse>(
      '/api/v1/price-history?at=2024-05-20&model=qwen-long,doubao-pro-32k,qwen-plus&currency=USD',
    );
    expect(
      body.data.map((r) => [
        r.modelId,
        r.inputPerMTok,
        r.effective.text,
        r.display.inputPerMTok,
        r.display.fx?.ratePeriod,
      ]),
    ).toEqual([
      ['doubao-pro-32k', '0.8', '2024-05-15', '0.112644', '2024-05-16'],
      // 20 / 7.1020 (the 2024-05-16 fixing, the latest on or before 2024-05-20).
      ['qwen-long', '20', 'before 2024-05-21 (pre-cut)', '2.816108', '2024-05-16'],
    ]);
    expect(body.meta.notes).toEqual(['no price known for qwen-plus on 2024-05-20']);
  });

  it('shows the May 2024 cut: Qwen-Long 20 → 0.5 CNY per 1M on 2024-05-21 (half-open windows)', async () => {
    const before = await get<PricesResponse>('/api/v1/price-history?at=2024-05-20&model=qwen-long');
    const on = await get<PricesResponse>('/api/v1/price-history?at=2024-05-21&model=qwen-long');
    expect(before.data.map((r) => r.inputPerMTok)).toEqual(['20']);
    expect(on.data.map((r) => r.inputPerMTok)).toEqual(['0.5']);
    const all = await get<PricesResponse>('/api/v1/price-history?model=qwen-long');
    expect(all.data.map((r) => [r.validFrom, r.validTo, r.inputPerMTok, r.outputPerMTok])).toEqual([
      [null, '2024-05-21', '20', null],
      ['2024-05-21', '2024-05-23', '0.5', null],
      ['2024-05-23', '2024-10-01', '0.5', '2'],
      ['2024-10-01', null, '0.5', '2'],
    ]);
  });

  it('converts each history step at the rate of the day it took effect', async () => {
    const body = await get<PricesResponse>('/api/v1/price-history?model=qwen-max&currency=USD');
    expect(
      body.data.map((r) => [r.validFrom, r.display.inputPerMTok, r.display.fx?.cnyPerUsd, r.display.fx?.ratePeriod]),
    ).toEqual([
      // 40 / 7.1069, 20 / 7.0510 and 2.4 / 7.1705: the latest daily rate on or before each start.
      ['2024-05-23', '5.628333', '7.1069', '2024-05-21'],
      ['2024-10-01', '2.836477', '7.0510', '2024-09-24'],
      ['2025-02-06', '0.334705', '7.1705', '2025-01-24'],
    ]);
  });

  it('has CSV twins with the exact header, one row per JSON row, and the rate in converted rows', async () => {
    for (const url of [
      '/api/v1/prices?currency=USD',
      '/api/v1/price-history?currency=CNY',
      '/api/v1/price-history?at=2025-07-01',
    ]) {
      const json = await get<PricesResponse>(url);
      const res = await t.app.inject(url.replace('?', '.csv?'));
      expect(res.statusCode, url).toBe(200);
      expect(res.body.split('\r\n')[0], url).toBe(PRICE_CSV_HEADER);
      const rows = parseCsv(res.body);
      expect(
        rows.map((r) => r.price_id),
        url,
      ).toEqual(json.data.map((r) => r.id));
      expect(res.headers['x-row-count'], url).toBe(String(json.meta.count));
      for (const r of rows) {
        expect(r.source_url, url).toMatch(/^https?:\/\//);
        expect(r.quote, url).toMatch(/\S/);
        if (r.display_currency !== r.currency) {
          expect(r.fx_cny_per_usd, url).toMatch(/^\d\.\d+$/);
          expect(r.fx_rate_date, url).toMatch(/^\d{4}(-\d{2}){0,2}$/);
        } else expect(r.fx_cny_per_usd, url).toBe('');
      }
    }
  });

  it('keeps the source unit and text in the CSV: 0.0008 per 1K beside 0.8 per 1M', async () => {
    const res = await t.app.inject('/api/v1/price-history.csv?model=doubao-pro-32k');
    expect(res.headers['content-disposition']).toContain('filename="price-history_doubao-pro-32k_as-published.csv"');
    const row = parseCsv(res.body).find((r) => r.effective_date_text === '2024-05-15')!;
    expect(row).toMatchObject({
      source_unit_tokens: '1000',
      source_input_price: '0.0008',
      input_per_mtok: '0.8',
      output_per_mtok: '',
      effective_date_approximate: 'false',
    });
  });
});

describe('GET /api/v1/price-models and /fx-rates', () => {
  it('lists models with vendor, openness and pricing models, and the head-to-head pairs', async () => {
    const body = await get<PriceModelsResponse>('/api/v1/price-models');
    expect(body.data).toHaveLength(37);
    expect(body.data.find((m) => m.id === 'deepseek-chat')).toMatchObject({
      vendorName: 'DeepSeek',
      weights: 'open',
      pricingModels: ['token-metered-api', 'open-weights'],
    });
    expect(body.data.find((m) => m.id === 'ernie-speed')!.pricingModels).toEqual(['free-tier']);
    expect(body.pairs[0]).toMatchObject({ id: 'flagships', leftModelId: 'qwen3-max', rightModelId: 'doubao-seed-1.6' });
  });

  it('lists the 66 rates with their kinds and the rule', async () => {
    const body = await get<FxRatesResponse>('/api/v1/fx-rates');
    expect(body.meta.count).toBe(66);
    expect(body.meta.fxRule).toMatch(/latest daily rate dated on or before/);
    expect(body.data.find((r) => r.period === '2024-05-21')).toMatchObject({
      cnyPerUsd: '7.1069',
      kind: 'central-parity',
    });
  });
});

describe.each(['/api/v1/prices', '/api/v1/price-history', `/api/v1/cost-estimate?${WORKLOAD}&`, '/api/v1/prices.csv'])(
  'bad queries to %s',
  (route) => {
    const url = (q: string) => (route.endsWith('&') ? `${route}${q}` : `${route}?${q}`);
    it.each([
      ['model=qwen-plsu', 'model', /^unknown model "qwen-plsu"; known: .*qwen-plus/],
      ['vendor=alibaba-clod', 'vendor', /^unknown vendor "alibaba-clod"; vendors with prices: /],
      ['currency=EUR', 'currency', /CNY|USD/],
      ['region=mars', 'region', /china|international/],
      ['model=Qwen%20Plus', 'model.0', /expected a model id/],
      ['colour=red', 'colour', /^is not a known parameter$/],
      ['currency=CNY&currency=USD', 'currency', /must be given once, got 2 values/],
    ])('?%s is a 400 naming %s', async (query, field, message) => {
      const res = await t.app.inject(url(query));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const { error } = res.json() as {
        error: { code: string; message: string; fields: Array<{ field: string; message: string }> };
      };
      expect(error.code).toBe('invalid_request');
      expect(error.fields.map((f) => f.field)).toContain(field);
      expect(error.fields.find((f) => f.field === field)!.message).toMatch(message);
    });
  },
);

describe('bad dates and workloads', () => {
  it.each([
    ['/api/v1/price-history?at=2024-02-30', 'at'],
    ['/api/v1/price-history?at=20240520', 'at'],
    ['/api/v1/price-history?at=1999-12-31', 'at'],
    ['/api/v1/prices?at=2024-05-20', 'at'],
    ['/api/v1/cost-estimate?outputTokensPerRequest=1&requestsPerMonth=1', 'inputTokensPerRequest'],
    [`/api/v1/cost-estimate?${WORKLOAD.replace('10000', '-5')}`, 'inputTokensPerRequest'],
    [`/api/v1/cost-estimate?${WORKLOAD.replace('10000', '1.5')}`, 'inputTokensPerRequest'],
    [`/api/v1/cost-estimate?${WORKLOAD.replace('10000', '99999999999')}`, 'inputTokensPerRequest'],
    [`/api/v1/cost-estimate?${WORKLOAD}&cachedInputPct=120`, 'cachedInputPct'],
    [`/api/v1/cost-estimate?${WORKLOAD}&cachedInputPct=abc`, 'cachedInputPct'],
    [`/api/v1/cost-estimate?${WORKLOAD}&ratio=3-1`, 'ratio'],
    [`/api/v1/cost-estimate?${WORKLOAD}&ratio=0:0`, 'ratio'],
    [`/api/v1/cost-estimate?${WORKLOAD}&at=2024-13-01`, 'at'],
  ])('%s is a 400 naming %s, never a 500', async (url, field) => {
    const res = await t.app.inject(url);
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json() as { error: { fields: Array<{ field: string }> } };
    expect(error.fields.map((f) => f.field.split('.')[0])).toContain(field);
  });
});

describe('pricing CSV formula injection', () => {
  it('prefixes a quote a spreadsheet would run as a formula, and leaves the JSON as published', async () => {
    await t.close();
    const ds = bundledDataset();
    const EVIL = '=HYPERLINK("https://evil.example","x")';
    const target = ds.pricing.points.find((p) => p.modelId === 'doubao-pro-32k')!;
    t = await buildTestApp({
      ...ds,
      pricing: {
        ...ds.pricing,
        points: ds.pricing.points.map((p) => (p === target ? { ...p, source: { ...p.source, quote: EVIL } } : p)),
      },
    });
    const rows = parseCsv((await t.app.inject('/api/v1/price-history.csv?model=doubao-pro-32k')).body);
    expect(rows.find((r) => r.price_id === target.id)!.quote).toBe(`'${EVIL}`);
    const json = await get<PricesResponse>('/api/v1/price-history?model=doubao-pro-32k');
    expect(json.data.find((r) => r.id === target.id)!.source.quote).toBe(EVIL);
  });
});
