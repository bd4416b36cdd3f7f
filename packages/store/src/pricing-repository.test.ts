import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { listFxRates, listPricedModels, listPricePairs, listPricePoints } from './pricing-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();

describe.each(TEST_DIALECTS)('pricing repository on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('round-trips every price point, rate, model and pair exactly (decimals as text)', async () => {
    await loadBundledDataset(store.db, ds);
    expect(await listPricePoints(store.db)).toEqual(ds.pricing.points);
    expect(await listFxRates(store.db)).toEqual(ds.pricing.fxRates);
    expect(await listPricedModels(store.db)).toEqual(ds.pricing.models);
    expect(await listPricePairs(store.db)).toEqual(ds.pricing.pairs);
    expect((await listPricePoints(store.db)).length).toBe(65);
    expect((await listFxRates(store.db)).length).toBe(66);
  });

  it('keeps exact decimals such as 0.00003 per 1K (0.03 per 1M) and the rate 7.0560 as published', async () => {
    await loadBundledDataset(store.db, ds);
    const flash = (await listPricePoints(store.db, { model: ['qwen-flash'] })).find(
      (p) => p.tier?.minInputTokens === 0,
    )!;
    expect([flash.sourceCachedInputPrice, flash.cachedInputPerMTok]).toEqual(['0.00003', '0.03']);
    expect((await listFxRates(store.db)).find((r) => r.period === '2023-05-24')!.cnyPerUsd).toBe('7.0560');
  });

  it('filters by vendor, model and region, keeping whole offers', async () => {
    await loadBundledDataset(store.db, ds);
    const seed = await listPricePoints(store.db, { model: ['doubao-seed-1.6'] });
    expect(seed.map((p) => [p.region, p.currency, p.tier?.minInputTokens])).toEqual([
      ['china', 'CNY', 0],
      ['international', 'USD', 0],
      ['international', 'USD', 128000],
    ]);
    const intl = await listPricePoints(store.db, {
      vendor: ['alibaba-cloud', 'volcano-engine'],
      region: 'international',
    });
    expect([...new Set(intl.map((p) => p.modelId))].sort()).toEqual([
      'doubao-seed-1.6',
      'doubao-seed-1.6-flash',
      'qwen-turbo',
      'qwen3-max',
    ]);
    expect(await listPricePoints(store.db, { model: ['no-such-model'] })).toEqual([]);
  });

  it('replacing the dataset twice leaves one copy of the pricing data', async () => {
    await loadBundledDataset(store.db, ds);
    await loadBundledDataset(store.db, ds);
    expect((await listPricePoints(store.db)).length).toBe(65);
    expect((await listFxRates(store.db)).length).toBe(66);
  });

  it('a failed load leaves the previous prices in place (one transaction)', async () => {
    await loadBundledDataset(store.db, ds);
    const broken = {
      ...ds,
      pricing: { ...ds.pricing, points: [...ds.pricing.points, { ...ds.pricing.points[0]!, modelId: 'not-a-model' }] },
    };
    await expect(loadBundledDataset(store.db, { ...broken, version: 'ds-broken' })).rejects.toThrow();
    expect((await listPricePoints(store.db)).length).toBe(65);
  });
});
