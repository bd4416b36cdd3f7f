import type { Period, PeriodKind } from './schemas/period.js';

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;
/** The years {@link parsePeriod} accepts. */
export const isSupportedYear = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

function build(year: number, kind: PeriodKind, index: number): Period {
  const [firstMonth, months] =
    kind === 'quarter' ? [(index - 1) * 3 + 1, 3] : kind === 'half' ? [(index - 1) * 6 + 1, 6] : [1, 12];
  const lastMonth = firstMonth + months - 1;
  const label = kind === 'quarter' ? `${year}Q${index}` : kind === 'half' ? `${year}H${index}` : `${year}`;
  return {
    label,
    kind,
    startDate: `${year}-${pad(firstMonth)}-01`,
    endDate: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
  };
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

// Spellings seen in analyst coverage, mapped to [year, kind, index].
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => [number, PeriodKind, number]]> = [
  [/^(\d{4})$/, (m) => [fullYear(m[1]!), 'year', 1]],
  [/^(?:FY|CY)\s?(\d{4})$/, (m) => [fullYear(m[1]!), 'year', 1]],
  [/^(\d{4})\s*[-\s]?\s*Q([1-4])$/, (m) => [fullYear(m[1]!), 'quarter', Number(m[2])]],
  [/^Q([1-4])\s*[-\s]?\s*(\d{4}|\d{2})$/, (m) => [fullYear(m[2]!), 'quarter', Number(m[1])]],
  [/^([1-4])Q(\d{2}|\d{4})$/, (m) => [fullYear(m[2]!), 'quarter', Number(m[1])]],
  [/^(\d{4})\s*[-\s]?\s*H([12])$/, (m) => [fullYear(m[1]!), 'half', Number(m[2])]],
  [/^H([12])\s*[-\s]?\s*(\d{4}|\d{2})$/, (m) => [fullYear(m[2]!), 'half', Number(m[1])]],
  [/^([12])H(\d{2}|\d{4})$/, (m) => [fullYear(m[2]!), 'half', Number(m[1])]],
];

/**
 * Parses a period label as analysts write it (`2025Q1`, `Q1 2025`, `1Q25`, `2025H1`, `1H25`,
 * `H1 2025`, `2025`, `FY2025`) into a canonical {@link Period}. Returns `null` when the label is
 * not a period; never throws.
 */
export function parsePeriod(raw: string): Period | null {
  const text = raw.trim().toUpperCase();
  for (const [re, toParts] of PATTERNS) {
    const m = text.match(re);
    if (!m) continue;
    const [year, kind, index] = toParts(m);
    if (!isSupportedYear(year)) return null;
    return build(year, kind, index);
  }
  return null;
}

/** Human label as the product shows it: `2025 Q1`, `2025 H1`, `2025`. */
export function formatPeriod(label: string): string {
  return label.replace(/^(\d{4})([QH]\d)$/, '$1 $2');
}

/**
 * Orders periods by end date, then by length (a quarter sorts before the year ending on the same
 * day), so "latest" means "ends last, most specific".
 */
export function comparePeriods(a: Period, b: Period): number {
  if (a.endDate !== b.endDate) return a.endDate < b.endDate ? -1 : 1;
  if (a.startDate !== b.startDate) return a.startDate > b.startDate ? -1 : 1;
  return 0;
}
