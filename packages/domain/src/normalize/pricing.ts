import { z } from 'zod';
import { hash64 } from '../ids.js';
import { dec, parseDecimal, perMillionTokens } from '../pricing/decimal.js';
import { parseEffectiveDate } from '../pricing/effective-date.js';
import { SourceQualitySchema, type Vendor } from '../schemas/entities.js';
import { type Currency, CurrencySchema, type FxKind, FxKindSchema, type FxRate, type HeadToHeadPair, HeadToHeadPairSchema, type PricedModel, PricedModelSchema, type PricePoint, type PriceRegion, PriceRegionSchema, type PriceTier } from '../schemas/pricing.js';
import type { RowIssue } from './shares.js';

/** The columns of the pricing source file (`model_pricing.csv`), all as text. */
export const PRICE_SOURCE_COLUMNS = [
  'vendor',
  'model',
  'license',
  'currency',
  'unit_tokens',
  'input_price',
  'output_price',
  'cached_input_price',
  'tier_min_input_tokens',
  'tier_max_input_tokens',
  'effective_date',
  'url',
  'quote',
  'source_quality',
] as const;
export type RawPriceRow = Partial<Record<(typeof PRICE_SOURCE_COLUMNS)[number], string>>;

/** The columns of the exchange-rate source file (`fx_rates.csv`). */
export const FX_SOURCE_COLUMNS = [
  'date',
  'period',
  'cny_per_usd',
  'kind',
  'publisher',
  'url',
  'quote',
  'source_quality',
] as const;
export type RawFxRow = Partial<Record<(typeof FX_SOURCE_COLUMNS)[number], string>>;

/**
 * The curated mapping from the pricing source's wording to the product's ids (a data file of the
 * bundled dataset): selling platforms → vendor and region, currency wordings, models with their
 * aliases (every spelling a source row uses), and the head-to-head pairs.
 */
export const PricingReferenceSchema = z.object({
  platforms: z.array(
    z.object({
      text: z.string().min(1),
      vendorId: z.string().min(1),
      /** Null: the region follows the currency (CNY → china, USD → international). */
      region: PriceRegionSchema.nullable(),
    }),
  ),
  currencies: z.array(z.object({ text: z.string().min(1), currency: CurrencySchema, note: z.string().nullable() })),
  models: z.array(PricedModelSchema.extend({ aliases: z.array(z.string().min(1)).min(1) })),
  headToHead: z.array(HeadToHeadPairSchema),
});
export type PricingReference = z.infer<typeof PricingReferenceSchema>;

export interface NormalizedPricing {
  models: PricedModel[];
  points: PricePoint[];
  pairs: HeadToHeadPair[];
  issues: RowIssue[];
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ');
const key = (s: string) => squash(s).toLowerCase();

/** "github.com/syaoranwe/LLM-Price", "help.aliyun.com": enough to recognise a source at a glance. */
export function siteOf(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (host === 'github.com' || host === 'raw.githubusercontent.com') {
      const [owner, repo] = u.pathname.split('/').filter((p) => p !== '');
      if (owner && repo) return `github.com/${owner}/${repo}`;
    }
    return u.port ? `${host}:${u.port}` : host;
  } catch {
    return url;
  }
}

const defaultRegion = (c: Currency): PriceRegion => (c === 'CNY' ? 'china' : 'international');

function parseTokens(text: string): number | { error: string } {
  if (!/^\d+$/.test(text)) return { error: `"${text}" is not a whole number of tokens` };
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : { error: `"${text}" is too large` };
}

/**
 * Normalizes pricing rows into cited price points: platform wording → vendor and region, model
 * spelling → model id, currency wording → CNY/USD, the source's price per 1K or per 1M tokens →
 * exact price per 1M tokens, tier bounds → a context-length tier, free-text effective date →
 * parsed date with approximation marked and the text kept. Never throws; each bad row yields
 * issues naming its row (1-based) and column and is left out of `points`.
 */
