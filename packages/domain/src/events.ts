import { z } from 'zod';
import { listParam, singleParam } from './api.js';
import { SlugSchema, SourceQualitySchema, type Company, type Vendor } from './entities.js';
import { hash64 } from './ids.js';
import type { RowIssue } from './normalize-shares.js';
import type { CsvColumn } from './share-csv.js';

/*
 * Market events (price cuts, releases, open-sourcing, leadership changes, reports) from
 * `events.csv`, for annotating trend and price-history charts. A date is kept as precise as its
 * source gives it: an exact day, a month, or an approximate date (a day or a month); month and
 * approximate dates are never turned into an exact day.
 */

export const EVENT_COLUMNS = ['date', 'date_precision', 'kind', 'vendors', 'title', 'detail', 'url', 'quote', 'source_quality'] as const;
export type RawEventRow = Partial<Record<(typeof EVENT_COLUMNS)[number], string>>;

export const EventKindSchema = z.enum(['pricing', 'release', 'licensing', 'leadership', 'strategy', 'report', 'other']);
export type EventKind = z.infer<typeof EventKindSchema>;
export const EventPrecisionSchema = z.enum(['day', 'month', 'approx']);
export type EventPrecision = z.infer<typeof EventPrecisionSchema>;

const IsoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day like 2024-05-15');
/** A calendar day in a query: `2024-02-30` or `2025-13-45` have the shape of a day but name none. */
const IsoDayParamSchema = IsoDaySchema.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar day (expected a day like 2024-05-15)');

/**
 * One cited market event. `date` is the source's date (`2024-05-15` or `2024-05`); `startDate` and
 * `endDate` are the first and last day it may fall on (the same day for a day; the month's first
 * and last day for a month). `precision` is `approx` when the source's date is itself approximate.
 * `vendorNames` are as the source wrote them, `companyIds` the parent companies they resolve to.
 */
export const MarketEventSchema = z.object({
  id: z.string().regex(/^e-[0-9a-f]{16}$/),
  date: z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/),
  precision: EventPrecisionSchema,
  startDate: IsoDaySchema,
  endDate: IsoDaySchema,
  kind: EventKindSchema,
  vendorNames: z.array(z.string().min(1)).min(1),
  companyIds: z.array(SlugSchema).min(1),
  title: z.string().min(1),
  detail: z.string(),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
  datasetRow: z.number().int().positive(),
});
export type MarketEvent = z.infer<typeof MarketEventSchema>;

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

/** How a vendor name in the events file resolves: company id or name, vendor name or alias. */
function companyResolver(companies: readonly Company[], vendors: readonly Vendor[]) {
  const byName = new Map<string, string>();
  const add = (name: string, companyId: string) => {
    const k = name.trim().toLowerCase();
    if (!byName.has(k)) byName.set(k, companyId);
  };
  for (const c of companies) {
    add(c.id, c.id);
    add(c.name, c.id);
    add(c.name.replace(/\s*\(.*\)\s*$/, ''), c.id);
  }
  for (const v of vendors) {
    add(v.name, v.parentId);
    for (const a of v.aliases) add(a, v.parentId);
  }
  return (name: string) => byName.get(name.trim().toLowerCase()) ?? null;
}

/**
 * Normalizes event rows: validates every column, resolves each vendor name to its parent company
 * through the companies and vendors data, and derives the date range from the date and its
 * precision (a `day` needs a day, a `month` a month, `approx` either). Never throws; a row with a
 * problem becomes issues naming the row (1-based data row) and column, and is left out.
 */
