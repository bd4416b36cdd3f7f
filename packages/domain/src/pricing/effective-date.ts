import type { EffectiveDate } from '../schemas/effective-date.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** "late 2024" → the first day of its last quarter; "early 2024" → its first day. */
const SEASONS: Record<string, { month: number; label: string }> = {
  early: { month: 1, label: 'the start of the year' },
  late: { month: 10, label: 'the start of its last quarter' },
};

/**
 * Parses a free-text effective date (see {@link EffectiveKindSchema}). Returns an error message,
 * instead of throwing, for text that names a date that does not exist ("2024-02-30").
 */
export function parseEffectiveDate(raw: string): EffectiveDate | { error: string } {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { error: 'is empty: write "undated (…)" when the source gives no date' };
  const lower = text.toLowerCase();
  const base = { text, to: null as string | null };

  // Checked first: "as of late 2024 (page lists qwen-max-2024-09-19)" names a model version, not a date.
  const season = lower.match(/\b(early|late) (\d{4})\b/);
  if (season) {
    const s = SEASONS[season[1]!]!;
    const from = `${season[2]}-${pad(s.month)}-01`;
    return {
      ...base,
      kind: 'season',
      from,
      approximate: true,
      note: `the source says "${season[0]}"; placed at ${s.label} (${from})`,
    };
  }

  const day = lower.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (day) {
    const iso = day[0];
    if (!isRealDate(iso)) return { error: `"${iso}" is not a calendar date` };
    if (/^before\b/.test(lower)) {
      return {
        ...base,
        kind: 'before',
        from: null,
        to: iso,
        approximate: true,
        note: `in force before ${iso}; the source does not say since when`,
      };
    }
    const snapshot = /\bsnapshot\b|^as of\b|\bper source\b/.test(lower);
    return snapshot
      ? {
          ...base,
          kind: 'snapshot',
          from: iso,
          approximate: true,
          note: `seen in force on ${iso}; it may have started earlier`,
        }
      : { ...base, kind: 'day', from: iso, approximate: false, note: null };
  }

  const orLater = lower.match(/\b(\d{4})(?:-(\d{2}))? or later\b/);
  if (orLater) {
    const month = orLater[2] ? Number(orLater[2]) : 1;
    if (month < 1 || month > 12) return { error: `"${orLater[0]}" has no such month` };
    const from = `${orLater[1]}-${pad(month)}-01`;
    return {
      ...base,
      kind: 'on-or-after',
      from,
      approximate: true,
      note: `undated; the source says ${orLater[2] ? `${orLater[1]}-${orLater[2]}` : orLater[1]} or later, so it is placed at ${from}`,
    };
  }

  const isoMonth = lower.match(/\b(\d{4})-(\d{2})\b/);
  const namedMonth = lower.match(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{4})\b/);
  if (isoMonth || namedMonth) {
    const year = Number(isoMonth ? isoMonth[1] : namedMonth![2]);
    const month = isoMonth ? Number(isoMonth[2]) : MONTHS.indexOf(namedMonth![1]!) + 1;
    if (month < 1 || month > 12) return { error: `"${(isoMonth ?? namedMonth)![0]}" has no such month` };
    const from = `${year}-${pad(month)}-01`;
    return {
      ...base,
      kind: 'month',
      from,
      approximate: true,
      note: `only the month is known (${year}-${pad(month)}); placed at its first day`,
    };
  }

  if (/\bundated\b/.test(lower)) {
    return {
      ...base,
      kind: 'undated',
      from: null,
      approximate: true,
      note: 'undated: shown among current prices, not placed in the price history',
    };
  }
  return {
    error: `"${text}" has no date this parser understands (expected e.g. 2024-05-21, "2024-05-23 (snapshot)", "Dec 2024", "late 2024", "2025-09 or later", "before 2024-05-21" or "undated (…)")`,
  };
}
