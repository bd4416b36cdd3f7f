import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { escapeSpreadsheetCell, type CsvColumn } from '@dash/domain';

/**
 * Renders rows as RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, CR or LF alone included (quotes doubled), and every text cell guarded against spreadsheet
 * formula injection. Numbers are written as they are.
 */
export function toCsv<Row, Ctx>(rows: readonly Row[], columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx): string {
  return stringify(
    rows.map((r) => columns.map((c) => {
      const v = c.value(r, ctx);
      return typeof v === 'string' ? escapeSpreadsheetCell(v) : v;
    })),
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR,
    // which every CSV reader takes for a line end: quote those too (RFC 4180 allows any line
    // break inside a quoted field).
    { header: true, columns: columns.map((c) => c.name), record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

/** `attachment; filename="…"` with an ASCII fallback and the RFC 5987 UTF-8 form. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** One CSV cell exactly as {@link toCsv} writes it (csv-stringify's rules for these options). */
function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'string' ? escapeSpreadsheetCell(v) : String(v);
  // As toCsv: quoted when it holds a quote, a comma or any line break (CR or LF, alone or
  // together), quotes doubled; csv.test.ts pins this against csv-stringify.
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const NEEDS_QUOTES = /[",\r\n]/;

/** The header line of {@link toCsv} for `columns`, CRLF included. */
export function csvHeader<Row, Ctx>(columns: ReadonlyArray<CsvColumn<Row, Ctx>>): string {
  return `${columns.map((c) => csvCell(c.name)).join(',')}\r\n`;
}

/**
 * The data lines {@link toCsv} writes for `rows`, CRLF after each, as one string: the same
 * bytes, built without csv-stringify's per-row records (a streamed export formats a whole batch
 * of rows at a time).
 */
export function csvLines<Row, Ctx>(rows: readonly Row[], columns: ReadonlyArray<CsvColumn<Row, Ctx>>, ctx: Ctx): string {
  let out = '';
  for (const r of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) out += ',';
      out += csvCell(columns[i]!.value(r, ctx));
    }
    out += '\r\n';
  }
  return out;
}

/**
 * A CSV body as a stream that reads `batches` only as the client takes the text: `read()` asks
 * for the next batch only when what was pushed before has drained below the stream's
 * high-water mark, so a slow client holds at most a batch or two in the server, never the
 * export. `head` (the header line, and any rows already read) goes first. One promise per batch,
 * none per row. Destroying the stream (the client went away, a compressor failed) ends
 * `batches` with `return()`, which closes the query and releases its connection; an error from
 * `batches` destroys the stream (the response is cut short).
 *
 * A batch is formatted and pushed `rowsPerChunk` rows at a time: strings of a few tens of KB
 * die young (a scavenge frees them), where one string per 1000-row batch (~0.5 MB) would be
 * allocated in V8's large-object space and freed only by full collections, which at a million
 * rows let the heap swing by ~100 MB. The next batch is read in `setImmediate`, so a client
 * that reads as fast as the server writes does not starve other requests' I/O and timers.
 */
export function csvBatchStream<Row>(
  head: string,
  batches: AsyncGenerator<Row[], void, undefined>,
  format: (rows: Row[]) => string,
  options: { highWaterMark?: number; rowsPerChunk?: number } = {},
): Readable {
  const rowsPerChunk = options.rowsPerChunk ?? 100;
  let pulling = false;
  let started = false;
  const stream: Readable = new Readable({
    highWaterMark: options.highWaterMark ?? 64 * 1024,
    read() {
      if (!started) {
        started = true;
        if (head !== '' && !stream.push(head)) return;
      }
      if (pulling) return;
      pulling = true;
      setImmediate(pull);
    },
    destroy(err, callback) {
      // return() waits for a batch being read, then runs the generator's finally blocks.
      batches.return(undefined).then(
        () => callback(err),
        (closeErr: unknown) => callback(err ?? (closeErr as Error)),
      );
    },
  });
  const pull = () => {
    if (stream.destroyed) return;
    batches.next().then(
      (next) => {
        pulling = false;
        if (stream.destroyed) return;
        if (next.done) {
          stream.push(null);
          return;
        }
        let pushed = false;
        for (let i = 0; i < next.value.length; i += rowsPerChunk) {
          const text = format(i === 0 && next.value.length <= rowsPerChunk ? next.value : next.value.slice(i, i + rowsPerChunk));
          if (text !== '') {
            stream.push(text);
            pushed = true;
          }
        }
        // push('') would end this read without asking for another: ask for the next batch.
        if (!pushed) stream.read(0);
      },
      (err: unknown) => {
        pulling = false;
        stream.destroy(err as Error);
      },
    );
  };
  return stream;
}
