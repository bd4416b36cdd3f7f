import { describe, expect, it } from 'vitest';
import { model, point, rate } from '../testing/pricing.js';
import { costAt, estimateCosts, formatTier, monthlyTokens, selectTier, tierCovers, type Workload } from './calculator.js';
import { convertAmount, pickFxRate } from './fx.js';
import { alignTiers } from './head-to-head.js';
import { buildHistory, missingPriceNotes, versionsAt } from './history.js';
import { buildPriceRows } from './price-rows.js';

const T = (min: number, max: number | null) => ({ minInputTokens: min, maxInputTokens: max });

describe('tier selection at the boundaries', () => {
  const tiers = [
    point({ tier: T(0, 32000), inputPerMTok: '2.5' }),
    point({ tier: T(32000, 128000), inputPerMTok: '4' }),
    point({ tier: T(128000, 256000), inputPerMTok: '7' }),
  ];
  it.each([
    [0, '2.5'],
    [1, '2.5'],
    [32000, '2.5'],
    [32001, '4'],
    [128000, '4'],
    [128001, '7'],
    [256000, '7'],
  ])('a request of %i input tokens is priced at %s per 1M', (tokens, price) => {
    expect(selectTier(tiers, tokens)?.inputPerMTok).toBe(price);
  });
  it('finds no price past the last known tier, and says which tiers exist', () => {
    expect(selectTier(tiers, 256001)).toBeNull();
    expect(tiers.map((p) => formatTier(p.tier))).toEqual(['0–32K', '32K–128K', '128K–256K']);
  });
  it('an open-ended tier covers everything above its minimum; an untiered price every length', () => {
    expect(tierCovers(T(200000, null), 200000)).toBe(false);
    expect(tierCovers(T(200000, null), 200001)).toBe(true);
    expect(tierCovers(null, 5_000_000)).toBe(true);
    expect(formatTier(T(200000, null))).toBe('over 200K');
  });
});

describe('price history: half-open windows, nothing overwritten', () => {
  // Qwen-Long in the bundled data: 0.02/1K before the cut, 0.0005/1K from 2024-05-21, then snapshots.
  const qwenLong = [
    point({
      modelId: 'qwen-long',
      inputPerMTok: '20',
      outputPerMTok: null,
      effectiveText: 'before 2024-05-21 (pre-cut)',
    }),
    point({ modelId: 'qwen-long', inputPerMTok: '0.5', outputPerMTok: null, effectiveText: '2024-05-21' }),
    point({ modelId: 'qwen-long', inputPerMTok: '0.5', outputPerMTok: '2', effectiveText: '2024-05-23 (snapshot)' }),
    point({
      modelId: 'qwen-long',
      inputPerMTok: '0.6',
      outputPerMTok: '2.4',
      effectiveText: 'third-party listing (undated)',
    }),
  ];
  const versions = buildHistory(qwenLong);
  const inputOn = (day: string | null) => versionsAt(versions, day).map((v) => v.points[0]!.inputPerMTok);

  it('gives every dated version a window that ends where the next one starts', () => {
    expect(versions.filter((v) => v.inHistory).map((v) => [v.validFrom, v.validTo])).toEqual([
      [null, '2024-05-21'],
      ['2024-05-21', '2024-05-23'],
      ['2024-05-23', null],
    ]);
  });

  it.each([
    ['2023-01-01', ['20']],
    ['2024-05-20', ['20']],
    ['2024-05-21', ['0.5']],
    ['2024-05-22', ['0.5']],
    ['2024-05-23', ['0.5']],
  ])('on %s the price in force is %j', (day, expected) => {
    expect(inputOn(day)).toEqual(expected);
  });

  it('on the cut day the old price is no longer in force (the window is half-open)', () => {
    const onCutDay = versionsAt(versions, '2024-05-21');
    expect(onCutDay).toHaveLength(1);
    expect(onCutDay[0]!.points[0]!.effective.text).toBe('2024-05-21');
  });

  it('answers "now" with the open-ended dated version and the undated one, never a dated day with the undated one', () => {
    expect(inputOn(null).sort()).toEqual(['0.5', '0.6']);
    expect(inputOn('2030-01-01')).toEqual(['0.5']);
  });

  it('says so when a model had no price on a day', () => {
    const seed = [point({ modelId: 'doubao-seed-1.6', effectiveText: '2025-06-14 (snapshot)' })];
    const found = versionsAt(buildHistory(seed), '2024-05-20');
    expect(found).toEqual([]);
    expect(missingPriceNotes(['doubao-seed-1.6'], found, '2024-05-20')).toEqual([
      'no price known for doubao-seed-1.6 on 2024-05-20',
    ]);
  });

  it('keeps the tiers of one source and date together as one version', () => {
    const v = buildHistory([
      point({ modelId: 'qwen3-max', tier: T(32000, 128000), effectiveText: 'undated scrape (2025-09 or later)' }),
      point({ modelId: 'qwen3-max', tier: T(0, 32000), effectiveText: 'undated scrape (2025-09 or later)' }),
    ]);
    expect(v).toHaveLength(1);
    expect(v[0]!.points.map((p) => p.tier!.minInputTokens)).toEqual([0, 32000]);
    expect(v[0]).toMatchObject({ validFrom: '2025-09-01', validTo: null, inHistory: true });
  });
});

