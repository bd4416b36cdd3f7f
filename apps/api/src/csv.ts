import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { stringify, type Options } from 'csv-stringify/sync';
import { escapeSpreadsheetCell, type CsvColumn } from '@dash/domain';

/**
 * csv-stringify's options for every export: CRLF line ends, and a field holding a lone LF or CR
 * quoted too (csv-stringify quotes one holding the record delimiter, CRLF, but every CSV reader
 * takes a lone LF or CR for a line end; RFC 4180 allows any line break inside a quoted field).
 */
const OPTIONS: Options = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ };

/** The cells of `rows`, every text cell guarded against spreadsheet formula injection. */
const records = <Row, Ctx>(rows: readonly Row[], columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx) =>
  rows.map((r) =>
    columns.map((c) => {
      const v = c.value(r, ctx);
      return typeof v === 'string' ? escapeSpreadsheetCell(v) : v;
    }),
  );

/**
 * Renders rows as RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, CR or LF alone included (quotes doubled), and every text cell
 * guarded against spreadsheet formula injection. Numbers are written as they are.
 */
export function toCsv<Row, Ctx>(rows: readonly Row[], columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx): string {
  return stringify(records(rows, columns, ctx), { ...OPTIONS, header: true, columns: columns.map((c) => c.name) });
}

/** Rows formatted per csv-stringify call in a streamed export: strings of tens of KB. */
const ROWS_PER_CHUNK = 100;

/**
 * The bytes {@link toCsv} writes for every row of `batches`, as a stream read only as the client
 * takes it (`Readable.from` asks for the next batch when what it pushed has drained), formatted by
 * csv-stringify {@link ROWS_PER_CHUNK} rows at a time. Destroying the stream (the client went away,
 * a compressor failed) ends `batches` with `return()`, which closes its query; an error from
 * `batches` destroys the stream (the response is cut short). The next batch is read after
 * `setImmediate`, so a client that reads as fast as the server writes does not starve other
 * requests' I/O and timers.
 */
export function csvStream<Row, Ctx>(batches: AsyncIterable<Row[]>, columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx): Readable {
  async function* text() {
    yield toCsv([], columns, ctx);
    for await (const rows of batches) {
      for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) yield stringify(records(rows.slice(i, i + ROWS_PER_CHUNK), columns, ctx), OPTIONS);
      await setImmediate();
    }
  }
  return Readable.from(text(), { objectMode: false });
}

/** `attachment; filename="…"` with an ASCII fallback and the RFC 5987 UTF-8 form. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
