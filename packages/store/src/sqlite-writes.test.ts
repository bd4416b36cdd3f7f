import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate, openStore, type Store } from './database.js';
import { listAudit, recordAudit } from './audit-repository.js';
import { loadBundledDataset } from './dataset-repository.js';
import { getCurrentFigure, lockForWrite, reviseShareFigure } from './revision-repository.js';

const ds = loadDataset();
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const editor = { kind: 'api' as const, actor: 'editor', description: 'test' };

// Two connections to one SQLite file in one process stand for the server and an import in another
// process. better-sqlite3's busy handler sleeps in the thread: a writer waiting on it would block
// this process entirely, so the other connection (whose code runs on the same event loop) could
// never commit and the wait would end in SQLITE_BUSY after 5 s. Waiting asynchronously, it can.
describe('a SQLite write while another connection holds the write lock', () => {
  let dir: string;
  let server: Store;
  let importer: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dash-sqlite-writes-'));
    server = openStore(join(dir, 'db.sqlite'));
    await migrate(server.db);
    await loadBundledDataset(server.db, ds);
    importer = openStore(join(dir, 'db.sqlite'));
  }, 60_000);
  afterEach(async () => {
    await importer.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits without blocking the process, then goes through when the lock is released', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const importing = importer.db.transaction().execute(async (trx) => {
      await lockForWrite(trx, new Date());
      locked();
      await held;
    });
    await lockTaken;
    const events: string[] = [];
    const write = reviseShareFigure(
      server.db,
      target.id,
      { quote: 'revised while an import ran' },
      { mode: 'import', changeset: editor },
    ).then((r) => {
      events.push('write committed');
      return r;
    });
    // The event loop keeps running while the write waits: reads are answered, the importer commits.
    await new Promise((r) => setTimeout(r, 200));
    expect(await getCurrentFigure(server.db, target.id)).toMatchObject({ quote: target.quote });
    events.push('import releases');
    release();
    await importing;
    const result = await write;
    expect(events).toEqual(['import releases', 'write committed']);
    expect(result?.changesetId).toBe(2);
    expect(await getCurrentFigure(server.db, target.id)).toMatchObject({ quote: 'revised while an import ran' });
  });

  it('records a refused attempt in the audit log the same way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const importing = importer.db.transaction().execute(async (trx) => {
      await lockForWrite(trx, new Date());
      locked();
      await held;
    });
    await lockTaken;
    const audit = recordAudit(server.db, {
      actor: 'anonymous',
      action: 'shares.create',
      target: '(new figure)',
      outcome: 'denied',
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await importing;
    expect((await audit).outcome).toBe('denied');
    expect((await listAudit(server.db, { limit: 1 }))[0]).toMatchObject({ action: 'shares.create', outcome: 'denied' });
  });
});
