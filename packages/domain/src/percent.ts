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