describe("exchange rates: the rate for the price's date, and which one", () => {
  const rates = [
    rate('2024-05-13', '7.1030'),
    rate('2024-05-16', '7.1020'),
    rate('2024-05-21', '7.1069'),
    rate('2024-05-21', '7.2000', 'fed-h10-noon'),
    rate('2024-10', '7.0881', 'monthly-average'),
    rate('2024', '7.189', 'annual-average'),
    rate('2026-07-03', '6.7845', 'spot-close'),
  ];

  it('takes the latest daily rate on or before the day (2024-05-20 → the 2024-05-16 fixing)', () => {
    const pick = pickFxRate(rates, '2024-05-20')!;
    expect(pick.rate.cnyPerUsd).toBe('7.1020');
    expect(pick.rate.startDate).toBe('2024-05-16');
    expect(pick.ageDays).toBe(4);
    expect(pick.note).toBe('latest daily rate on or before 2024-05-20 (2024-05-16, 4 days earlier)');
  });

  it('prefers the PBOC central parity on a day with several rates, and never uses a later rate', () => {
    expect(pickFxRate(rates, '2024-05-21')!.rate.cnyPerUsd).toBe('7.1069');
    expect(pickFxRate(rates, '2024-05-15')!.rate.cnyPerUsd).toBe('7.1030');
  });

  it("falls back to the month's average, then the year's, when the daily rate is over 31 days old", () => {
    expect(pickFxRate(rates, '2024-10-20')!.rate).toMatchObject({ period: '2024-10', kind: 'monthly-average' });
    expect(pickFxRate(rates, '2024-12-01')!.rate).toMatchObject({ period: '2024', kind: 'annual-average' });
  });

  it('states the age of an old rate when nothing newer exists, and gives none before the first rate', () => {
    const pick = pickFxRate(rates, '2026-11-29')!;
    expect(pick.rate.cnyPerUsd).toBe('6.7845');
    expect(pick.ageDays).toBe(149);
    expect(pick.note).toContain('149 days earlier');
    expect(pickFxRate(rates, '2023-06-01')).toBeNull();
    // Before the first daily rate of 2024 but inside the year: the IRS yearly average.
    expect(pickFxRate(rates, '2024-05-01')!.rate.kind).toBe('annual-average');
  });

  it('converts CNY→USD by division (6 decimals, half-even) and USD→CNY by exact multiplication', () => {
    expect(convertAmount('0.8', 'CNY', 'USD', '7.1020')).toBe('0.112644');
    expect(convertAmount('12', 'CNY', 'USD', '7.1069')).toBe('1.6885'); // 1.68849990… rounds up; trailing zeros dropped
    expect(convertAmount('0.25', 'USD', 'CNY', '6.7845')).toBe('1.696125');
    expect(convertAmount('0.8', 'CNY', 'CNY', '7.1020')).toBe('0.8');
  });

  it('puts the rate and its date next to every converted price', () => {
    const rows = buildPriceRows(
      {
        models: [model('qwen-plus')],
        points: [point({ effectiveText: '2024-05-23 (snapshot)', inputPerMTok: '4', outputPerMTok: '12' })],
        rates,
      },
      { mode: 'history', at: '2024-05-22', currency: 'USD', today: '2026-11-29' },
    );
    expect(rows).toEqual([]);
    const [row] = buildPriceRows(
      {
        models: [model('qwen-plus')],
        points: [point({ effectiveText: '2024-05-23 (snapshot)', inputPerMTok: '4', outputPerMTok: '12' })],
        rates,
      },
      { mode: 'history', at: null, currency: 'USD', today: '2026-11-29' },
    );
    expect(row!.display).toMatchObject({
      currency: 'USD',
      inputPerMTok: '0.562833', // 4 / 7.1069 = 0.56283330…
      outputPerMTok: '1.6885', // 12 / 7.1069 = 1.68849990…
      fx: { cnyPerUsd: '7.1069', ratePeriod: '2024-05-21', date: '2024-05-23', kind: 'central-parity', ageDays: 2 },
    });
  });
});

