import Big from 'big.js';
import { z } from 'zod';
import type { ShareFigureWithSource } from './api.js';
import { PartialDateSchema, SourceQualitySchema, type Market } from './entities.js';
import { hash64 } from './ids.js';
import type { RowIssue } from './normalize-shares.js';
import { PeriodSchema, parsePeriod } from './period.js';

export const MARKET_SIZE_COLUMNS = [
  'market',
  'region',
  'period',
  'period_start',
  'period_end',
  'value',
  'unit',
  'publisher',
  'published_date',
  'url',
  'quote',
  'source_quality',
] as const;
export type RawMarketSizeRow = Partial<Record<(typeof MARKET_SIZE_COLUMNS)[number], string>>;

export const SizeUnitSchema = z.enum([
  'USD billions',
  'CNY billions',
  'tokens trillions',
  'tokens trillions per day',
  'tokens trillions per week',
]);
export type SizeUnit = z.infer<typeof SizeUnitSchema>;

/**
 * A market's total as a publisher stated it. `marketId` is set when the total's market definition
 * is one of the share markets (so a share of it can be turned into an absolute estimate), null for
 * context totals of other markets. `value` is the decimal as published. Forecasts and lower bounds
 * ("exceeded 10 trillion") are kept but never multiplied.
 */
export const MarketSizeSchema = z.object({
  id: z.string().regex(/^z-[0-9a-f]{16}$/),
  marketId: z.string().nullable(),
  marketText: z.string().min(1),
  region: z.string(),
  periodText: z.string().min(1),
  period: PeriodSchema.nullable(),
  forecast: z.boolean(),
  value: z.string().regex(/^\d+(?:\.\d+)?$/),
  unit: SizeUnitSchema,
  lowerBound: z.boolean(),
  /** The analyst firm, without the "(via …)" of the citing page. */
  publisher: z.string().min(1),
  publisherText: z.string().min(1),
  publishedDate: PartialDateSchema.nullable(),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
  datasetRow: z.number().int().positive(),
});
export type MarketSize = z.infer<typeof MarketSizeSchema>;

/** "Canalys (via SCMP copy)" → "Canalys"; "Synergy Research Group as reported by CRN (…)" → "Synergy Research Group". */
export const publisherOf = (text: string) => text.split(/\s+\(|\s+as reported by\s+/)[0]!.trim();

/**
 * Normalizes market-size rows. A row whose market wording is listed in a share market's
 * `sizeNames` is attached to that market (and must then have a parsable period); other rows are
 * kept as context totals. Never throws; each bad row becomes issues naming row and column.
 */
export function normalizeMarketSizes(
  rows: readonly RawMarketSizeRow[],
  markets: readonly Pick<Market, 'id' | 'sizeNames'>[],
): { sizes: MarketSize[]; issues: RowIssue[] } {
  const byName = new Map<string, string>();
  for (const m of markets) for (const n of m.sizeNames) byName.set(n.trim().toLowerCase(), m.id);
  const issues: RowIssue[] = [];
  const sizes: MarketSize[] = [];
  rows.forEach((raw, i) => {
    const row = i + 1;
    const before = issues.length;
    const fail = (column: string, message: string) => issues.push({ row, column, message });
    const cell = (c: (typeof MARKET_SIZE_COLUMNS)[number]) => (raw[c] ?? '').trim();

    const marketText = cell('market');
    if (marketText === '') fail('market', 'is empty');
    const marketId = byName.get(marketText.toLowerCase()) ?? null;
    const periodText = cell('period');
    const forecast = /\(forecast\)/i.test(periodText);
    const period = parsePeriod(periodText.replace(/\s*\(forecast\)\s*$/i, ''));
    if (periodText === '') fail('period', 'is empty');
    else if (marketId && !period) fail('period', `"${periodText}" is not a period (expected 2025Q1, 2025H1 or 2025)`);
    if (period) {
      for (const [col, expected] of [
        ['period_start', period.startDate],
        ['period_end', period.endDate],
      ] as const) {
        const stated = cell(col);
        if (stated !== '' && stated !== expected) fail(col, `${stated} does not match period ${period.label} (${expected})`);
      }
    }
    const value = cell('value');
    if (!/^\d+(?:\.\d+)?$/.test(value)) fail('value', `"${value}" is not a decimal number`);
    const unitText = cell('unit');
    const lowerBound = /\(lower bound/i.test(unitText);
    const unit = SizeUnitSchema.safeParse(unitText.replace(/\s*\(lower bound[^)]*\)\s*$/i, ''));
    if (!unit.success) fail('unit', `"${unitText}" is not one of ${SizeUnitSchema.options.join(', ')}`);
    const publisherText = cell('publisher');
    if (publisherText === '') fail('publisher', 'is empty');
    const published = cell('published_date');
    if (published !== '' && !PartialDateSchema.safeParse(published).success) fail('published_date', `"${published}" is not a date`);
    const url = cell('url');
    if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) fail('url', `"${url}" is not an http(s) URL`);
    const quote = cell('quote');
    if (quote === '') fail('quote', 'is empty: every total needs the sentence it was read from');
    const quality = SourceQualitySchema.safeParse(cell('source_quality'));
    if (!quality.success) fail('source_quality', `"${cell('source_quality')}" is not one of ${SourceQualitySchema.options.join(', ')}`);
    if (issues.length > before || !unit.success || !quality.success) return;

    sizes.push({
      id: `z-${hash64(`${marketText}|${periodText}|${value}|${url}`)}`,
      marketId,
      marketText,
      region: cell('region'),
      periodText,
      period,
      forecast,
      value,
      unit: unit.data,
      lowerBound,
      publisher: publisherOf(publisherText),
      publisherText,
      publishedDate: published === '' ? null : published,
      url,
      quote,
      quality: quality.data,
      datasetRow: row,
    });
  });
  return { sizes, issues };
}

