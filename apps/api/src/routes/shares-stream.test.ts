import { randomBytes } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { importShareFigures } from '@dash/store';
import { shareReference, validateShareRows } from '../data/share-import.js';
import { syntheticShareRows } from '../testing/synthetic.js';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

const ds = bundledDataset();
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;

let whole: TestApp;
let streaming: TestApp;
afterEach(async () => {
  await whole.close();
  if (streaming !== whole) await streaming.close();
});

const QUERIES = [
  '',
  '?market=china-cloud-infra',
  '?vendor=alibaba-cloud,volcano-engine',
  '?from=2024Q1&to=2025H2&publisher=canalys',
  '?asOf=2999-12-31',
  '?market=china-cloud-infra&asOf=2999-12-31T00:00:00Z&vendor=alibaba-cloud',
];

describe('GET /api/v1/shares.csv of more rows than fit in memory', () => {
  it('streams byte for byte the CSV it renders whole, with the row count of a current-state export', async () => {
    whole = await buildTestApp();
    // The same data, and an export of more than 10 rows streams.
    streaming = await buildTestApp(undefined, { csvStreamAfterRows: 10 });
    for (const app of [whole, streaming]) {
      const source = ds.sources.find((s) => s.id === target.sourceId)!;
      await importShareFigures(
        app.store.db,
        { figures: [{ ...target, sharePctText: '33.5', sharePct: 33.5, quote: '=33.5, "revised"' }], sources: [source], groups: [] },
        { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'fix' } },
      );
    }
    let streamed = 0;
    for (const q of QUERIES) {
      const url = `/api/v1/shares.csv${q}`;
      const a = await whole.app.inject(url);
      const b = await streaming.app.inject(url);
      expect(a.statusCode, url).toBe(200);
      expect(b.statusCode, url).toBe(200);
      expect(b.body, url).toBe(a.body);
      expect(b.headers['content-type'], url).toBe(a.headers['content-type']);
      expect(b.headers['content-disposition'], url).toBe(a.headers['content-disposition']);
      const rows = a.body.split('\r\n').length - 2;
      expect(a.headers['x-row-count'], url).toBe(String(rows));
      if (rows > 10) {
        streamed++;
        // Sent as it is read: no length known up front.
        expect(b.headers['content-length'], url).toBeUndefined();
        expect(b.headers['transfer-encoding'], url).toBe('chunked');
        // A current-state export is counted first; an as-of one is not known until it ends.
        expect(b.headers['x-row-count'], url).toBe(q.includes('asOf') ? undefined : String(rows));
      } else {
        expect(b.headers['x-row-count'], url).toBe(String(rows));
      }
    }
    expect(streamed).toBeGreaterThanOrEqual(4);
  });
});

