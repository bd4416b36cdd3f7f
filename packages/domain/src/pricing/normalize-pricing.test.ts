import { describe, expect, it } from 'vitest';
import { normalizeFxRates, normalizePricing, type PricingReference, type RawPriceRow, siteOf } from '../normalize/pricing.js';

const ref: PricingReference = {
  platforms: [
    { text: 'Volcano Engine (Ark)', vendorId: 'volcano-engine', region: 'china' },
    { text: 'BytePlus ModelArk (ByteDance international)', vendorId: 'volcano-engine', region: 'international' },
    { text: 'DeepSeek', vendorId: 'deepseek', region: null },
  ],
  currencies: [
    {
      text: 'USD (inferred; currency not printed in excerpt)',
      currency: 'USD',
      note: 'inferred; currency not printed in excerpt',
    },
  ],
  models: [
    {
      id: 'doubao-pro-32k',
      name: 'Doubao-pro-32k',
      vendorId: 'volcano-engine',
      family: 'Doubao',
      weights: 'closed',
      license: 'proprietary (API only)',
      pricingModels: ['token-metered-api'],
      aliases: ['Doubao-pro-32k (豆包通用模型Pro 32k)'],
    },
    {
      id: 'doubao-seed-1.6',
      name: 'Doubao-Seed-1.6',
      vendorId: 'volcano-engine',
      family: 'Doubao',
      weights: 'closed',
      license: 'proprietary (API only)',
      pricingModels: ['token-metered-api'],
      aliases: ['ByteDance-Seed-1.6'],
    },
  ],
  headToHead: [],
};
const vendors = [{ id: 'volcano-engine' }, { id: 'deepseek' }];

const row = (over: RawPriceRow = {}): RawPriceRow => ({
  vendor: 'Volcano Engine (Ark)',
  model: 'Doubao-pro-32k (豆包通用模型Pro 32k)',
  license: 'proprietary (API only)',
  currency: 'CNY',
  unit_tokens: '1000',
  input_price: '0.0008',
  output_price: '',
  cached_input_price: '',
  tier_min_input_tokens: '',
  tier_max_input_tokens: '',
  effective_date: '2024-05-15',
  url: 'https://cn.bg3.co/a/example.html',
  quote: '“豆包通用模型Pro 32k模型,正式定价是0.8厘/千tokens,比行业价格降低99.3%。”',
  source_quality: 'secondary',
  ...over,
});