const significantDigits = (text: string) => text.replace('.', '').replace(/^0+/, '').length || 1;

const UNIT_FORMAT: Record<SizeUnit, (v: string) => string> = {
  'USD billions': (v) => `US$${v} bn`,
  'CNY billions': (v) => `CNY ${v} bn`,
  'tokens trillions': (v) => `${v} trillion tokens`,
  'tokens trillions per day': (v) => `${v} trillion tokens a day`,
  'tokens trillions per week': (v) => `${v} trillion tokens a week`,
};

/** Formats a total as its unit reads ("CNY 22.3 bn", "536.7 trillion tokens"). */
export const formatSize = (value: string, unit: SizeUnit) => UNIT_FORMAT[unit](value);

/**
 * A derived absolute figure: a share times the total of the same publisher, market definition and
 * period. `value` is the exact product; `display` is rounded to the significant digits of the less
 * precise input (at least two), so no precision is invented.
 */
export interface AbsoluteEstimate {
  figureId: string;
  sizeId: string;
  value: string;
  display: string;
  unit: SizeUnit;
  size: MarketSize;
}

/** Totals a share figure may be multiplied by: same market, period and publisher; no forecast or lower bound. */
export function matchingSizes(figure: Pick<ShareFigureWithSource, 'marketId' | 'period' | 'source'>, sizes: readonly MarketSize[]) {
  return sizes.filter(
    (s) =>
      s.marketId === figure.marketId &&
      s.period?.label === figure.period.label &&
      s.publisher.toLowerCase() === figure.source.publisher.toLowerCase() &&
      !s.forecast &&
      !s.lowerBound,
  );
}

/**
 * Absolute estimates for one figure: one per matching total (two totals from two pages of the
 * same publisher give two estimates, shown side by side, never averaged). Empty when no total
 * matches: then no absolute number may be shown.
 */
export function absoluteEstimates(
  figure: Pick<ShareFigureWithSource, 'id' | 'marketId' | 'period' | 'source' | 'sharePctText'>,
  sizes: readonly MarketSize[],
): AbsoluteEstimate[] {
  return matchingSizes(figure, sizes).map((size) => {
    const exact = new Big(figure.sharePctText).times(size.value).div(100);
    const digits = Math.max(2, Math.min(significantDigits(figure.sharePctText), significantDigits(size.value)));
    // toPrecision keeps significant trailing zeros ("3.30"); large values come back as "2.6e+2".
    const precise = exact.toPrecision(digits);
    const rounded = precise.includes('e') ? new Big(precise).toFixed() : precise;
    return { figureId: figure.id, sizeId: size.id, value: exact.toString(), display: formatSize(rounded, size.unit), unit: size.unit, size };
  });
}
