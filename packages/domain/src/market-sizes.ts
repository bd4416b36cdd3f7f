import Big from 'big.js';
import type { ShareFigureWithSource } from './schemas/api.js';
import type { MarketSize, SizeUnit } from './schemas/market-sizes.js';

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

/** "Canalys (via SCMP copy)" → "Canalys"; "Synergy Research Group as reported by CRN (…)" → "Synergy Research Group". */
export const publisherOf = (text: string) => text.split(/\s+\(|\s+as reported by\s+/)[0]!.trim();

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
