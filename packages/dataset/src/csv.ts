import { parse } from 'csv-parse/sync';
import type { RowIssue } from '@dash/domain';

/**
 * Parses CSV text with a header row into records keyed by column name. The header must hold
 * exactly `columns` (in any order); a missing or unknown column is a file-level issue, and a row
 * with the wrong number of cells a row issue (the row comes back empty so numbering stays true).
 */
export function parseCsvRecords<C extends string>(
  text: string,
  columns: readonly C[],
): { rows: Array<Partial<Record<C, string>>>; issues: RowIssue[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    return { rows: [], issues: [{ row: null, column: null, message: `not valid CSV: ${(e as Error).message}` }] };
  }
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim());
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(columns as readonly string[]).includes(n));
  const issues: RowIssue[] = [];
  if (missing.length > 0) issues.push({ row: null, column: missing.join(', '), message: `missing column(s): ${missing.join(', ')}` });
  if (unknown.length > 0) issues.push({ row: null, column: unknown.join(', '), message: `unknown column(s): ${unknown.join(', ')}` });
  if (issues.length > 0) return { rows: [], issues };
  const rows: Array<Partial<Record<C, string>>> = [];
  body.forEach((cells, i) => {
    if (cells.length !== names.length) {
      issues.push({ row: i + 1, column: null, message: `has ${cells.length} cells, expected ${names.length}` });
      rows.push({});
      return;
    }
    rows.push(Object.fromEntries(names.map((n, j) => [n, cells[j] ?? ''])) as Partial<Record<C, string>>);
  });
  return { rows, issues };
}

