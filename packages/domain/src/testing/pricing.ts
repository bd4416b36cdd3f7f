// Hand-written pricing fixtures for the domain tests, independent of the bundled dataset.
import { parseEffectiveDate } from '../pricing/effective-date.js';
import type { EffectiveDate } from '../schemas/effective-date.js';
import type { FxRate, PricedModel, PricePoint, PriceTier } from '../schemas/pricing.js';

const effective = (text: string): EffectiveDate => {
  const e = parseEffectiveDate(text);
  if ('error' in e) throw new Error(e.error);
  return e;
};

let n = 0;
/** A price point per 1M tokens; override anything. */
export function point(
  over: Partial<PricePoint> & { effectiveText?: string; tier?: PriceTier | null } = {},
): PricePoint {
  n += 1;
  const { effectiveText = '2025-06-14 (snapshot)', ...rest } = over;
  return {
    id: `p-${n.toString(16).padStart(8, '0')}`,
    datasetRow: n,
    modelId: 'qwen-plus',
    modelText: 'qwen-plus',
    vendorId: 'alibaba-cloud',
    license: 'proprietary (API only)',
    platform: 'Alibaba Cloud (Bailian/Model Studio)',
    region: 'china',
    currency: 'CNY',
    currencyNote: null,
    unitTokens: 1_000_000,
    sourceInputPrice: '0.8',
    sourceOutputPrice: '2',
    sourceCachedInputPrice: null,
    inputPerMTok: '0.8',
    outputPerMTok: '2',
    cachedInputPerMTok: null,
    tier: null,
    effective: effective(effectiveText),
    source: {
      url: `https://example.com/prices/${effectiveText.replace(/\W+/g, '-')}`,
      site: 'example.com',
      quote: 'qwen-plus 0.8 2',
      quality: 'community',
    },
    ...rest,
  };
}

export const model = (id: string, over: Partial<PricedModel> = {}): PricedModel => ({
  id,
  name: id,
  vendorId: 'alibaba-cloud',
  family: 'Qwen',
  weights: 'closed',
  license: 'proprietary (API only)',
  pricingModels: ['token-metered-api'],
  ...over,
});

let r = 0;
export function rate(date: string, cnyPerUsd: string, kind: FxRate['kind'] = 'central-parity'): FxRate {
  r += 1;
  const periodKind = date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
  const lastDay =
    periodKind === 'month'
      ? new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate()
      : 31;
  return {
    id: `fx-${r.toString(16).padStart(8, '0')}`,
    datasetRow: r,
    periodKind,
    period: date,
    startDate: periodKind === 'day' ? date : periodKind === 'month' ? `${date}-01` : `${date}-01-01`,
    endDate: periodKind === 'day' ? date : periodKind === 'month' ? `${date}-${lastDay}` : `${date}-12-31`,
    cnyPerUsd,
    kind,
    kindText: kind,
    publisher: 'Test publisher',
    url: `https://example.com/fx/${date}`,
    quote: `${cnyPerUsd}`,
    quality: 'press',
  };
}
