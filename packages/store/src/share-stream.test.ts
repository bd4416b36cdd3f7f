import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import type { ShareFigure, ShareFigureWithSource, ShareQuery } from '@dash/domain';
import { migrate, openStore, type Reader, type Store } from './database.js';
import { loadBundledDataset, type BundledData } from './dataset-repository.js';
import { importRecords } from './record-repository.js';
import { importShareFigures } from './revision-repository.js';
import { countShares, findShares, streamShareBatches, streamShares } from './share-repository.js';
import type { Database } from './schema.js';
import { TEST_DIALECTS } from './testing/dialects.js';
import { shareRow, shareWrite } from './testing/share-rows.js';

const ds = loadDataset();
const ref = { vendors: ds.vendors, aliases: ds.aliases, markets: ds.markets };
const T1 = new Date('2026-01-10T08:00:00.000Z');
const T2 = new Date('2026-02-10T08:00:00.000Z');
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const withValue = (f: ShareFigure, text: string): ShareFigure => ({ ...f, sharePctText: text, sharePct: Number(text) });

async function collect(it: AsyncIterable<ShareFigureWithSource>) {
  const out: ShareFigureWithSource[] = [];
  for await (const f of it) out.push(f);
  return out;
}

const QUERIES: ShareQuery[] = [
  {},
  { market: 'china-cloud-infra' },
  { market: 'china-ai-cloud', vendor: ['alibaba-cloud', 'volcano-engine'] },
  { vendor: ['huawei-cloud'] },
  { from: '2024Q1', to: '2025H1' },
  { publisher: 'canalys' },
  { market: 'china-cloud-infra', asOf: '2026-01-31' },
  { asOf: '2026-02-10T09:00:00Z', publisher: 'Canalys', vendor: ['alibaba-cloud'] },
  { asOf: '2025-01-01' },
];

