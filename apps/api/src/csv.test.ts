import { spawnSync } from 'node:child_process';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CsvColumn } from '@dash/domain';
import { csvStream, toCsv } from './csv.js';

type Row = { a: string | null; b: string | number | null };
const COLUMNS: ReadonlyArray<CsvColumn<Row, null>> = [
  { name: 'a', description: '', value: (r) => r.a },
  { name: 'b,quoted "name"', description: '', value: (r) => r.b },
];

// Every character class csv-stringify and the formula guard treat specially, alone, leading,
// trailing and inside, plus numbers and nulls.
const CELLS: Array<string | number | null> = [
  '', ' ', 'plain', 'a,b', 'a"b', '"', '""', 'a\r\nb', 'a\nb', 'a\rb', 'x\r', '\r\n', '\n', '\r', 'a, "b"\r\nc',
  '=1+1', '+1', '-1', '@x', '\tx', '\rx', '=a,"b"', '-', "'x", '阿里云', 'é', '😀,😀', 0, 1.5, -2, null,
];

/** Everything `stream` sends, as text. */
async function text(stream: AsyncIterable<unknown>) {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

/** `rows` as batches of `size`. */
async function* batchesOf<T>(rows: T[], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('csvStream', () => {
  it('writes exactly the bytes toCsv writes, for every awkward cell, in batches of any size', async () => {
    const rows: Row[] = [];
    for (const a of CELLS) for (const b of CELLS) rows.push({ a: typeof a === 'number' ? String(a) : a, b });
    for (const size of [1, 7, 1000]) expect(await text(csvStream(batchesOf(rows, size), COLUMNS, null))).toBe(toCsv(rows, COLUMNS, null));
    expect(await text(csvStream(batchesOf([], 1), COLUMNS, null))).toBe(toCsv([], COLUMNS, null));
  });

  it("is read back cell for cell by Python's csv module, line breaks inside cells included", async () => {
    const rows: Row[] = CELLS.map((a, i) => ({ a: typeof a === 'number' ? String(a) : a, b: i }));
    const csv = await text(csvStream(batchesOf(rows, 5), COLUMNS, null));
    const script = [
      'import csv, io, json, sys',
      "print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))))",
    ].join('\n');
    const py = spawnSync('python3', ['-c', script], { input: csv, encoding: 'utf8' });
    expect(py.stderr).toBe('');
    const read = JSON.parse(py.stdout) as string[][];
    expect(read[0]).toEqual(['a', 'b,quoted "name"']);
    // One record per row (a lone CR or LF in a cell must not end the record), each cell as
    // written, but for the formula guard's leading quote.
    expect(read.slice(1)).toEqual(
      rows.map((r) => [r.a === null ? '' : /^[=+\-@\t\r]/.test(r.a) ? `'${r.a}` : r.a, String(r.b)]),
    );
  });
});

/** An endless source of batches that counts what was asked of it and whether it was closed. */
function counting(rowsPerBatch: number, cell: string) {
  const state = { batches: 0, closed: false };
  async function* gen(): AsyncGenerator<Row[], void, undefined> {
    try {
      for (;;) {
        state.batches++;
        yield Array.from({ length: rowsPerBatch }, (_, i) => ({ a: cell, b: i }));
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, batches: gen() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `read()` gives the same value over `quietMs`. */
async function settled(read: () => number, quietMs = 300): Promise<number> {
  let last = read();
  for (;;) {
    await sleep(quietMs);
    const now = read();
    if (now === last) return now;
    last = now;
  }
}

describe('a streamed CSV body', () => {
  it('reads batches only as a slow client takes them, and stops reading when the client goes', async () => {
    // ~100 KB per batch, endless: without backpressure it would read until memory ran out.
    const { state, batches } = counting(100, 'x'.repeat(1000));
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      // As Fastify sends a stream: the source is destroyed when the response closes early.
      pipeline(csvStream(batches, COLUMNS, null), res, () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await new Promise<IncomingMessage>((done, fail) =>
        request({ port, host: '127.0.0.1', agent: false }, done).on('error', fail).end(),
      );
      // Read a little, then stop reading: the server fills the socket buffers and must wait.
      let received = 0;
      await new Promise<void>((done) =>
        res.once('data', (d: Buffer) => {
          received += d.length;
          res.pause();
          done();
        }),
      );
      const heldBack = await settled(() => state.batches);
      // What the kernel's loopback buffers hold (a few MB) plus a batch or two, not the endless
      // export: 1000 batches would be 100 MB.
      expect(heldBack).toBeLessThan(200);
      expect(state.closed).toBe(false);
      // Reading again resumes the export.
      res.on('data', (d: Buffer) => (received += d.length));
      res.resume();
      for (let i = 0; i < 100 && state.batches < heldBack + 50; i++) await sleep(50);
      expect(state.batches).toBeGreaterThanOrEqual(heldBack + 50);
      // The client goes away: the source is closed (its finally runs), nothing more is read.
      res.destroy();
      for (let i = 0; i < 100 && !state.closed; i++) await sleep(50);
      expect(state.closed).toBe(true);
      const after = state.batches;
      await sleep(200);
      expect(state.batches).toBe(after);
      expect(received).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('ends with the source, and is destroyed with the error the source throws', async () => {
    async function* two(): AsyncGenerator<Row[], void, undefined> {
      yield [{ a: '1', b: 1 }];
      yield [{ a: '2', b: 2 }];
    }
    expect(await text(csvStream(two(), COLUMNS, null))).toBe(toCsv([{ a: '1', b: 1 }, { a: '2', b: 2 }], COLUMNS, null));

    async function* broken(): AsyncGenerator<Row[], void, undefined> {
      yield [{ a: '1', b: 1 }];
      throw new Error('connection lost');
    }
    const stream = csvStream(broken(), COLUMNS, null);
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toThrow('connection lost');
  });
});
