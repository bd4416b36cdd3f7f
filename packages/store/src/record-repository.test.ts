import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate, type Store } from './database.js';
import { loadBundledDataset, type BundledData } from './dataset-repository.js';
import { listReleases } from './openness-repository.js';
import { insertOpennessAndSizes } from './openness-repository.js';
import { insertPricing, listPricedModels, listPricePoints } from './pricing-repository.js';
import { importRecords, listRecordRevisions, type PriceRecord } from './record-repository.js';
import { latestChangeset } from './revision-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();
const T1 = new Date('2026-01-10T08:00:00.000Z');
const T2 = new Date('2026-02-10T08:00:00.000Z');
const T3 = new Date('2026-03-10T08:00:00.000Z');
const editor = { kind: 'import' as const, actor: 'Jane Analyst', description: 'import of fix.csv' };
const models = new Map(ds.pricing.models.map((m) => [m.id, m]));
const priceRecord = (i: number): PriceRecord => ({
  ...ds.pricing.points[i]!,
  model: models.get(ds.pricing.points[i]!.modelId)!,
});
const release = ds.openness.releases[0]!;

describe.each(TEST_DIALECTS)('licensing and price revisions on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
    await loadBundledDataset(store.db, ds, T1);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('loads the bundled releases and prices as revision 1 of the bundled change set, and reloading writes nothing', async () => {
    expect(await listRecordRevisions(store.db, 'release', release.id)).toEqual([
      expect.objectContaining({
        revision: 1,
        change: 'added',
        validFrom: T1.toISOString(),
        changeset: expect.objectContaining({ id: 1, kind: 'bundled' }),
      }),
    ]);
    const again = await loadBundledDataset(store.db, { ...ds, version: 'ds-same' }, T2);
    expect(again.releases.counts).toMatchObject({ unchanged: ds.openness.releases.length, added: 0, revised: 0 });
    expect(again.prices.counts).toMatchObject({ unchanged: ds.pricing.points.length, added: 0, revised: 0 });
    expect(again.changesetId).toBeNull();
    expect((await latestChangeset(store.db))?.id).toBe(1);
  });

  it('imports a corrected price as a new revision; the old one stays in the history', async () => {
    const p = priceRecord(0);
    const corrected = { ...p, source: { ...p.source, quote: `${p.source.quote} (checked)` } };
    const result = await importRecords(store.db, 'price', [corrected, priceRecord(1)], { changeset: editor, now: T2 });
    expect(result.counts).toMatchObject({ revised: 1, unchanged: 1 });
    expect(result.changes[0]).toMatchObject({ id: p.id, kind: 'revised', fields: ['source'] });
    expect(result.changesetId).toBe(2);
    expect((await listPricePoints(store.db)).find((x) => x.id === p.id)!.source.quote).toBe(corrected.source.quote);
    const history = await listRecordRevisions(store.db, 'price', p.id);
    expect(history.map((h) => [h.revision, h.record.source.quote, h.changeset.actor])).toEqual([
      [1, p.source.quote, `bundled dataset ${ds.version}`],
      [2, corrected.source.quote, 'Jane Analyst'],
    ]);
    // The same file again changes nothing.
    const again = await importRecords(store.db, 'price', [corrected], { changeset: editor, now: T3 });
    expect(again.changesetId).toBeNull();
    expect((await latestChangeset(store.db))?.id).toBe(2);
  });

  it("keeps an editor's price and release when the bundled data is reloaded or changes them too", async () => {
    const p = priceRecord(0);
    await importRecords(store.db, 'price', [{ ...p, inputPerMTok: '0.81' }], { changeset: editor, now: T2 });
    await importRecords(store.db, 'release', [{ ...release, quote: `${release.quote} (checked)` }], {
      changeset: editor,
      now: T2,
    });
    const v2: BundledData = {
      ...ds,
      version: 'ds-v2',
      pricing: {
        ...ds.pricing,
        points: ds.pricing.points.map((x) => (x.id === p.id ? { ...x, inputPerMTok: '0.9' } : x)),
      },
    };
    const result = await loadBundledDataset(store.db, v2, T3);
    expect(result.prices.changes.find((c) => c.id === p.id)).toMatchObject({
      kind: 'conflict',
      fields: ['inputPerMTok'],
    });
    expect(result.releases.changes.find((c) => c.id === release.id)).toMatchObject({ kind: 'kept' });
    expect((await listPricePoints(store.db)).find((x) => x.id === p.id)!.inputPerMTok).toBe('0.81');
    expect((await listReleases(store.db)).find((x) => x.id === release.id)!.quote).toBe(`${release.quote} (checked)`);
  });

  it('adds a new price point after the bundled ones, with its model, and keeps it across bundled loads', async () => {
    const p = priceRecord(0);
    const next = {
      ...p,
      id: 'p-0000abcd',
      effective: {
        ...p.effective,
        text: '2026-06-01',
        kind: 'day' as const,
        from: '2026-06-01',
        to: null,
        approximate: false,
        note: null,
      },
      datasetRow: 1,
    };
    await importRecords(store.db, 'price', [next], { changeset: editor, now: T2 });
    const points = await listPricePoints(store.db);
    expect(points).toHaveLength(ds.pricing.points.length + 1);
    expect(points[points.length - 1]!).toMatchObject({
      id: 'p-0000abcd',
      datasetRow: Math.max(...ds.pricing.points.map((x) => x.datasetRow)) + 1,
    });
    await loadBundledDataset(store.db, { ...ds, version: 'ds-v2' }, T3);
    expect((await listPricePoints(store.db)).map((x) => x.id)).toContain('p-0000abcd');
    expect((await listPricedModels(store.db)).map((m) => m.id)).toContain(p.modelId);
  });

  it('withdraws a release the bundled data dropped, keeping its history', async () => {
    const v2: BundledData = {
      ...ds,
      version: 'ds-v2',
      openness: { ...ds.openness, releases: ds.openness.releases.slice(1) },
    };
    const result = await loadBundledDataset(store.db, v2, T2);
    expect(result.releases.counts.withdrawn).toBe(1);
    expect((await listReleases(store.db)).map((r) => r.id)).not.toContain(release.id);
    expect((await listRecordRevisions(store.db, 'release', release.id)).map((h) => h.change)).toEqual([
      'added',
      'withdrawn',
    ]);
  });

  it('a failing import writes nothing', async () => {
    const before = await listPricePoints(store.db);
    await expect(
      importRecords(
        store.db,
        'price',
        [
          { ...priceRecord(0), inputPerMTok: '1' },
          { ...priceRecord(0), inputPerMTok: '2' },
        ],
        { changeset: editor, now: T2 },
      ),
    ).rejects.toThrow(/appears twice/);
    expect(await listPricePoints(store.db)).toEqual(before);
    expect((await latestChangeset(store.db))?.id).toBe(1);
  });
});