describe('a streamed GET /api/v1/shares.csv on a real socket', () => {
  /** An app over the bundled data plus `n` synthetic figures with ~2 KB random quotes (~2 MB per 1000). */
  async function bigApp(n: number) {
    const app = await buildTestApp(undefined, { csvStreamAfterRows: 10 });
    const rows = syntheticShareRows(n).map((r) => ({ ...r, quote: `${r.quote}: ${randomBytes(1000).toString('hex')}` }));
    const { write, issues } = validateShareRows({ rows, issues: [] }, await shareReference(app.store));
    expect(issues).toEqual([]);
    await importShareFigures(app.store.db, write, { mode: 'import', changeset: { kind: 'import', actor: 't', description: 'big' } });
    // Count the readers the route opens and closes, and the rows it reads from them.
    const state = { opened: 0, closed: 0, rows: 0 };
    const open = app.store.openReader.bind(app.store);
    app.store.openReader = () => {
      const reader = open();
      state.opened++;
      return {
        db: reader.db,
        async *batches(query, size) {
          for await (const b of reader.batches(query, size)) {
            state.rows += b.length;
            yield b;
          }
        },
        async close() {
          state.closed++;
          await reader.close();
        },
      };
    };
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.app.server.address() as AddressInfo;
    return { app, state, port };
  }

  const get = (port: number, headers: Record<string, string> = {}) =>
    new Promise<IncomingMessage>((done, fail) =>
      request({ port, host: '127.0.0.1', path: '/api/v1/shares.csv', headers, agent: false }, done).on('error', fail).end(),
    );
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function until(ok: () => boolean) {
    for (let i = 0; i < 200 && !ok(); i++) await sleep(50);
  }
  /** Waits until `read()` gives the same value over 300 ms. */
  async function settled(read: () => number) {
    for (let last = read(); ; ) {
      await sleep(300);
      const now = read();
      if (now === last) return now;
      last = now;
    }
  }

  it('reads the database only as fast as a slow client reads, and an aborted download closes the query', async () => {
    const { app, state, port } = await bigApp(8000);
    whole = app;
    streaming = app;
    const res = await get(port);
    expect(res.statusCode).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const total = Number(res.headers['x-row-count']);
    expect(total).toBeGreaterThan(8000);
    await new Promise<void>((done) => res.once('data', () => (res.pause(), done())));
    // The client stops reading: the export waits with ~16 MB still unread in the database.
    const held = await settled(() => state.rows);
    expect(held).toBeLessThan(total / 2);
    expect(state).toMatchObject({ opened: 1, closed: 0 });
    // The client goes away: the query stops where it is and its connection is closed.
    res.destroy();
    await until(() => state.closed === 1);
    expect(state).toMatchObject({ opened: 1, closed: 1 });
    // At most the batch being read when the client went.
    expect(state.rows - held).toBeLessThanOrEqual(1000);
  });

  it('answers other requests while a big export is being sent to a client that reads as fast as it can', async () => {
    // The export reads its rows in index order, a batch per event-loop turn, so no request waits
    // for it: neither for a sort of the whole result before its first row nor for its last byte.
    const { app, state, port } = await bigApp(4000);
    whole = app;
    streaming = app;
    const path = (p: string) =>
      new Promise<{ status: number; body: string }>((done, fail) =>
        request({ port, host: '127.0.0.1', path: p, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => done({ status: res.statusCode ?? 0, body }));
        })
          .on('error', fail)
          .end(),
      );
    const order: string[] = [];
    const res = await get(port);
    expect(res.statusCode).toBe(200);
    const exported = new Promise<number>((done) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => (order.push('export'), done(bytes)));
    });
    await new Promise<void>((done) => res.once('data', () => done()));
    const others = Promise.all([
      path('/api/v1/health').then((r) => (order.push('health'), r)),
      path('/api/v1/markets').then((r) => (order.push('markets'), r)),
    ]);
    const [health, markets] = await others;
    expect(health.status).toBe(200);
    expect(markets.status).toBe(200);
    expect(await exported).toBeGreaterThan(4000 * 2000);
    expect(order.at(-1)).toBe('export');
    expect(state).toMatchObject({ opened: 1, closed: 1 });
  });

  it('streams gzip and br when asked, the same CSV once decoded, and closes the query when aborted', async () => {
    const { app, state, port } = await bigApp(3000);
    whole = app;
    streaming = app;
    const plain = await app.app.inject('/api/v1/shares.csv');
    for (const [encoding, decode] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const) {
      const res = await get(port, { 'accept-encoding': encoding });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-length']).toBeUndefined();
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      expect(decode(Buffer.concat(chunks)).toString('utf8')).toBe(plain.body);
    }
    const opened = state.opened;
    expect(state.closed).toBe(opened);
    const res = await get(port, { 'accept-encoding': 'gzip' });
    await new Promise<void>((done) => res.once('data', () => done()));
    res.destroy();
    await until(() => state.closed === opened + 1);
    expect(state).toMatchObject({ opened: opened + 1, closed: opened + 1 });
  });
});
