import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate, openStore, type Store } from './database.js';
import { getDatasetVersion, loadBundledDataset, type BundledData } from './dataset-repository.js';
import { listGroups, listMarkets, listSources, listVendors } from './reference-repository.js';
import { findShares } from './share-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();

async function countRows(store: Store, table: 'share_figures' | 'sources' | 'share_figure_vendors' | 'vendors') {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(TEST_DIALECTS)('dataset repository on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
  });
  afterEach(async () => {
    await cleanup();
  });

  it(`reports the dialect it runs on (${dialect.name})`, () => {
    expect(store.dialect).toBe(dialect.dialect);
  });

  it('migrates idempotently: a second and third migrate change nothing', async () => {
    await migrate(store.db);
    await loadBundledDataset(store.db, ds);
    await migrate(store.db);
    expect(await countRows(store, 'share_figures')).toBe(112);
    expect(await getDatasetVersion(store.db)).toBe(ds.version);
  });

  it('starts empty: no dataset version and no figures', async () => {
    expect(await getDatasetVersion(store.db)).toBeNull();
    expect(await findShares(store.db, {})).toEqual([]);
    expect(await listVendors(store.db)).toEqual([]);
  });

  it('loads the bundled dataset with every figure, source, vendor, market and group', async () => {
    await loadBundledDataset(store.db, ds);
    expect(await getDatasetVersion(store.db)).toBe(ds.version);
    expect(await countRows(store, 'share_figures')).toBe(112);
    expect((await findShares(store.db, {})).length).toBe(112);
    expect(await countRows(store, 'sources')).toBe(ds.sources.length);
    // One link per vendor of each figure: 1 for a vendor figure, one per member for a group.
    expect(await countRows(store, 'share_figure_vendors')).toBe(ds.figures.reduce((n, f) => n + f.vendorIds.length, 0));
    expect((await listVendors(store.db)).map((v) => v.id).sort()).toEqual(ds.vendors.map((v) => v.id).sort());
    expect((await listMarkets(store.db)).map((m) => m.id)).toEqual(ds.markets.map((m) => m.id));
    expect(await listGroups(store.db)).toEqual(expect.arrayContaining(ds.groups));
    expect((await listGroups(store.db)).length).toBe(ds.groups.length);
    expect((await listSources(store.db)).length).toBe(ds.sources.length);
  });

  it('round-trips reference data exactly (aliases in order, markets with their source wordings)', async () => {
    await loadBundledDataset(store.db, ds);
    const vendors = await listVendors(store.db);
    for (const v of ds.vendors) expect(vendors.find((x) => x.id === v.id)).toEqual(v);
    expect(await listMarkets(store.db)).toEqual(ds.markets);
  });

  it('loading twice leaves one copy of everything', async () => {
    await loadBundledDataset(store.db, ds);
    await loadBundledDataset(store.db, ds);
    expect(await countRows(store, 'share_figures')).toBe(112);
    expect(await countRows(store, 'sources')).toBe(ds.sources.length);
    expect(await countRows(store, 'vendors')).toBe(ds.vendors.length);
    const ids = (await findShares(store.db, {})).map((f) => f.id);
    expect(new Set(ids).size).toBe(112);
  });

  it('a newer version that drops figures withdraws them: the current state is exactly the new version', async () => {
    await loadBundledDataset(store.db, ds);
    const smaller: BundledData = {
      ...ds,
      version: 'ds-smaller',
      figures: ds.figures.filter((f) => f.marketId === 'china-ai-cloud'),
    };
    await loadBundledDataset(store.db, smaller);
    expect(await getDatasetVersion(store.db)).toBe('ds-smaller');
    expect((await findShares(store.db, {})).map((f) => f.id).sort()).toEqual(smaller.figures.map((f) => f.id).sort());
  });

  it('a newer version that drops a vendor deletes it unless a figure still refers to it', async () => {
    const usedVendor = ds.vendors.find((v) => v.id === 'alibaba-cloud')!;
    const unused = { ...usedVendor, id: 'example-cloud', name: 'Example Cloud', aliases: [] };
    await loadBundledDataset(store.db, { ...ds, vendors: [...ds.vendors, unused] });
    expect((await listVendors(store.db)).map((v) => v.id)).toContain(unused.id);
    const smaller: BundledData = { ...ds, version: 'ds-fewer-vendors', vendors: ds.vendors.filter((v) => v.id !== usedVendor.id) };
    await loadBundledDataset(store.db, smaller);
    const ids = (await listVendors(store.db)).map((v) => v.id);
    expect(ids).not.toContain(unused.id);
    expect(ids).toContain(usedVendor.id);
  });

  it('rolls back a failing load and leaves the previous data intact', async () => {
    await loadBundledDataset(store.db, ds);
    const before = await findShares(store.db, {});
    // The last figure cites a source that is not in the data: the foreign key fails after every
    // table has already been cleared and most rows written.
    const broken: BundledData = {
      ...ds,
      version: 'ds-broken',
      figures: [...ds.figures.slice(0, 50), { ...ds.figures[50]!, id: 'f-0badf00d', sourceId: 's-00000000' }],
    };
    await expect(loadBundledDataset(store.db, broken)).rejects.toThrow();
    expect(await getDatasetVersion(store.db)).toBe(ds.version);
    expect(await findShares(store.db, {})).toEqual(before);
    expect(await countRows(store, 'sources')).toBe(ds.sources.length);
  });

  it('rolls back a failing first load, leaving the database empty', async () => {
    const broken: BundledData = { ...ds, figures: [{ ...ds.figures[0]!, sourceId: 's-00000000' }] };
    await expect(loadBundledDataset(store.db, broken)).rejects.toThrow();
    expect(await getDatasetVersion(store.db)).toBeNull();
    expect(await countRows(store, 'vendors')).toBe(0);
  });
});

// Several API instances may start at once on one PostgreSQL database, each loading the bundled
// dataset. (SQLite serves one process; its file lock already makes a second writer wait.)
describe.each(TEST_DIALECTS.filter((d) => d.name === 'postgres'))('concurrent loads on $name', (dialect) => {
  it('two servers loading the dataset at the same time both succeed and leave one copy', async () => {
    const { store, url, cleanup } = await dialect.open();
    const second = openStore(url);
    try {
      await migrate(store.db);
      await loadBundledDataset(store.db, ds);
      const results = await Promise.allSettled([
        loadBundledDataset(store.db, { ...ds, version: 'ds-first' }),
        loadBundledDataset(second.db, { ...ds, version: 'ds-second' }),
      ]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
        'fulfilled',
        'fulfilled',
      ]);
      expect(await countRows(store, 'share_figures')).toBe(112);
      expect(await countRows(store, 'share_figure_vendors')).toBe(
        ds.figures.reduce((n, f) => n + f.vendorIds.length, 0),
      );
      expect(['ds-first', 'ds-second']).toContain(await getDatasetVersion(store.db));
    } finally {
      await second.close();
      await cleanup();
    }
  });
});
