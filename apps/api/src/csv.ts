import { stringify } from 'csv-stringify/sync';
import { escapeSpreadsheetCell, type CsvColumn } from '@dash/domain';

/**
 * Renders rows as RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break (quotes doubled), and every text cell guarded against spreadsheet
 * formula injection. Numbers are written as they are.
 */
export function toCsv<Row, Ctx>(rows: readonly Row[], columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx): string {
  return stringify(
    rows.map((r) => columns.map((c) => {
      const v = c.value(r, ctx);
      return typeof v === 'string' ? escapeSpreadsheetCell(v) : v;
    })),
    { header: true, columns: columns.map((c) => c.name), record_delimiter: '\r\n' },
  );
}

/** `attachment; filename="…"` with an ASCII fallback and the RFC 5987 UTF-8 form. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
