import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset, type Dataset } from '@dash/dataset';
import type { ShareFigure } from '@dash/domain';
import { listAudit } from './audit-repository.js';
import { migrate, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { listEvents } from './events-repository.js';
import { listMarketSizes, listReleases } from './openness-repository.js';
import { listFxRates, listPricePoints } from './pricing-repository.js';
import { importRecords, listRecordRevisions } from './record-repository.js';
import { importShareFigures, listChanges, listFigureRevisions } from './revision-repository.js';
import { findIdAlias, findShares } from './share-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';
import { withOldIds } from './testing/old-ids.js';

const ds = loadDataset();
const old = withOldIds(ds);
const T1 = new Date('2026-01-10T08:00:00.000Z');
const T2 = new Date('2026-02-10T08:00:00.000Z');
const at = (data: Dataset) =>
  data.figures.findIndex((f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud');
const withValue = (f: ShareFigure, text: string): ShareFigure => ({ ...f, sharePctText: text, sharePct: Number(text) });

/** What the code of the time wrote into `store` from `data`: a bundled load, an import revising a figure, a price import. */
async function history(store: Store, data: Dataset) {
  await loadBundledDataset(store.db, data, T1);
  const target = data.figures[at(data)]!;
  const source = data.sources.find((s) => s.id === target.sourceId)!;
  await importShareFigures(
    store.db,
    { figures: [withValue(target, '33.5')], sources: [source], groups: [] },
    {
      mode: 'import',
      changeset: { kind: 'api', actor: 'token a (00000001)', description: `PATCH /api/v1/shares/${target.id}: fix` },
      audit: { actor: 'token a (00000001)', action: 'shares.revise', target: target.id },
      now: T2,
    },
  );
  const price = data.pricing.points[0]!;
  const model = data.pricing.models.find((m) => m.id === price.modelId)!;
  await importRecords(store.db, 'price', [{ ...price, source: { ...price.source, quote: `${price.source.quote} (checked)` }, model }], {
    changeset: { kind: 'import', actor: 'a', description: 'prices' },
    now: T2,
  });
}

/** Everything a reader sees, current and past. */
async function reads(store: Store) {
  const target = ds.figures[at(ds)]!;
  return {
    shares: await findShares(store.db, {}),
    before: await findShares(store.db, { asOf: '2026-01-31' }),
    figureHistory: await listFigureRevisions(store.db, target.id),
    changes: await listChanges(store.db, { limit: 1000 }),
    priceHistory: await listRecordRevisions(store.db, 'price', ds.pricing.points[0]!.id),
    releases: await listReleases(store.db),
    prices: await listPricePoints(store.db),
    fx: await listFxRates(store.db),
    sizes: await listMarketSizes(store.db),
    events: await listEvents(store.db),
    audit: (await listAudit(store.db, { limit: 10 })).map((a) => ({ action: a.action, target: a.target })),
  };
}

describe.each(TEST_DIALECTS)('migration 0008 (64-bit ids) on $name', (dialect) => {
  let upgraded: { store: Store; cleanup(): Promise<void> };
  let fresh: { store: Store; cleanup(): Promise<void> };
  beforeEach(async () => {
    upgraded = await dialect.open();
    fresh = await dialect.open();
  });
  afterEach(async () => {
    await upgraded.cleanup();
    await fresh.cleanup();
  });

  it('rewrites every id a database of 32-bit ids holds, keeps its history, and maps old ids to new', async () => {
    expect(old.figures[at(old)]!.id).toMatch(/^f-[0-9a-f]{8}$/);
    await migrate(upgraded.store.db, { upTo: '0007-revisions-market-period' });
    await history(upgraded.store, old);
    await migrate(upgraded.store.db);

    await migrate(fresh.store.db);
    await history(fresh.store, ds);

    const expected = await reads(fresh.store);
    expect(expected.shares[0]!.id).toMatch(/^f-[0-9a-f]{16}$/);
    expect(expected.figureHistory).toHaveLength(2);
    expect(expected.priceHistory).toHaveLength(2);
    expect(await reads(upgraded.store)).toEqual(expected);

    for (const [from, to] of [
      [old.figures[at(old)]!.id, ds.figures[at(ds)]!.id],
      [old.sources[0]!.id, ds.sources[0]!.id],
      [old.pricing.points[0]!.id, ds.pricing.points[0]!.id],
      [old.openness.releases[0]!.id, ds.openness.releases[0]!.id],
      [old.events.events[0]!.id, ds.events.events[0]!.id],
    ]) {
      expect(await findIdAlias(upgraded.store.db, from!)).toBe(to);
    }
    expect(await findIdAlias(upgraded.store.db, 'f-00000000')).toBeNull();

    // The next start's bundled load finds the data it holds: nothing added, revised or withdrawn.
    const reload = await loadBundledDataset(upgraded.store.db, { ...ds, version: 'ds-next' }, new Date('2026-03-01T00:00:00Z'));
    for (const counts of [reload.counts, reload.releases.counts, reload.prices.counts]) {
      expect(counts).toMatchObject({ added: 0, revised: 0, withdrawn: 0 });
    }
  });
});