describe.each(TEST_DIALECTS)('streaming shares and the data revision on $name', (dialect) => {
  let store: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, url, cleanup } = await dialect.open());
    await migrate(store.db);
    await loadBundledDataset(store.db, ds, T1);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('streams exactly what findShares returns, in the same order, for every filter and asOf', async () => {
    // A revision after the bundled load, so asOf before and after it differ.
    const source = ds.sources.find((s) => s.id === target.sourceId)!;
    await importShareFigures(
      store.db,
      { figures: [withValue(target, '33.5')], sources: [source], groups: [] },
      { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'fix' }, now: T2 },
    );
    for (const query of QUERIES) {
      const expected = await findShares(store.db, query);
      for (const chunkSize of [1, 7, 1000]) {
        const reader = store.openReader();
        try {
          expect(await collect(streamShares(reader, store.dialect, query, { chunkSize })), JSON.stringify(query)).toEqual(expected);
        } finally {
          await reader.close();
        }
      }
      if (query.asOf === undefined) expect(await countShares(store.db, query), JSON.stringify(query)).toBe(expected.length);
    }
  });

  it('hands out batches of whole market-periods, at least batchSize figures each but the last', async () => {
    const expected = await findShares(store.db, {});
    const groupOf = (f: ShareFigureWithSource) => `${f.marketId}|${f.period.startDate}|${f.period.endDate}`;
    for (const batchSize of [1, 50, 100_000]) {
      const reader = store.openReader();
      try {
        const batches: ShareFigureWithSource[][] = [];
        for await (const b of streamShareBatches(reader, store.dialect, {}, { batchSize })) batches.push(b);
        expect(batches.flat()).toEqual(expected);
        batches.slice(0, -1).forEach((b) => expect(b.length).toBeGreaterThanOrEqual(batchSize));
        for (let i = 1; i < batches.length; i++) expect(groupOf(batches[i]![0]!)).not.toBe(groupOf(batches[i - 1]!.at(-1)!));
        if (batchSize === 100_000) expect(batches).toHaveLength(1);
        else expect(batches.length).toBeGreaterThan(1);
      } finally {
        await reader.close();
      }
    }
  });

  it('reads in the order of an index: SQLite never sorts the whole result before the first row (no temporary B-tree)', async () => {
    // A sort would run on the event loop before the first row (seconds at a million rows, no other
    // request served meanwhile). SQLite's plan for a statement is deterministic without ANALYZE.
    if (dialect.name !== 'sqlite') return;
    // A reader over the same file that records every statement it runs, with its parameters.
    const seen: CompiledQuery[] = [];
    const connection = new SQLite(url, { readonly: true });
    const recording = new Proxy(connection, {
      get(target, prop) {
        if (prop !== 'prepare') return Reflect.get(target, prop, target) as unknown;
        return (text: string) => {
          const statement = target.prepare(text);
          return new Proxy(statement, {
            get(st, name) {
              const value = Reflect.get(st, name, st) as unknown;
              if (name !== 'iterate' && name !== 'all') return typeof value === 'function' ? value.bind(st) : value;
              return (...parameters: unknown[]) => {
                seen.push({ sql: text, parameters: parameters.flat() } as unknown as CompiledQuery);
                return (value as (...a: unknown[]) => unknown).apply(st, parameters);
              };
            },
          });
        };
      },
    });
    // Queries built on its db run on the recording connection.
    const real = store.openReader();
    const reader: Reader = {
      db: new Kysely<Database>({ dialect: new SqliteDialect({ database: recording }) }),
      batches: (query, size) => real.batches(query, size),
      close: async () => {
        await real.close();
        await reader.db.destroy();
      },
    };
    try {
      for (const query of QUERIES) {
        seen.length = 0;
        for await (const b of streamShareBatches(reader, store.dialect, query, { batchSize: 50 })) expect(b.length).toBeGreaterThan(0);
        const reads = seen.filter((q) => /^select/i.test(q.sql));
        expect(reads, JSON.stringify(query)).toHaveLength(1);
        const plan = connection
          .prepare(`explain query plan ${reads[0]!.sql}`)
          .all(...(reads[0]!.parameters as unknown[])) as { detail: string }[];
        const details = plan.map((p) => p.detail);
        expect(details.join('\n'), JSON.stringify(query)).not.toMatch(/TEMP B-TREE/);
        expect(details.join('\n'), JSON.stringify(query)).toMatch(/USING INDEX (share_figures|revisions)_market_period/);
      }
    } finally {
      await reader.close();
    }
  });

  it('stops reading and gives the connection back when the reader stops early', async () => {
    for (const query of [{}, { asOf: '2999-01-01' }]) {
      const reader = store.openReader();
      try {
        const batches = streamShareBatches(reader, store.dialect, query, { batchSize: 5 });
        const first = await batches.next();
        expect(first.done).toBe(false);
        await batches.return(undefined);
        expect((await batches.next()).done).toBe(true);
      } finally {
        await reader.close();
      }
      // The connection is free again: on PGlite (one connection) this would wait forever otherwise.
      expect(await countShares(store.db, {})).toBeGreaterThan(0);
    }
  });

  it('orders by code units within a market-period, whatever the collation (names with case, accents and CJK)', async () => {
    const names = ['Zeta Cloud', 'alpha cloud', 'Émile Cloud', '阿里云 Cloud', 'AWS', 'Alibaba Cloud'];
    const rows = names.map((n, i) =>
      shareRow(ref, { vendor: 'Alibaba Cloud', value_percent: '1', url: `https://example.com/order-${i}`, publisher: n, quote: `${n} 1%` }),
    );
    await importShareFigures(store.db, shareWrite(ref, rows), { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'order' }, now: T2 });
    const query = { market: 'china-cloud-infra', from: '2026Q1' };
    const expected = await findShares(store.db, query);
    expect(expected.map((f) => f.source.publisher)).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const reader = store.openReader();
    try {
      expect(await collect(streamShares(reader, store.dialect, query))).toEqual(expected);
    } finally {
      await reader.close();
    }
  });

  it('changes the data revision with every committed write, and only then', async () => {
    const first = await store.dataRevision();
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    await findShares(store.db, {});
    expect(await store.dataRevision()).toBe(first);

    // An import.
    const source = ds.sources.find((s) => s.id === target.sourceId)!;
    const write = { figures: [withValue(target, '33.5')], sources: [source], groups: [] };
    await importShareFigures(store.db, write, { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'fix' }, now: T2 });
    const second = await store.dataRevision();
    expect(second).not.toBe(first);

    // A refused write (over 100% with the figures held) commits nothing.
    const over = shareWrite(ref, [shareRow(ref, { period: '2025Q1', vendor: 'Baidu AI Cloud', value_percent: '90', url: 'https://example.com/x' })]);
    const refused = await importShareFigures(store.db, { ...over, figures: over.figures.map((f) => ({ ...f, period: target.period })) }, {
      mode: 'import',
      changeset: { kind: 'import', actor: 'a', description: 'too much' },
      now: T2,
    });
    expect(refused.issues.length).toBeGreaterThan(0);
    expect(await store.dataRevision()).toBe(second);

    // A price import and a bundled reload.
    const price = ds.pricing.points[0]!;
    const model = ds.pricing.models.find((m) => m.id === price.modelId)!;
    await importRecords(store.db, 'price', [{ ...price, source: { ...price.source, quality: 'primary' }, model }], {
      changeset: { kind: 'import', actor: 'a', description: 'prices' },
      now: T2,
    });
    const third = await store.dataRevision();
    expect(third).not.toBe(second);
    const bundled: BundledData = { ...ds, version: 'ds-test-reload' };
    await loadBundledDataset(store.db, bundled, T2);
    expect(await store.dataRevision()).not.toBe(third);
  });

  it('sees a write made through another connection (another instance, the import CLI)', async () => {
    // PGlite serves one connection at a time (see testing/dialects.ts); SQLite and a real server take more.
    if (dialect.name === 'pglite') return;
    const before = await store.dataRevision();
    const other = openStore(url);
    try {
      const source = ds.sources.find((s) => s.id === target.sourceId)!;
      await importShareFigures(
        other.db,
        { figures: [withValue(target, '33.5')], sources: [source], groups: [] },
        { mode: 'import', changeset: { kind: 'import', actor: 'cli', description: 'fix.csv' }, now: T2 },
      );
    } finally {
      await other.close();
    }
    expect(await store.dataRevision()).not.toBe(before);
  });
});
