import { parseCsvRecords } from '@dash/dataset';
import type { RawShareRow, RowIssue, ShareReferenceData } from '@dash/domain';
import { normalizeShares, SHARE_SOURCE_COLUMNS } from '@dash/domain/schemas';
import { listMarkets, listModelFamilyAliases, listVendors, type ShareWrite, type Store } from '@dash/store';

/** Rows read from an import file, and what was wrong with the file or its rows. */
export interface ParsedRows {
  rows: RawShareRow[];
  issues: RowIssue[];
}

const COLUMNS: readonly string[] = SHARE_SOURCE_COLUMNS;

/**
 * Reads share rows from JSON: an array of objects, or `{ "rows": [...] }`, keyed by the CSV's
 * column names. Values are text; a number is taken as written in the JSON (`35.8`), null as empty.
 * Never throws: a malformed file or row is an issue naming the row and key.
 */
export function parseShareJson(text: string): ParsedRows {
  return parseJsonRows(text, COLUMNS) as ParsedRows;
}

/** {@link parseShareJson} for any file's columns. */
export function parseJsonRows(
  text: string,
  columns: readonly string[],
): { rows: Array<Record<string, string>>; issues: RowIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { rows: [], issues: [{ row: null, column: null, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { rows?: unknown }).rows)
      ? (data as { rows: unknown[] }).rows
      : null;
  if (!list) {
    return {
      rows: [],
      issues: [{ row: null, column: null, message: 'expected an array of rows, or an object with a "rows" array' }],
    };
  }
  return parseObjects(list, columns);
}

/**
 * Reads share rows from parsed JSON values (a file's rows, a request body): objects keyed by the
 * CSV's column names with text, number (as written) or null values. Never throws.
 */
export function parseShareObjects(list: readonly unknown[]): ParsedRows {
  return parseObjects(list, COLUMNS) as ParsedRows;
}

/** {@link parseShareObjects} for any file's columns (licensing, prices). */
export function parseObjects(
  list: readonly unknown[],
  columns: readonly string[],
): { rows: Array<Record<string, string>>; issues: RowIssue[] } {
  const COLUMNS = columns;
  const rows: Array<Record<string, string>> = [];
  const issues: RowIssue[] = [];
  list.forEach((item, i) => {
    const row = i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ row, column: null, message: 'is not an object of column names and values' });
      rows.push({});
      return;
    }
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (!COLUMNS.includes(key)) {
        issues.push({ row, column: key, message: `is not a column; expected: ${COLUMNS.join(', ')}` });
      } else if (typeof value === 'string') {
        out[key] = value;
      } else if (typeof value === 'number' && Number.isFinite(value)) {
        out[key] = String(value);
      } else if (value === null || value === undefined) {
        out[key] = '';
      } else {
        issues.push({
          row,
          column: key,
          message: `must be text, a number or null, not ${Array.isArray(value) ? 'a list' : typeof value}`,
        });
      }
    }
    rows.push(out);
  });
  return { rows, issues };
}

/** Reads share rows from a CSV or JSON file, chosen by the file name's extension. */
export function parseShareFile(fileName: string, text: string): ParsedRows {
  if (/\.json$/i.test(fileName)) return parseShareJson(text);
  if (/\.csv$/i.test(fileName)) return parseCsvRecords(text, SHARE_SOURCE_COLUMNS);
  return { rows: [], issues: [{ row: null, column: null, message: `${fileName}: expected a .csv or .json file` }] };
}

/** The vendors, aliases and markets rows are resolved against: the database's, not the bundled files'. */
export async function shareReference(store: Store): Promise<ShareReferenceData> {
  const [vendors, aliases, markets] = await Promise.all([
    listVendors(store.db),
    listModelFamilyAliases(store.db),
    listMarkets(store.db),
  ]);
  return { vendors, aliases, markets };
}

/**
 * Validates and normalizes rows exactly as the bundled data is: vendor and market names resolve
 * through the same aliases, periods and percentages parse the same way, every row needs a URL,
 * a quote and a source quality. Issues (sorted by row) mean nothing may be written.
 */
export function validateShareRows(
  parsed: ParsedRows,
  ref: ShareReferenceData,
): { write: ShareWrite; issues: RowIssue[] } {
  const normalized = normalizeShares(parsed.rows, ref);
  // A row that could not be read (wrong number of cells) is reported once, not once per empty cell.
  const unreadable = new Set(parsed.issues.filter((i) => i.column === null && i.row !== null).map((i) => i.row));
  const issues = [...parsed.issues, ...normalized.issues.filter((i) => !unreadable.has(i.row))].sort(
    (a, b) => (a.row ?? 0) - (b.row ?? 0),
  );
  return { write: { figures: normalized.figures, sources: normalized.sources, groups: normalized.groups }, issues };
}