describe.each(TEST_DIALECTS)('upgrading to licensing and price revisions on $name', (dialect) => {
  it('migration 0006 turns the releases and prices already loaded into revision 1 of a bundled change set', async () => {
    const { store, cleanup } = await dialect.open();
    try {
      await migrate(store.db, { upTo: '0005-revisions' });
      // The database as the release before 0006 left it: releases and points in their tables.
      await store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('companies')
          .values(ds.companies.map((c) => ({ ...c })))
          .execute();
        await trx
          .insertInto('vendors')
          .values(ds.vendors.map((v) => ({ id: v.id, name: v.name, parent_id: v.parentId, country: v.country })))
          .execute();
        await trx
          .insertInto('markets')
          .values(
            ds.markets.map((m, position) => ({
              id: m.id,
              name: m.name,
              region: m.region,
              metric_basis: m.metricBasis,
              metric: m.metric,
              scope: m.scope,
              subject_level: m.subjectLevel,
              short_name: m.shortName,
              position,
            })),
          )
          .execute();
        await insertOpennessAndSizes(trx, ds);
        await insertPricing(trx, ds.pricing);
        await trx
          .insertInto('dataset_meta')
          .values({ key: 'version', value: 'ds-old', updated_at: T1.toISOString() })
          .execute();
      });
      await migrate(store.db);
      const history = await listRecordRevisions(store.db, 'price', ds.pricing.points[0]!.id);
      expect(history).toEqual([expect.objectContaining({ revision: 1, change: 'added', validFrom: T1.toISOString() })]);
      expect(history[0]!.record).toMatchObject({
        ...ds.pricing.points[0],
        model: models.get(ds.pricing.points[0]!.modelId),
      });
      // The next start merges the bundled data on top: the backfilled records are unchanged.
      const result = await loadBundledDataset(store.db, ds, T2);
      expect(result.releases.counts).toMatchObject({ unchanged: ds.openness.releases.length, added: 0, revised: 0 });
      expect(result.prices.counts).toMatchObject({ unchanged: ds.pricing.points.length, added: 0, revised: 0 });
      expect(await listPricePoints(store.db)).toEqual(ds.pricing.points);
      expect(await listReleases(store.db)).toEqual(ds.openness.releases);
    } finally {
      await cleanup();
    }
  });
});