describe('normalizePricing', () => {
  it('turns the May 2024 Doubao row into 0.8 CNY per 1M input, no output price, dated 2024-05-15', () => {
    const { points, issues } = normalizePricing([row()], ref, vendors);
    expect(issues).toEqual([]);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({
      modelId: 'doubao-pro-32k',
      vendorId: 'volcano-engine',
      region: 'china',
      currency: 'CNY',
      unitTokens: 1000,
      sourceInputPrice: '0.0008',
      inputPerMTok: '0.8',
      outputPerMTok: null,
      cachedInputPerMTok: null,
      tier: null,
      effective: { text: '2024-05-15', kind: 'day', from: '2024-05-15', approximate: false },
      source: { site: 'cn.bg3.co', quality: 'secondary' },
    });
    expect(points[0]!.id).toMatch(/^p-[0-9a-f]{16}$/);
  });

  it("maps BytePlus to the vendor's international region, an inferred USD with its note, and a tier", () => {
    const { points, issues } = normalizePricing(
      [
        row({
          vendor: 'BytePlus ModelArk (ByteDance international)',
          model: 'ByteDance-Seed-1.6',
          currency: 'USD (inferred; currency not printed in excerpt)',
          unit_tokens: '1000000',
          input_price: '0.25',
          output_price: '2.00',
          cached_input_price: '0.05',
          tier_min_input_tokens: '0',
          tier_max_input_tokens: '128000',
          effective_date: 'undated (official BytePlus docs)',
        }),
      ],
      ref,
      vendors,
    );
    expect(issues).toEqual([]);
    expect(points[0]).toMatchObject({
      modelId: 'doubao-seed-1.6',
      region: 'international',
      currency: 'USD',
      currencyNote: 'inferred; currency not printed in excerpt',
      sourceOutputPrice: '2.00',
      outputPerMTok: '2',
      cachedInputPerMTok: '0.05',
      tier: { minInputTokens: 0, maxInputTokens: 128000 },
      effective: { kind: 'undated', from: null },
    });
  });

  it.each([
    [{ vendor: 'Volcengine Ark' }, 'vendor', /unknown platform "Volcengine Ark"/],
    [{ model: 'Doubao-pro-4k' }, 'model', /unknown model "Doubao-pro-4k"/],
    [{ vendor: 'DeepSeek' }, 'model', /belongs to volcano-engine/],
    [{ currency: 'EUR' }, 'currency', /not CNY or USD/],
    [{ unit_tokens: '100' }, 'unit_tokens', /not 1000 .* or 1000000/],
    [{ input_price: '' }, 'input_price', /is empty/],
    [{ output_price: '2e-3' }, 'output_price', /not a plain non-negative decimal/],
    [{ tier_max_input_tokens: '32000' }, 'tier_min_input_tokens', /is empty while tier_max/],
    [{ tier_min_input_tokens: '32000', tier_max_input_tokens: '32000' }, 'tier_max_input_tokens', /not above/],
    [{ effective_date: 'soon' }, 'effective_date', /no date this parser understands/],
    [{ url: 'ftp://example.com' }, 'url', /not an http/],
    [{ quote: ' ' }, 'quote', /is empty/],
    [{ source_quality: 'gold' }, 'source_quality', /not one of/],
  ])('reports %j as an issue in column %s, and skips the row', (over, column, message) => {
    const { points, issues } = normalizePricing([row(), row(over as RawPriceRow)], ref, vendors);
    expect(points).toHaveLength(1);
    expect(issues.some((i) => i.row === 2 && i.column === column && message.test(i.message))).toBe(true);
  });

  it('reports a duplicated row by the row it repeats', () => {
    const { points, issues } = normalizePricing([row(), row()], ref, vendors);
    expect(points).toHaveLength(1);
    expect(issues).toEqual([
      { row: 2, column: null, message: 'duplicates row 1 (same model, region, currency, tier, date and source)' },
    ]);
  });

  it('names GitHub sources by owner and repository', () => {
    expect(siteOf('https://github.com/syaoranwe/LLM-Price/blob/5b65991/README.md')).toBe(
      'github.com/syaoranwe/LLM-Price',
    );
    expect(siteOf('http://47.109.151.80:15030/Maas2-group/x.json')).toBe('47.109.151.80:15030');
  });
});

describe('normalizeFxRates', () => {
  const fx = (over: Record<string, string> = {}) => ({
    date: '2024-05-21',
    period: 'day',
    cny_per_usd: '7.1069',
    kind: 'central parity',
    publisher: 'MENAFN (Xinhua-based)',
    url: 'https://menafn.com/1108239145/x',
    quote: 'The central parity rate was adjusted downward by 27 pips to 7.1069',
    source_quality: 'secondary',
    ...over,
  });

  it('keeps days, months and years with their dates, kinds and the rate as published', () => {
    const { rates, issues } = normalizeFxRates([
      fx(),
      fx({
        date: '2024-10',
        period: 'month 2024-10',
        cny_per_usd: '7.0881',
        kind: 'monthly average of Fed H.10 noon buying rates (FRED EXCHUS)',
      }),
      fx({
        date: '2024',
        period: 'year 2024',
        cny_per_usd: '7.189',
        kind: 'annual average (IRS yearly average currency exchange rate)',
      }),
      fx({ date: '2023-05-24', cny_per_usd: '7.0560' }),
    ]);
    expect(issues).toEqual([]);
    expect(rates.map((r) => [r.period, r.startDate, r.endDate, r.kind, r.cnyPerUsd])).toEqual([
      ['2024-05-21', '2024-05-21', '2024-05-21', 'central-parity', '7.1069'],
      ['2024-10', '2024-10-01', '2024-10-31', 'monthly-average', '7.0881'],
      ['2024', '2024-01-01', '2024-12-31', 'annual-average', '7.189'],
      ['2023-05-24', '2023-05-24', '2023-05-24', 'central-parity', '7.0560'],
    ]);
  });

  it.each([
    [{ date: '2024-02-30' }, 'date', /not a calendar date/],
    [{ period: 'month 2024-05' }, 'period', /does not match/],
    [{ cny_per_usd: '710.69' }, 'cny_per_usd', /per-100 quote/],
    [{ kind: 'vibes' }, 'kind', /not a known kind/],
  ])('reports %j in column %s', (over, column, message) => {
    const { rates, issues } = normalizeFxRates([fx(over)]);
    expect(rates).toEqual([]);
    expect(issues.some((i) => i.row === 1 && i.column === column && message.test(i.message))).toBe(true);
  });
});
