import Big from 'big.js';

/**
 * Exact decimal arithmetic for prices, on big.js with a private constructor: divisions (currency
 * conversion, blended prices, ratios) carry 20 decimal places and round half to even; sums and
 * products are exact. Values cross module boundaries as plain decimal strings ("0.8"), never as
 * binary floats.
 */
const Dec = Big();
Dec.DP = 20;
Dec.RM = Big.roundHalfEven;
Dec.NE = -30;
Dec.PE = 40;

export type DecimalText = string;

/** A non-negative decimal as written in a source: digits, optionally a point and more digits. */
export const DECIMAL_PATTERN = /^\d+(?:\.\d+)?$/;

/** Decimal places of converted and divided amounts in results (money per 1M tokens, monthly costs). */
export const RESULT_DP = 6;

const canonical = (b: Big) => {
  const text = b.toFixed();
  return text === '-0' ? '0' : text;
};

/**
 * Parses a price as written in a source ("0.0008", "2.00", " 15 ") into canonical decimal text
 * ("0.0008", "2", "15"). Returns an error message for anything else: signs, exponents, thousands
 * separators, currency symbols.
 */
export function parseDecimal(raw: string): { value: DecimalText } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'is empty' };
  if (!DECIMAL_PATTERN.test(text)) return { error: `"${raw}" is not a plain non-negative decimal (like 0.0008)` };
  return { value: canonical(new Dec(text)) };
}

export const dec = {
  add: (...xs: DecimalText[]): DecimalText => canonical(xs.reduce((s, x) => s.plus(x), new Dec(0))),
  sub: (a: DecimalText, b: DecimalText): DecimalText => canonical(new Dec(a).minus(b)),
  mul: (...xs: DecimalText[]): DecimalText => canonical(xs.reduce((p, x) => p.times(x), new Dec(1))),
  /** a / b rounded half-even to `dp` decimal places (default {@link RESULT_DP}). */
  div: (a: DecimalText, b: DecimalText, dp = RESULT_DP): DecimalText =>
    canonical(new Dec(a).div(b).round(dp, Big.roundHalfEven)),
  /** Rounds half-even to `dp` decimal places. */
  round: (a: DecimalText, dp = RESULT_DP): DecimalText => canonical(new Dec(a).round(dp, Big.roundHalfEven)),
  cmp: (a: DecimalText, b: DecimalText): number => new Dec(a).cmp(b),
  isZero: (a: DecimalText): boolean => new Dec(a).eq(0),
  /** For chart scales only (pixel positions); never for arithmetic or display. */
  toNumber: (a: DecimalText): number => new Dec(a).toNumber(),
};

/**
 * Price per 1M tokens from a source price quoted per `unitTokens` tokens (1000 or 1000000):
 * 0.0008 CNY per 1K → 0.8 CNY per 1M, exactly (a multiplication by 1000, done in decimal).
 */
export function perMillionTokens(price: DecimalText, unitTokens: number): DecimalText {
  return canonical(new Dec(price).times(new Dec(1_000_000).div(unitTokens)));
}

/**
 * Formats decimal text for display with thousands separators, keeping every decimal digit it has
 * ("12345.678" → "12,345.678"). `minDp` pads to at least that many decimals (2 for money).
 */
export function formatDecimal(text: DecimalText, minDp = 0): string {
  const [int = '0', frac = ''] = text.split('.');
  const padded = frac.padEnd(minDp, '0');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return padded ? `${grouped}.${padded}` : grouped;
}