describe('cost calculator, checked by hand', () => {
  // 1,000 requests a month of 10,000 input and 2,000 output tokens: 10M input and 2M output.
  const w: Workload = {
    inputTokensPerRequest: 10_000,
    outputTokensPerRequest: 2_000,
    requestsPerMonth: 1_000,
    cachedInputPct: '0',
  };

  it('totals the month exactly', () => {
    expect(monthlyTokens({ ...w, cachedInputPct: '25' })).toEqual({
      input: '10000000',
      cached: '2500000',
      uncached: '7500000',
      output: '2000000',
    });
  });

  it('Qwen-Plus at 0.8/2 CNY per 1M: 10 × 0.8 + 2 × 2 = 12 CNY; blended 3:1 = (3 × 0.8 + 2) / 4 = 1.1', () => {
    expect(costAt({ inputPerMTok: '0.8', outputPerMTok: '2', cachedInputPerMTok: null }, w)).toEqual({
      inputCost: '8',
      cachedInputCost: '0',
      outputCost: '4',
      total: '12',
      blendedPerMTok: '1.1',
    });
  });

  it('a 25% cache hit rate at 0.40/4.00/0.16: 7.5 × 0.4 + 2.5 × 0.16 + 2 × 4 = 11.4; blended 1:1 = 2.2', () => {
    expect(
      costAt(
        { inputPerMTok: '0.40', outputPerMTok: '4.00', cachedInputPerMTok: '0.16' },
        { ...w, cachedInputPct: '25', ratio: { input: 1, output: 1 } },
      ),
    ).toEqual({
      inputCost: '3',
      cachedInputCost: '0.4',
      outputCost: '8',
      total: '11.4',
      blendedPerMTok: '2.2',
    });
  });

  it('gives no cost when output is asked for and the source has no output price', () => {
    expect(costAt({ inputPerMTok: '0.5', outputPerMTok: null, cachedInputPerMTok: null }, w)).toBeNull();
    expect(
      costAt(
        { inputPerMTok: '0.5', outputPerMTok: null, cachedInputPerMTok: null },
        { ...w, outputTokensPerRequest: 0 },
      )!.total,
    ).toBe('5');
  });

  const data = {
    models: [
      model('qwen-plus'),
      model('doubao-seed-1.6', { vendorId: 'volcano-engine', family: 'Doubao' }),
      model('qwen-long'),
      model('ernie-speed', { vendorId: 'baidu-ai-cloud' }),
    ],
    points: [
      point({ modelId: 'qwen-plus', inputPerMTok: '0.8', outputPerMTok: '2' }),
      point({
        modelId: 'doubao-seed-1.6',
        vendorId: 'volcano-engine',
        inputPerMTok: '0.8',
        outputPerMTok: '8',
        tier: T(0, 32000),
      }),
      point({
        modelId: 'doubao-seed-1.6',
        vendorId: 'volcano-engine',
        region: 'international',
        currency: 'USD',
        inputPerMTok: '0.25',
        outputPerMTok: '2',
        cachedInputPerMTok: '0.05',
        tier: T(0, 128000),
        effectiveText: 'undated (official BytePlus docs)',
      }),
      point({ modelId: 'qwen-long', inputPerMTok: '0.5', outputPerMTok: null, effectiveText: '2024-05-21' }),
      point({ modelId: 'ernie-speed', inputPerMTok: '0', outputPerMTok: '0', effectiveText: '2024-05-21 (made free)' }),
    ],
    rates: [rate('2024-05-21', '7.1069'), rate('2026-07-03', '6.7845', 'spot-close')],
  };

  it('ranks offers by monthly cost in one currency, with "N× the cheapest paid option"', () => {
    const rows = estimateCosts(data, w, { at: null, currency: 'CNY', today: '2026-11-29' });
    expect(rows.map((r) => [r.modelId, r.region, r.status, r.converted?.total ?? null, r.timesCheapest])).toEqual([
      ['ernie-speed', 'china', 'ok', '0', null],
      ['qwen-plus', 'china', 'ok', '12', '1'],
      // BytePlus: 10 × 0.25 + 2 × 2 = 6.5 USD, × 6.7845 = 44.09925 CNY.
      ['doubao-seed-1.6', 'china', 'ok', '24', '2'],
      ['doubao-seed-1.6', 'international', 'ok', '44.09925', '3.67'],
      ['qwen-long', 'china', 'missing-price', null, null],
    ]);
    const byteplus = rows.find((r) => r.region === 'international')!;
    expect(byteplus.native!.total).toBe('6.5');
    expect(byteplus.fx).toMatchObject({
      cnyPerUsd: '6.7845',
      ratePeriod: '2026-07-03',
      date: '2026-11-29',
      ageDays: 149,
    });
    expect(rows.find((r) => r.modelId === 'qwen-long')!.notes).toEqual(['no output price known for qwen-long now']);
  });

  it('converts to USD at the rate of the day asked about', () => {
    const rows = estimateCosts(data, w, { at: '2024-05-22', currency: 'USD', today: '2026-11-29' });
    expect(rows.map((r) => r.modelId)).toEqual(['ernie-speed', 'qwen-long']);
    const may = estimateCosts(
      data,
      { ...w, outputTokensPerRequest: 0 },
      { at: '2024-05-22', currency: 'USD', today: '2026-11-29' },
    );
    // 10M × 0.5 CNY per 1M = 5 CNY; / 7.1069 = 0.703542 USD.
    expect(may.find((r) => r.modelId === 'qwen-long')!.converted!.total).toBe('0.703542');
  });

  it('reports a context length beyond every known tier instead of guessing a price', () => {
    const rows = estimateCosts(
      data,
      { ...w, contextTokens: 40_000 },
      { at: null, currency: 'CNY', today: '2026-11-29' },
    );
    const cn = rows.find((r) => r.modelId === 'doubao-seed-1.6' && r.region === 'china')!;
    expect(cn.status).toBe('no-tier');
    expect(cn.notes[0]).toBe(
      'no price known for doubao-seed-1.6 at 40,000 input tokens per request now (known tiers: 0–32K)',
    );
    expect(rows.find((r) => r.region === 'international')!.status).toBe('ok');
  });
});

