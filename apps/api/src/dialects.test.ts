import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, loadBundledDataset, type Store } from '@dash/store';
// The store's test databases: SQLite always, PostgreSQL when DATABASE_URL is set.
import { TEST_DIALECTS } from '../../../packages/store/src/testing/dialects.js';
import { buildApp, type App } from './app.js';
import { bundledDataset, buildTestApp, type TestApp } from './testing/test-app.js';

// Answers that must not depend on the database behind the API.
const URLS = [
  '/api/v1/vendors',
  '/api/v1/markets',
  '/api/v1/sources',
  '/api/v1/shares',
  '/api/v1/shares?vendor=huawei-cloud&from=2023Q1&publisher=CANALYS',
  '/api/v1/shares.csv',
  '/api/v1/shares.csv?market=china-enterprise-llm-usage',
  '/api/v1/shares?market=nope',
  '/api/v1/price-models',
  '/api/v1/fx-rates',
  '/api/v1/prices.csv?currency=USD',
  '/api/v1/price-history?currency=CNY',
  '/api/v1/cost-estimate?inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000&at=2024-05-31&currency=USD',
];

describe.each(TEST_DIALECTS)('API on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: App;
  let reference: TestApp;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
    await loadBundledDataset(store.db, bundledDataset());
    app = await buildApp({ store });
    reference = await buildTestApp();
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
    await reference.close();
  });

  it(`reports ${dialect.name} in /api/v1/health with all 112 figures`, async () => {
    const res = await app.inject('/api/v1/health');
    expect(res.json()).toEqual({
      status: 'ok',
      database: dialect.dialect,
      datasetVersion: bundledDataset().version,
      figures: 112,
    });
  });

  it('answers every query byte for byte as the SQLite reference does', async () => {
    for (const url of URLS) {
      const [got, want] = await Promise.all([app.inject(url), reference.app.inject(url)]);
      expect(got.statusCode, url).toBe(want.statusCode);
      expect(got.headers['content-type'], url).toBe(want.headers['content-type']);
      expect(got.body, url).toBe(want.body);
    }
  });
});
