import type { MarketEvent } from './schemas/events.js';
import type { CsvColumn } from './share-csv.js';

/*
 * Market events (price cuts, releases, open-sourcing, leadership changes, reports) from
 * `events.csv`, for annotating trend and price-history charts. A date is kept as precise as its
 * source gives it: an exact day, a month, or an approximate date (a day or a month); month and
 * approximate dates are never turned into an exact day.
 */

export const EVENT_COLUMNS = ['date', 'date_precision', 'kind', 'vendors', 'title', 'detail', 'url', 'quote', 'source_quality'] as const;
export type RawEventRow = Partial<Record<(typeof EVENT_COLUMNS)[number], string>>;

export const EVENT_KINDS = ['pricing', 'release', 'licensing', 'leadership', 'strategy', 'report', 'other'] as const;
export const EVENT_PRECISIONS = ['day', 'month', 'approx'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of a `2024-05` or `2024-05-15` date, or null when it is not a real date. */
export function eventDateRange(date: string): { startDate: string; endDate: string; day: boolean } | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (m[3] === undefined) return { startDate: `${m[1]}-${m[2]}-01`, endDate: `${m[1]}-${m[2]}-${pad(last)}`, day: false };
  const d = Number(m[3]);
  if (d < 1 || d > last) return null;
  return { startDate: date, endDate: date, day: true };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date in words, never more precise than the source: "15 May 2024", "May 2024", "c. 11 Jul 2025", "c. Sep 2024". */
export function formatEventDate(e: Pick<MarketEvent, 'date' | 'precision'>): string {
  const [y, m, d] = e.date.split('-');
  const month = MONTHS[Number(m) - 1] ?? m;
  const text = d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
  return e.precision === 'approx' ? `c. ${text}` : text;
}

export const EVENT_PRECISION_RULE =
  'date_precision says how precise a date is: day (that exact day), month (sometime in that month) or approx (approximately that day or month). start_date and end_date are the first and last day the event may fall on; charts draw month and approximate dates as such, never as an exact day.';

/** Columns of `/events.csv`, one row per event. */
export const EVENT_CSV_COLUMNS: ReadonlyArray<CsvColumn<MarketEvent, { companyNames: ReadonlyMap<string, string> }>> = [
  { name: 'event_id', description: 'stable id (hash of date, title and URL)', value: (e) => e.id },
  { name: 'date', description: 'the date as the source gives it (2024-05-15 or 2024-05)', value: (e) => e.date },
  { name: 'date_precision', description: 'day, month or approx', value: (e) => e.precision },
  { name: 'start_date', description: 'first day the event may fall on', value: (e) => e.startDate },
  { name: 'end_date', description: 'last day the event may fall on', value: (e) => e.endDate },
  { name: 'kind', description: EVENT_KINDS.join(', '), value: (e) => e.kind },
  { name: 'vendors', description: 'vendors as the source names them, separated by "; "', value: (e) => e.vendorNames.join('; ') },
  { name: 'company_ids', description: 'parent company ids, separated by "; "', value: (e) => e.companyIds.join('; ') },
  {
    name: 'companies',
    description: 'parent company names, separated by "; "',
    value: (e, ctx) => e.companyIds.map((id) => ctx.companyNames.get(id) ?? id).join('; '),
  },
  { name: 'title', description: 'what happened', value: (e) => e.title },
  { name: 'detail', description: 'more detail, as written in the dataset', value: (e) => e.detail },
  { name: 'source_url', description: 'the page it was read on', value: (e) => e.url },
  { name: 'source_quality', description: 'primary, press, community or secondary', value: (e) => e.quality },
  { name: 'quote', description: 'the sentence it was read from, verbatim', value: (e) => e.quote },
];
