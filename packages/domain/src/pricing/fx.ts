import type { Currency, FxKind, FxRate } from '../schemas/pricing.js';
import { dec, type DecimalText } from './decimal.js';

/** A daily rate older than this many days gives way to the month's or year's average, if any. */
export const FX_MAX_AGE_DAYS = 31;

const DAILY_PREFERENCE: FxKind[] = ['central-parity', 'fed-h10-noon', 'spot-close'];

/** The conversion rule, stated once for the API, the CSV metadata and the UI. */
export const FX_RULE =
  "Prices are converted at the CNY-per-USD rate for the price's date: the latest daily rate dated on or before that day " +
  '(on a day with several, the PBOC central parity fixing first, then the Fed H.10 noon rate, then the spot close). ' +
  `If that rate is more than ${FX_MAX_AGE_DAYS} days older than the day, the monthly average (FRED) of that month is used, ` +
  'else the IRS yearly average of that year, else the old daily rate with its age stated. No rate dated after the day is ever used. ' +
  'CNY→USD divides by the rate, rounded half-even to 6 decimal places; USD→CNY multiplies, exactly.';

export interface FxPick {
  rate: FxRate;
  /** The day whose rate was asked for. */
  date: string;
  /** Days from the rate's last day to `date` (0 when the rate's period covers the day). */
  ageDays: number;
  /** Why this rate: "latest daily rate on or before 2024-05-20 (2024-05-16, 4 days earlier)". */
  note: string;
}

const days = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 864e5);

/** Picks the rate for converting a price dated `date` (ISO day) by {@link FX_RULE}; null when no rate is dated on or before it. */
export function pickFxRate(rates: readonly FxRate[], date: string): FxPick | null {
  const daily = rates
    .filter((r) => r.periodKind === 'day' && r.startDate <= date)
    .sort(
      (a, b) =>
        b.startDate.localeCompare(a.startDate) ||
        DAILY_PREFERENCE.indexOf(a.kind) - DAILY_PREFERENCE.indexOf(b.kind) ||
        a.datasetRow - b.datasetRow,
    )[0];
  const dailyAge = daily ? days(daily.startDate, date) : Infinity;
  if (daily && dailyAge <= FX_MAX_AGE_DAYS) {
    return {
      rate: daily,
      date,
      ageDays: dailyAge,
      note:
        dailyAge === 0
          ? `daily rate of ${date}`
          : `latest daily rate on or before ${date} (${daily.startDate}, ${dailyAge} day${dailyAge === 1 ? '' : 's'} earlier)`,
    };
  }
  for (const kind of ['month', 'year'] as const) {
    const avg = rates.find((r) => r.periodKind === kind && r.startDate <= date && date <= r.endDate);
    if (avg) {
      return {
        rate: avg,
        date,
        ageDays: 0,
        note: `no daily rate within ${FX_MAX_AGE_DAYS} days before ${date}: ${kind === 'month' ? 'monthly' : 'yearly'} average of ${avg.period}`,
      };
    }
  }
  if (daily) {
    return {
      rate: daily,
      date,
      ageDays: dailyAge,
      note: `the newest rate on or before ${date} is from ${daily.startDate}, ${dailyAge} days earlier; no newer rate is in the data`,
    };
  }
  return null;
}

/**
 * Converts an amount between CNY and USD at a picked rate (CNY per 1 USD). Same currency: the
 * amount unchanged. CNY→USD is a division rounded half-even to 6 decimal places; USD→CNY exact.
 */
export function convertAmount(amount: DecimalText, from: Currency, to: Currency, cnyPerUsd: DecimalText): DecimalText {
  if (from === to) return amount;
  return from === 'CNY' ? dec.div(amount, cnyPerUsd) : dec.mul(amount, cnyPerUsd);
}