describe('alignTiers: Qwen vs Doubao tier by tier', () => {
  it('cuts both sides into common ranges and leaves unknown ranges empty', () => {
    const left = [
      point({ tier: T(0, 32000), inputPerMTok: '2.5' }),
      point({ tier: T(32000, 128000), inputPerMTok: '4' }),
      point({ tier: T(128000, 256000), inputPerMTok: '7' }),
    ];
    const right = [point({ tier: T(0, 32000), inputPerMTok: '0.8' })];
    expect(
      alignTiers(left, right).map((r) => [
        formatTier(r.tier),
        r.left?.inputPerMTok ?? null,
        r.right?.inputPerMTok ?? null,
      ]),
    ).toEqual([
      ['0–32K', '2.5', '0.8'],
      ['32K–128K', '4', null],
      ['128K–256K', '7', null],
    ]);
  });
  it('lets an untiered price cover every range', () => {
    const left = [point({ tier: null, inputPerMTok: '0.8' })];
    const right = [
      point({ tier: T(0, 128000), inputPerMTok: '0.25' }),
      point({ tier: T(128000, 256000), inputPerMTok: '0.5' }),
    ];
    expect(
      alignTiers(left, right).map((r) => [formatTier(r.tier), r.left?.inputPerMTok, r.right?.inputPerMTok]),
    ).toEqual([
      ['0–128K', '0.8', '0.25'],
      ['128K–256K', '0.8', '0.5'],
      ['over 256K', '0.8', undefined],
    ]);
  });
});
