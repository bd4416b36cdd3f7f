// Graceful shutdown of the built server (dist/server.js) with work in flight that startup.test.ts
// does not cover: a CSV export that is still streaming when SIGTERM arrives (the client reads
// slowly, so the server is held back mid-stream) arrives whole, and a write whose body is still
// arriving is committed and answered 201. Either way the server then exits 0. No environment knobs.
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findShares, openStore } from '@dash/store';
import { createTokenWithCli, runCliProcess, spawnServer, startSlowRequest, type ServerProcess } from './testing/server-process.js';
import { syntheticShareCsv, syntheticShareRows } from './testing/synthetic.js';

let dir: string;
let server: ServerProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dash-shutdown-'));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGTERM with work in flight', () => {
  it('lets a streaming CSV export finish whole, then exits 0', async () => {
    const db = join(dir, 'big.sqlite');
    // More rows than the export holds in memory (5000): this one streams. Long quotes make it
    // ~10 MB, more than the loopback socket buffers hold, so the server cannot finish it early.
    const file = join(dir, 'rows.csv');
    const padding = ' This sentence pads the quote of a synthetic test figure.'.repeat(30);
    writeFileSync(
      file,
      syntheticShareCsv(5500).replace(/Synthetic test figure (\d+)/g, `Synthetic test figure $1.${padding}`),
    );
    const imported = await runCliProcess(['import', file, '--by', 'test'], { DATABASE_URL: db });
    expect(imported.code, imported.stderr).toBe(0);
    server = await spawnServer({ DATABASE_URL: db, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });

    const res = await new Promise<IncomingMessage>((done, fail) =>
      request(`${server!.origin}/api/v1/shares.csv`, { agent: false }, done).on('error', fail).end(),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const expectedRows = Number(res.headers['x-row-count']);
    expect(expectedRows).toBe(5612);
    const chunks: Buffer[] = [];
    // Read a little, then stop reading: the server's writes back up and the export waits mid-stream.
    await new Promise<void>((done) =>
      res.once('data', (d: Buffer) => {
        chunks.push(d);
        res.pause();
        done();
      }),
    );
    await sleep(300);
    const receivedAtSignal = chunks.reduce((n, c) => n + c.length, 0);
    server.child.kill('SIGTERM');
    await waitFor(() => server!.output().includes('SIGTERM: closing'));
    await sleep(500);
    // Still in flight: the server is waiting for this export to finish, refusing new connections.
    expect(server.output()).not.toContain('"msg":"closed"');
    expect(server.child.exitCode).toBeNull();
    expect(await canConnect(server.port)).toBe(false);
    const whole = new Promise<boolean>((done) => {
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => done(res.complete));
      res.on('close', () => done(res.complete));
    });
    res.resume();
    expect(await whole, 'the export arrived to its end').toBe(true);
    const body = Buffer.concat(chunks);
    expect(receivedAtSignal).toBeLessThan(body.length / 2);
    expect(body.length).toBeGreaterThan(8_000_000);
    const rows = parse(body, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(expectedRows);
    expect(rows.filter((r) => r.quote?.startsWith('Synthetic test figure'))).toHaveLength(5500);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: closing (finishing requests in flight');
    server = undefined;
  });

  it('commits a write whose body is still arriving, answers 201, then exits 0', async () => {
    const db = join(dir, 'db.sqlite');
    server = await spawnServer({ DATABASE_URL: db });
    const token = await createTokenWithCli({ DATABASE_URL: db }, 'shutdown-test');
    const row = syntheticShareRows(1, 424_242)[0]!;
    const body = JSON.stringify(row);
    const { socket, response: answered } = await startSlowRequest(server.port, { body, sentFirst: 20, token });
    await sleep(200);
    server.child.kill('SIGTERM');
    await sleep(300);
    socket.write(body.slice(20));
    expect(await answered).toMatch(/^HTTP\/1\.1 201 /);
    expect(await server.exited).toBe(0);
    server = undefined;
    // The write was committed before the database closed.
    const store = openStore(db);
    try {
      const written = (await findShares(store.db, {})).filter((f) => f.source.url === row.url);
      expect(written.map((f) => f.sharePct)).toEqual([Number(row.value_percent)]);
    } finally {
      await store.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 10_000) {
  for (const until = Date.now() + ms; !condition(); await sleep(50)) {
    if (Date.now() > until) throw new Error('waited 10 s in vain');
  }
}

const canConnect = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