export function normalizeEvents(
  rows: readonly RawEventRow[],
  ref: { companies: readonly Company[]; vendors: readonly Vendor[] },
): { events: MarketEvent[]; issues: RowIssue[] } {
  const resolve = companyResolver(ref.companies, ref.vendors);
  const events: MarketEvent[] = [];
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const before = issues.length;
    const fail = (column: string, message: string) => issues.push({ row, column, message });
    const cell = (c: (typeof EVENT_COLUMNS)[number]) => (raw[c] ?? '').trim();

    const date = cell('date');
    const range = eventDateRange(date);
    if (!range) fail('date', `"${date}" is not a date like 2024-05-15 or 2024-05`);
    const precision = EventPrecisionSchema.safeParse(cell('date_precision'));
    if (!precision.success) fail('date_precision', `"${cell('date_precision')}" is not one of ${EventPrecisionSchema.options.join(', ')}`);
    else if (range && precision.data === 'day' && !range.day) fail('date_precision', `is day but the date "${date}" names a month`);
    else if (range && precision.data === 'month' && range.day) fail('date_precision', `is month but the date "${date}" names a day`);
    const kind = EventKindSchema.safeParse(cell('kind'));
    if (!kind.success) fail('kind', `"${cell('kind')}" is not one of ${EventKindSchema.options.join(', ')}`);
    const vendorNames = cell('vendors')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (vendorNames.length === 0) fail('vendors', 'is empty');
    const companyIds: string[] = [];
    for (const name of vendorNames) {
      const id = resolve(name);
      if (id === null) fail('vendors', `unknown vendor "${name}"; known: ${ref.companies.map((c) => c.name).join(', ')}`);
      else if (!companyIds.includes(id)) companyIds.push(id);
    }
    const title = cell('title');
    if (title === '') fail('title', 'is empty');
    const url = cell('url');
    if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) fail('url', `"${url}" is not an http(s) URL`);
    const quote = cell('quote');
    if (quote === '') fail('quote', 'is empty: every event needs the sentence it was read from');
    const quality = SourceQualitySchema.safeParse(cell('source_quality'));
    if (!quality.success) fail('source_quality', `"${cell('source_quality')}" is not one of ${SourceQualitySchema.options.join(', ')}`);
    if (issues.length > before || !range || !precision.success || !kind.success || !quality.success) return;

    const id = `e-${hash64(`${date}|${title}|${url}`)}`;
    const dup = seen.get(id);
    if (dup !== undefined) {
      fail('title', `duplicates row ${dup} (same date, title and URL)`);
      return;
    }
    seen.set(id, row);
    events.push({
      id,
      date,
      precision: precision.data,
      startDate: range.startDate,
      endDate: range.endDate,
      kind: kind.data,
      vendorNames,
      companyIds,
      title,
      detail: cell('detail'),
      url,
      quote,
      quality: quality.data,
      datasetRow: row,
    });
  });
  return { events, issues };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date in words, never more precise than the source: "15 May 2024", "May 2024", "c. 11 Jul 2025", "c. Sep 2024". */
export function formatEventDate(e: Pick<MarketEvent, 'date' | 'precision'>): string {
  const [y, m, d] = e.date.split('-');
  const month = MONTHS[Number(m) - 1] ?? m;
  const text = d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
  return e.precision === 'approx' ? `c. ${text}` : text;
}

/**
 * Query of `GET /api/v1/events` and its `.csv` twin: `vendor` takes company or vendor ids (a
 * vendor counts as its parent company), `kind` event kinds, `from`/`to` ISO days; an event is
 * included when the days it may fall on overlap [from, to].
 */
export const EventQuerySchema = z
  .object({
    vendor: listParam(SlugSchema).describe('company or vendor ids, e.g. alibaba,volcano-engine'),
    kind: listParam(EventKindSchema).describe(`event kinds: ${EventKindSchema.options.join(', ')}`),
    from: singleParam(IsoDayParamSchema.optional()).describe('first day, e.g. 2024-01-01'),
    to: singleParam(IsoDayParamSchema.optional()).describe('last day, e.g. 2025-12-31'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type EventQuery = z.infer<typeof EventQuerySchema>;

export const EVENT_PRECISION_RULE =
  'date_precision says how precise a date is: day (that exact day), month (sometime in that month) or approx (approximately that day or month). start_date and end_date are the first and last day the event may fall on; charts draw month and approximate dates as such, never as an exact day.';

export const EventsResponseSchema = z.object({
  data: z.array(MarketEventSchema),
  meta: z.object({ count: z.number().int(), precisionRule: z.string(), datasetVersion: z.string() }),
});
export type EventsResponse = z.infer<typeof EventsResponseSchema>;

/** Columns of `/events.csv`, one row per event. */
export const EVENT_CSV_COLUMNS: ReadonlyArray<CsvColumn<MarketEvent, { companyNames: ReadonlyMap<string, string> }>> = [
  { name: 'event_id', description: 'stable id (hash of date, title and URL)', value: (e) => e.id },
  { name: 'date', description: 'the date as the source gives it (2024-05-15 or 2024-05)', value: (e) => e.date },
  { name: 'date_precision', description: 'day, month or approx', value: (e) => e.precision },
  { name: 'start_date', description: 'first day the event may fall on', value: (e) => e.startDate },
  { name: 'end_date', description: 'last day the event may fall on', value: (e) => e.endDate },
  { name: 'kind', description: EventKindSchema.options.join(', '), value: (e) => e.kind },
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
