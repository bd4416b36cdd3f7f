import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { comparePeriods } from '@dash/domain';
import { migrate, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { listCompanies, listGroups, listMarketSummaries, listSources, listVendors } from './reference-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();
// Lists are sorted by code units ("AWS" before "Alibaba Cloud") on every database, whatever its collation.
const sortedByCodeUnits = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe.each(TEST_DIALECTS)('reference repository on $name', (dialect) => {
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

  it('lists vendors, companies, groups and sources in the same order on every database', async () => {
    const vendorNames = (await listVendors(store.db)).map((v) => v.name);
    expect(vendorNames).toEqual(sortedByCodeUnits(ds.vendors.map((v) => v.name)));
    expect(vendorNames.indexOf('AWS')).toBeLessThan(vendorNames.indexOf('Alibaba Cloud'));
    expect((await listCompanies(store.db)).map((c) => c.name)).toEqual(
      sortedByCodeUnits(ds.companies.map((c) => c.name)),
    );
    expect((await listGroups(store.db)).map((g) => g.name)).toEqual(sortedByCodeUnits(ds.groups.map((g) => g.name)));
    const sources = await listSources(store.db);
    const keys = sources.map((s) => `${s.publisher}\u0000${s.title}`);
    expect(keys).toEqual(sortedByCodeUnits(keys));
  });

  it('gives each vendor its parent company, colour and aliases', async () => {
    const volcano = (await listVendors(store.db)).find((v) => v.id === 'volcano-engine');
    expect(volcano).toEqual(ds.vendors.find((v) => v.id === 'volcano-engine'));
    expect(volcano?.parentName).toBe('ByteDance');
    expect(volcano?.color).toBe('#0072B2');
  });

  it('summarizes each market: figure count, periods oldest first, publishers and vendors', async () => {
    const summaries = await listMarketSummaries(store.db);
    expect(summaries.map((m) => m.id)).toEqual(ds.markets.map((m) => m.id));
    expect(summaries.reduce((n, m) => n + m.figureCount, 0)).toBe(112);
    for (const m of summaries) {
      const figures = ds.figures.filter((f) => f.marketId === m.id);
      expect(m.figureCount, m.id).toBe(figures.length);
      const labels = [...new Set(figures.map((f) => f.period.label))];
      expect(
        m.periods.map((p) => p.label),
        m.id,
      ).toEqual(
        labels
          .map((l) => figures.find((f) => f.period.label === l)!.period)
          .sort(comparePeriods)
          .map((p) => p.label),
      );
      expect(m.vendorIds, m.id).toEqual(sortedByCodeUnits([...new Set(figures.flatMap((f) => f.vendorIds))]));
    }
    const aiCloud = summaries.find((m) => m.id === 'china-ai-cloud')!;
    expect(aiCloud.periods).toEqual([
      { label: '2025H1', kind: 'half', startDate: '2025-01-01', endDate: '2025-06-30' },
      { label: '2025', kind: 'year', startDate: '2025-01-01', endDate: '2025-12-31' },
    ]);
    expect(aiCloud.publishers).toEqual(['Omdia']);
    // The China cloud series changes publisher (Canalys, then Omdia for 2025Q4).
    expect(summaries.find((m) => m.id === 'china-cloud-infra')!.publishers).toEqual(['Canalys', 'Omdia']);
    expect(summaries.find((m) => m.id === 'china-enterprise-llm-usage')).toMatchObject({
      subjectLevel: 'model-family',
      metricBasis: 'usage',
      publishers: ['Frost & Sullivan'],
      vendorIds: ['alibaba-cloud', 'deepseek', 'volcano-engine'],
    });
  });

  it('counts the figures of each source, 112 in all', async () => {
    const sources = await listSources(store.db);
    expect(sources).toHaveLength(ds.sources.length);
    expect(sources.reduce((n, s) => n + s.figureCount, 0)).toBe(112);
    for (const s of sources) {
      const { figureCount, ...source } = s;
      expect(source).toEqual(ds.sources.find((x) => x.id === s.id));
      expect(figureCount, s.title).toBe(ds.figures.filter((f) => f.sourceId === s.id).length);
    }
  });
});
