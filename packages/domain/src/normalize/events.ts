import { z } from 'zod';
import { EVENT_COLUMNS, eventDateRange, type RawEventRow } from '../events.js';
import { hash64 } from '../ids.js';
import { type Company, SourceQualitySchema, type Vendor } from '../schemas/entities.js';
import { EventKindSchema, EventPrecisionSchema, type MarketEvent } from '../schemas/events.js';
import type { RowIssue } from './shares.js';

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
