import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { listEvents } from './events-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();

describe.each(TEST_DIALECTS)('events repository on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('loads every bundled event with the bundled dataset and returns them exactly, in date order', async () => {
    await loadBundledDataset(store.db, ds);
    const events = await listEvents(store.db);
    expect(events).toHaveLength(79);
    const byDate = [...ds.events.events].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.datasetRow - b.datasetRow);
    expect(events).toEqual(byDate);
  });

  it('filters by company, kind and overlapping dates (a month-dated event counts for every day of its month)', async () => {
    await loadBundledDataset(store.db, ds);
    const bytedancePricing = await listEvents(store.db, { companyIds: ['bytedance'], kinds: ['pricing'] });
    expect(bytedancePricing.length).toBeGreaterThan(0);
    expect(bytedancePricing.every((e) => e.companyIds.includes('bytedance') && e.kind === 'pricing')).toBe(true);
    const may2024 = await listEvents(store.db, { from: '2024-05-01', to: '2024-05-31' });
    expect(may2024.map((e) => e.date)).toEqual(expect.arrayContaining(['2024-05-15', '2024-05-21']));
    // The IDC report dated "2025-03 (approx)" overlaps 2025-03-31 but not 2025-04-01 onwards.
    const idc = (e: { title: string }) => e.title.startsWith('IDC: Volcano Engine holds 46.4%');
    expect((await listEvents(store.db, { from: '2025-03-31', to: '2025-03-31' })).some(idc)).toBe(true);
    expect((await listEvents(store.db, { from: '2025-04-01' })).some(idc)).toBe(false);
  });

  it('reloading the same dataset leaves the events as they were; a dataset without events clears them', async () => {
    await loadBundledDataset(store.db, ds);
    await loadBundledDataset(store.db, ds);
    expect(await listEvents(store.db)).toHaveLength(79);
    const withoutEvents = { ...ds, version: 'ds-noevents', events: { events: [], issues: [], rowCount: 0 } };
    await loadBundledDataset(store.db, withoutEvents);
    expect(await listEvents(store.db)).toEqual([]);
  });
});
