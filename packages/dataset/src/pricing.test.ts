import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHistory, estimateCosts, versionsAt } from '@dash/domain';
import { DATA_DIR, loadDataset } from './index.js';

const read = (name: string) =>
  parse(readFileSync(join(DATA_DIR, name), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
const PRICE_ROWS = read('model-pricing.csv');
const FX_ROWS = read('fx-rates.csv');

describe('bundled pricing data', () => {
  const { pricing } = loadDataset();

  it('turns every one of the 65 price rows into a price point and every one of the 66 rates into a rate, with no issues', () => {
    expect(PRICE_ROWS).toHaveLength(65);
    expect(FX_ROWS).toHaveLength(66);
    expect(pricing.priceRowCount).toBe(65);
    expect(pricing.fxRowCount).toBe(66);
    expect(pricing.priceIssues).toEqual([]);
    expect(pricing.fxIssues).toEqual([]);
    expect(pricing.points.map((p) => p.datasetRow)).toEqual(PRICE_ROWS.map((_, i) => i + 1));
    expect(pricing.fxRates.map((r) => r.datasetRow)).toEqual(FX_ROWS.map((_, i) => i + 1));
    expect(new Set(pricing.points.map((p) => p.id)).size).toBe(65);
  });

  it('keeps each source price, unit, effective-date text, URL and quote exactly as the CSV has them', () => {
    for (const p of pricing.points) {
      const raw = PRICE_ROWS[p.datasetRow - 1]!;
      expect(p.sourceInputPrice, `row ${p.datasetRow}`).toBe(raw.input_price);
      expect(p.sourceOutputPrice ?? '', `row ${p.datasetRow}`).toBe(raw.output_price);
      expect(p.sourceCachedInputPrice ?? '', `row ${p.datasetRow}`).toBe(raw.cached_input_price);
      expect(String(p.unitTokens), `row ${p.datasetRow}`).toBe(raw.unit_tokens);
      expect(p.effective.text, `row ${p.datasetRow}`).toBe(raw.effective_date);
      expect(p.source.url, `row ${p.datasetRow}`).toBe(raw.url);
      expect(p.source.quote, `row ${p.datasetRow}`).toBe(raw.quote!.trim());
      expect(p.modelText, `row ${p.datasetRow}`).toBe(raw.model);
    }
    for (const r of pricing.fxRates)
      expect(r.cnyPerUsd, `fx row ${r.datasetRow}`).toBe(FX_ROWS[r.datasetRow - 1]!.cny_per_usd);
  });

  it('has the price-war figures per 1M tokens (research notes, pricing headline)', () => {
    const at = (modelId: string, effective: string) =>
      pricing.points.filter((p) => p.modelId === modelId && p.effective.text === effective);
    expect(at('doubao-pro-32k', '2024-05-15').map((p) => [p.inputPerMTok, p.outputPerMTok])).toEqual([['0.8', null]]);
    expect(at('qwen-long', 'before 2024-05-21 (pre-cut)').map((p) => p.inputPerMTok)).toEqual(['20']);
    expect(at('qwen-long', '2024-05-21').map((p) => p.inputPerMTok)).toEqual(['0.5']);
    expect(
      at('qwen-max', 'as of late 2024 (page lists qwen-max = qwen-max-2024-09-19)').map((p) => [
        p.inputPerMTok,
        p.outputPerMTok,
      ]),
    ).toEqual([['20', '60']]);
    expect(
      at('qwen3-max', 'undated scrape (2025-09 or later)').map((p) => [
        p.tier?.minInputTokens,
        p.inputPerMTok,
        p.outputPerMTok,
        p.cachedInputPerMTok,
      ]),
    ).toEqual([
      [0, '2.5', '10', '0.5'],
      [32000, '4', '16', '0.8'],
      [128000, '7', '28', '1.4'],
    ]);
    const byteplus = pricing.points.filter((p) => p.modelId === 'doubao-seed-1.6' && p.region === 'international');
    expect(
      byteplus.map((p) => [p.currency, p.currencyNote, p.inputPerMTok, p.outputPerMTok, p.cachedInputPerMTok]),
    ).toEqual([
      ['USD', 'inferred; currency not printed in excerpt', '0.25', '2', '0.05'],
      ['USD', 'inferred; currency not printed in excerpt', '0.5', '4', '0.05'],
    ]);
  });

  it("places Qwen-Max's three prices in history: 40/120 → 20/60 → 2.4/9.6 CNY per 1M", () => {
    const versions = buildHistory(pricing.points.filter((p) => p.modelId === 'qwen-max'));
    expect(
      versions.map((v) => [v.validFrom, v.validTo, v.points[0]!.inputPerMTok, v.points[0]!.outputPerMTok]),
    ).toEqual([
      ['2024-05-23', '2024-10-01', '40', '120'],
      ['2024-10-01', '2025-02-06', '20', '60'],
      ['2025-02-06', null, '2.4', '9.6'],
    ]);
  });

  it('answers the done-when question: 10M input + 2M output a month on Qwen-Plus and Doubao-Seed-1.6', () => {
    const data = { models: pricing.models, points: pricing.points, rates: pricing.fxRates };
    const w = {
      inputTokensPerRequest: 10_000,
      outputTokensPerRequest: 2_000,
      requestsPerMonth: 1_000,
      cachedInputPct: '0',
    };
    const pick = (rows: ReturnType<typeof estimateCosts>, modelId: string, region = 'china') =>
      rows.find((r) => r.modelId === modelId && r.region === region);
    const now = estimateCosts(
      { ...data, points: data.points.filter((p) => ['qwen-plus', 'doubao-seed-1.6'].includes(p.modelId)) },
      w,
      {
        at: null,
        currency: 'CNY',
        today: '2026-11-29',
      },
    );
    expect(pick(now, 'qwen-plus')!.native!.total).toBe('12');
    expect(pick(now, 'doubao-seed-1.6')!.native!.total).toBe('24');
    expect(pick(now, 'doubao-seed-1.6', 'international')!.native).toMatchObject({ total: '6.5' });
    const may = versionsAt(buildHistory(data.points.filter((p) => p.modelId === 'qwen-plus')), '2024-05-31');
    expect(may.map((v) => v.points[0]!.effective.text)).toEqual(['2024-05-23 (snapshot)']);
    expect(versionsAt(buildHistory(data.points.filter((p) => p.modelId === 'doubao-seed-1.6')), '2024-05-31')).toEqual(
      [],
    );
  });

  it('maps every price to a vendor of vendors.json and every pair to priced models', () => {
    const ds = loadDataset();
    const vendorIds = new Set(ds.vendors.map((v) => v.id));
    for (const m of pricing.models) expect(vendorIds.has(m.vendorId), m.id).toBe(true);
    const modelIds = new Set(pricing.models.map((m) => m.id));
    for (const pair of pricing.pairs) {
      expect(modelIds.has(pair.leftModelId), pair.id).toBe(true);
      expect(modelIds.has(pair.rightModelId), pair.id).toBe(true);
    }
  });
});

describe('a broken copy of the pricing data', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the broken row and column and keeps the other 64 rows', () => {
    dir = mkdtempSync(join(tmpdir(), 'dash-pricing-'));
    cpSync(DATA_DIR, dir, { recursive: true });
    const text = readFileSync(join(dir, 'model-pricing.csv'), 'utf8').replace(
      'Doubao-pro-128k,proprietary (API only),CNY,1000000,5,',
      'Doubao-pro-128k,proprietary (API only),CNY,1000000,five,',
    );
    writeFileSync(join(dir, 'model-pricing.csv'), text);
    const { pricing } = loadDataset(dir);
    expect(pricing.points).toHaveLength(64);
    const row = PRICE_ROWS.findIndex((r) => r.model === 'Doubao-pro-128k') + 1;
    expect(pricing.priceIssues).toEqual([
      { row, column: 'input_price', message: '"five" is not a plain non-negative decimal (like 0.0008)' },
    ]);
  });
});
