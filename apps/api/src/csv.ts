import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { stringify as stringifyStream } from 'csv-stringify';
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

/**
 * The same CSV as {@link toCsv}, as a stream: rows are read from `rows` as the client takes them
 * (backpressure), so memory stays flat however many there are. Ends with an error (the response
 * is cut short) if `rows` throws.
 */
export function toCsvStream<Row, Ctx>(rows: AsyncIterable<Row>, columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx): Readable {
  const out = stringifyStream({ header: true, columns: columns.map((c) => c.name), record_delimiter: '\r\n' });
  async function* records() {
    for await (const r of rows) {
      yield columns.map((c) => {
        const v = c.value(r, ctx);
        return typeof v === 'string' ? escapeSpreadsheetCell(v) : v;
      });
    }
  }
  pipeline(Readable.from(records()), out, () => undefined);
  return out;
}
