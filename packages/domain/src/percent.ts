/** A percentage as a number (0–100) and exactly as it was published ("18.0" stays "18.0"). */
export interface ParsedPercent {
  value: number;
  text: string;
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/**
 * Parses a published percentage ("35.8", "35.8%", " 33 ") into its value in percent (0–100) and
 * its canonical published text. Returns an error message instead of throwing for anything that is
 * not a plain decimal between 0 and 100: no exponents, no thousands separators, no fractions.
 */
export function parsePercent(raw: string): ParsedPercent | { error: string } {
  const text = raw.trim().replace(/\s*%$/, '');
  if (text === '') return { error: 'is empty' };
  const m = text.match(PERCENT);
  if (!m) return { error: `"${raw}" is not a percentage (expected a number like 35.8)` };
  const canonical = `${Number(m[1])}${m[2] === undefined ? '' : `.${m[2]}`}`;
  const value = Number(canonical);
  if (value > 100) return { error: `${canonical} is more than 100%` };
  return { value, text: canonical };
}

/** Formats a share as published: the stored text plus a percent sign ("35.8%"). */
export function formatPercent(text: string): string {
  return `${text}%`;
}

// Percent texts have at most 4 decimals (see parsePercent): arithmetic on them is done in integer
// ten-thousandths so 100 − 76.8 is 23.2, not 23.199999999999996.
export const PERCENT_SCALE = 10_000;
const SCALE = PERCENT_SCALE;
/** A published percentage ("35.8") as an integer number of ten-thousandths of a percent. */
export const percentUnits = (text: string) => {
  const [int, frac = ''] = text.split('.');
  return Number(int) * SCALE + Number(frac.padEnd(4, '0'));
};
const toUnits = percentUnits;
/** Decimal places of a published percentage ("35.8" → 1). */
export const decimalsOf = (text: string) => text.split('.')[1]?.length ?? 0;

/**
 * Sums published percentages exactly, returning text with as many decimals as the most precise
 * input ("35.8" + "7" → "42.8"), plus the remainder to 100 in the same precision (never below 0).
 */
export function sumPercentTexts(texts: readonly string[]): { sum: string; remainder: string; overfull: boolean } {
  const decimals = Math.max(0, ...texts.map(decimalsOf));
  const units = texts.reduce((acc, t) => acc + toUnits(t), 0);
  const fmt = (u: number) => (u / SCALE).toFixed(decimals);
  return { sum: fmt(units), remainder: fmt(Math.max(0, 100 * SCALE - units)), overfull: units > 100 * SCALE };
}
