import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { deriveStrategies } from '@dash/domain';
import { migrate, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { listFamilies, listMarketSizes, listReleases } from './openness-repository.js';
import { listMarkets } from './reference-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();

describe.each(TEST_DIALECTS)('openness and market-size repository on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
    await loadBundledDataset(store.db, ds);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('returns families, releases and totals exactly as loaded', async () => {
    expect(await listFamilies(store.db)).toEqual(ds.openness.families);
    expect(await listReleases(store.db)).toEqual(ds.openness.releases);
    expect(await listMarketSizes(store.db)).toEqual(ds.marketSizes.sizes);
    expect(await listMarkets(store.db)).toEqual(ds.markets);
  });

  it('derives the same strategies from stored releases as from the files (Alibaba and ByteDance mixed, Doubao closed)', async () => {
    const { byCompany, byFamily } = deriveStrategies(await listReleases(store.db));
    expect(byCompany.get('alibaba')).toBe('mixed');
    expect(byCompany.get('bytedance')).toBe('mixed');
    expect(byFamily.get('doubao')).toBe('closed');
    expect(byFamily.get('qwen')).toBe('mixed');
  });

  it("filters totals by market and keeps forecasts and lower bounds marked (Omdia's China AI cloud)", async () => {
    const sizes = await listMarketSizes(store.db, 'china-ai-cloud');
    expect(sizes.map((s) => [s.period?.label, s.value, s.forecast, s.publisher])).toEqual([
      ['2024', '20.83', false, 'Omdia'],
      ['2025H1', '22.3', false, 'Omdia'],
      ['2025', '51.8', true, 'Omdia'],
      ['2025', '56.7', false, 'Omdia'],
      ['2030', '193', true, 'Omdia'],
    ]);
  });

  it('replacing the dataset twice leaves one copy of each', async () => {
    await loadBundledDataset(store.db, ds);
    expect(await listReleases(store.db)).toHaveLength(24);
    expect(await listMarketSizes(store.db)).toHaveLength(71);
  });
});
