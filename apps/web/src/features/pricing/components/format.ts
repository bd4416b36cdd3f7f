import { formatDecimal, type Currency, type FxUsed } from '@dash/domain';

const SYMBOL: Record<Currency, string> = { CNY: '¥', USD: '$' };

/** "¥0.8", "$1,234.5": exact decimal text with a currency sign, every published digit kept. */
export const money = (text: string | null, currency: Currency) =>
  text === null ? '—' : `${SYMBOL[currency]}${formatDecimal(text)}`;

/** A monthly cost: at least two decimals ("¥12.00"), every further digit kept. */
export const cost = (text: string | null, currency: Currency) =>
  text === null ? '—' : `${SYMBOL[currency]}${formatDecimal(text, 2)}`;

/** "6.7845 CNY per USD (onshore spot close, Trading Economics, 2026-07-03)". */
export const fxLabel = (fx: FxUsed) =>
  `${fx.cnyPerUsd} CNY per USD (${fx.kind.replace(/-/g, ' ')}, ${fx.publisher}, ${fx.ratePeriod})`;

/** Distinct rates used by some rows, for the note under a table. */
export function ratesUsed(fxs: ReadonlyArray<FxUsed | null>): FxUsed[] {
  const out = new Map<string, FxUsed>();
  for (const fx of fxs) if (fx) out.set(`${fx.ratePeriod}|${fx.kind}|${fx.publisher}`, fx);
  return [...out.values()];
}