export function normalizePricing(
  rows: readonly RawPriceRow[],
  ref: PricingReference,
  vendors: readonly Pick<Vendor, 'id'>[],
): NormalizedPricing {
  const issues: RowIssue[] = [];
  const vendorIds = new Set(vendors.map((v) => v.id));
  const platforms = new Map(ref.platforms.map((p) => [key(p.text), p]));
  const currencies = new Map(ref.currencies.map((c) => [key(c.text), c]));
  const modelByAlias = new Map<string, PricingReference['models'][number]>();
  for (const m of ref.models) {
    if (!vendorIds.has(m.vendorId))
      issues.push({ row: null, column: 'model', message: `model ${m.id}: unknown vendor "${m.vendorId}"` });
    for (const a of [m.id, ...m.aliases]) modelByAlias.set(key(a), m);
  }
  for (const p of ref.platforms) {
    if (!vendorIds.has(p.vendorId))
      issues.push({ row: null, column: 'vendor', message: `platform "${p.text}": unknown vendor "${p.vendorId}"` });
  }
  const modelIds = new Set(ref.models.map((m) => m.id));
  for (const pair of ref.headToHead) {
    for (const id of [pair.leftModelId, pair.rightModelId]) {
      if (!modelIds.has(id))
        issues.push({ row: null, column: null, message: `head-to-head ${pair.id}: unknown model "${id}"` });
    }
  }

  const points: PricePoint[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const rowIssues: RowIssue[] = [];
    const fail = (column: string | null, message: string) => rowIssues.push({ row, column, message });
    const cell = (c: (typeof PRICE_SOURCE_COLUMNS)[number]) => squash(raw[c] ?? '');
    const required = (c: (typeof PRICE_SOURCE_COLUMNS)[number]) => {
      const v = cell(c);
      if (v === '') fail(c, 'is empty');
      return v;
    };

    const platformText = required('vendor');
    const platform = platformText === '' ? undefined : platforms.get(key(platformText));
    if (platformText !== '' && !platform)
      fail('vendor', `unknown platform "${platformText}"; add it to pricing-reference.json`);

    const modelText = required('model');
    const model = modelText === '' ? undefined : modelByAlias.get(key(modelText));
    if (modelText !== '' && !model)
      fail('model', `unknown model "${modelText}"; add it or an alias to pricing-reference.json`);
    if (model && platform && model.vendorId !== platform.vendorId) {
      fail('model', `model ${model.id} belongs to ${model.vendorId}, but the row's platform is ${platform.vendorId}'s`);
    }
    const license = required('license');

    const currencyText = required('currency');
    let currency: Currency | undefined;
    let currencyNote: string | null = null;
    if (currencyText !== '') {
      const direct = CurrencySchema.safeParse(currencyText.toUpperCase());
      const mapped = currencies.get(key(currencyText));
      if (direct.success) currency = direct.data;
      else if (mapped) ({ currency, note: currencyNote } = mapped);
      else fail('currency', `"${currencyText}" is not CNY or USD`);
    }

    const unitText = required('unit_tokens');
    const unit = unitText === '1000' ? 1000 : unitText === '1000000' ? 1_000_000 : null;
    if (unitText !== '' && unit === null)
      fail('unit_tokens', `"${unitText}" is not 1000 (per 1K tokens) or 1000000 (per 1M tokens)`);

    const price = (c: 'input_price' | 'output_price' | 'cached_input_price', optional: boolean) => {
      const text = cell(c);
      if (text === '' && optional) return null;
      const parsed = parseDecimal(text);
      if ('error' in parsed) {
        fail(c, parsed.error);
        return null;
      }
      return parsed.value;
    };
    const input = price('input_price', false);
    const output = price('output_price', true);
    const cached = price('cached_input_price', true);

    let tier: PriceTier | null = null;
    const minText = cell('tier_min_input_tokens');
    const maxText = cell('tier_max_input_tokens');
    if (minText !== '' || maxText !== '') {
      if (minText === '') fail('tier_min_input_tokens', 'is empty while tier_max_input_tokens is set');
      else {
        const min = parseTokens(minText);
        const max = maxText === '' ? null : parseTokens(maxText);
        if (typeof min !== 'number') fail('tier_min_input_tokens', min.error);
        if (max !== null && typeof max !== 'number') fail('tier_max_input_tokens', max.error);
        if (typeof min === 'number' && (max === null || typeof max === 'number')) {
          if (max !== null && max <= min)
            fail('tier_max_input_tokens', `${max} is not above the tier's minimum ${min}`);
          else tier = { minInputTokens: min, maxInputTokens: max };
        }
      }
    }

    const effectiveText = required('effective_date');
    const effective = effectiveText === '' ? null : parseEffectiveDate(effectiveText);
    if (effective && 'error' in effective) fail('effective_date', effective.error);

    const url = required('url');
    if (url !== '' && !z.url({ protocol: /^https?$/ }).safeParse(url).success)
      fail('url', `"${url}" is not an http(s) URL`);
    const quote = (raw.quote ?? '').trim();
    if (quote === '') fail('quote', 'is empty: every price needs the text it was read from');
    const qualityText = required('source_quality');
    const quality = SourceQualitySchema.safeParse(qualityText);
    if (qualityText !== '' && !quality.success)
      fail('source_quality', `"${qualityText}" is not one of ${SourceQualitySchema.options.join(', ')}`);

    if (
      rowIssues.length > 0 ||
      !platform ||
      !model ||
      !currency ||
      unit === null ||
      input === null ||
      !effective ||
      'error' in effective ||
      !quality.success
    ) {
      issues.push(...rowIssues);
      return;
    }
    const region = platform.region ?? defaultRegion(currency);
    const id = `p-${hash64([model.id, region, currency, tier?.minInputTokens ?? '', tier?.maxInputTokens ?? '', effective.text, url].join('|'))}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      issues.push({
        row,
        column: null,
        message: `duplicates row ${earlier} (same model, region, currency, tier, date and source)`,
      });
      return;
    }
    seen.set(id, row);
    points.push({
      id,
      datasetRow: row,
      modelId: model.id,
      modelText,
      vendorId: model.vendorId,
      license,
      platform: platformText,
      region,
      currency,
      currencyNote,
      unitTokens: unit,
      sourceInputPrice: cell('input_price'),
      sourceOutputPrice: output === null ? null : cell('output_price'),
      sourceCachedInputPrice: cached === null ? null : cell('cached_input_price'),
      inputPerMTok: perMillionTokens(input, unit),
      outputPerMTok: output === null ? null : perMillionTokens(output, unit),
      cachedInputPerMTok: cached === null ? null : perMillionTokens(cached, unit),
      tier,
      effective,
      source: { url, site: siteOf(url), quote, quality: quality.data },
    });
  });

  const models = ref.models
    .filter((m) => points.some((p) => p.modelId === m.id))
    .map((m) => PricedModelSchema.parse(m));
  return { models, points, pairs: ref.headToHead, issues };
}

const KIND_PATTERNS: Array<[RegExp, FxKind]> = [
  [/central parity/i, 'central-parity'],
  [/monthly average/i, 'monthly-average'],
  [/annual average|yearly average/i, 'annual-average'],
  [/H\.10 noon/i, 'fed-h10-noon'],
  [/spot close/i, 'spot-close'],
];

/** CNY per USD outside this range is almost surely a per-100 quote or a typo. */
const PLAUSIBLE = { min: '5', max: '9' };

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Normalizes exchange-rate rows (CNY per 1 USD): the date column becomes a day, month or year
 * with start and end dates (checked against the `period` column), the kind text becomes one of
 * {@link FxKindSchema}, the rate stays exact decimal text. Never throws.
 */
export function normalizeFxRates(rows: readonly RawFxRow[]): { rates: FxRate[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const rates: FxRate[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const rowIssues: RowIssue[] = [];
    const fail = (column: string | null, message: string) => rowIssues.push({ row, column, message });
    const cell = (c: (typeof FX_SOURCE_COLUMNS)[number]) => squash(raw[c] ?? '');

    const date = cell('date');
    const periodText = cell('period');
    let period: Pick<FxRate, 'periodKind' | 'period' | 'startDate' | 'endDate'> | null = null;
    const m = date.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
    if (!m) fail('date', `"${date}" is not a date like 2024-05-21, 2024-10 or 2024`);
    else {
      const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null];
      const pad = (n: number) => String(n).padStart(2, '0');
      if (mo !== null && (mo < 1 || mo > 12)) fail('date', `"${date}" has no such month`);
      else if (d !== null && mo !== null && (d < 1 || d > lastDay(y, mo)))
        fail('date', `"${date}" is not a calendar date`);
      else if (d !== null) period = { periodKind: 'day', period: date, startDate: date, endDate: date };
      else if (mo !== null)
        period = {
          periodKind: 'month',
          period: date,
          startDate: `${date}-01`,
          endDate: `${date}-${pad(lastDay(y, mo))}`,
        };
      else period = { periodKind: 'year', period: date, startDate: `${y}-01-01`, endDate: `${y}-12-31` };
      const expected = period?.periodKind === 'day' ? 'day' : period ? `${period.periodKind} ${date}` : null;
      if (period && expected && key(periodText) !== expected)
        fail('period', `"${periodText}" does not match the date ${date} (expected "${expected}")`);
    }

    const rateText = cell('cny_per_usd');
    const rate = parseDecimal(rateText);
    if ('error' in rate) fail('cny_per_usd', rate.error);
    else if (dec.cmp(rate.value, PLAUSIBLE.min) < 0 || dec.cmp(rate.value, PLAUSIBLE.max) > 0) {
      fail(
        'cny_per_usd',
        `${rate.value} CNY per USD is outside ${PLAUSIBLE.min}–${PLAUSIBLE.max}: a per-100 quote or a typo?`,
      );
    }
    const kindText = cell('kind');
    const kind = KIND_PATTERNS.find(([re]) => re.test(kindText))?.[1];
    if (!kind) fail('kind', `"${kindText}" is not a known kind of rate (${FxKindSchema.options.join(', ')})`);
    const publisher = cell('publisher');
    if (publisher === '') fail('publisher', 'is empty');
    const url = cell('url');
    if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) fail('url', `"${url}" is not an http(s) URL`);
    const quote = (raw.quote ?? '').trim();
    if (quote === '') fail('quote', 'is empty: every rate needs the text it was read from');
    const quality = SourceQualitySchema.safeParse(cell('source_quality'));
    if (!quality.success)
      fail('source_quality', `"${cell('source_quality')}" is not one of ${SourceQualitySchema.options.join(', ')}`);

    if (rowIssues.length > 0 || !period || 'error' in rate || !kind || !quality.success) {
      issues.push(...rowIssues);
      return;
    }
    const id = `fx-${hash64([period.period, kind, url].join('|'))}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      issues.push({ row, column: null, message: `duplicates row ${earlier} (same date, kind and source)` });
      return;
    }
    seen.set(id, row);
    // The rate stays as published ("7.0560"), only validated.
    rates.push({
      id,
      datasetRow: row,
      ...period,
      cnyPerUsd: rateText,
      kind,
      kindText,
      publisher,
      url,
      quote,
      quality: quality.data,
    });
  });
  return { rates, issues };
}
