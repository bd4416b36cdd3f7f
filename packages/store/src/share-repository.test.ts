import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import type { ShareFigure, ShareFigureWithSource, ShareQuery } from '@dash/domain';
import { migrate, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { findShares } from './share-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();
const sourceById = new Map(ds.sources.map((s) => [s.id, s]));
const publisherOf = (f: ShareFigure) => sourceById.get(f.sourceId)!.publisher;

// The documented order: market, then period (by end date; the shorter period first when two end
// on the same day), then subject name, publisher and id, comparing text by code units so every
// database gives the same order whatever its collation.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const documentedOrder = (a: ShareFigure, b: ShareFigure) =>
  byText(a.marketId, b.marketId) ||
  byText(a.period.endDate, b.period.endDate) ||
  byText(b.period.startDate, a.period.startDate) ||
  byText(a.subjectName, b.subjectName) ||
  byText(publisherOf(a), publisherOf(b)) ||
  byText(a.id, b.id);

/** What findShares should return for a predicate over the bundled figures, in the documented order. */
const expectedIds = (keep: (f: ShareFigure) => boolean) =>
  ds.figures
    .filter(keep)
    .sort(documentedOrder)
    .map((f) => f.id);

describe.each(TEST_DIALECTS)('findShares on $name', (dialect) => {
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

  const ids = async (query: ShareQuery) => (await findShares(store.db, query)).map((f) => f.id);

  it('returns all 112 figures in the documented order when not filtered', async () => {
    expect(await ids({})).toEqual(expectedIds(() => true));
  });

  it('returns each figure exactly as loaded, with its source', async () => {
    const all = await findShares(store.db, {});
    for (const f of all) {
      const { source, ...figure } = f;
      expect(figure).toEqual(ds.figures.find((x) => x.id === f.id));
      expect(source).toEqual(sourceById.get(f.sourceId));
    }
  });

  it('filters by market', async () => {
    const got = await ids({ market: 'china-ai-cloud' });
    expect(got).toEqual(expectedIds((f) => f.marketId === 'china-ai-cloud'));
    expect(got).toHaveLength(6);
    expect(await ids({ market: 'no-such-market' })).toEqual([]);
  });

  it('gives the Omdia China AI cloud 2025H1 figures with exact values and source fields', async () => {
    const got = await findShares(store.db, { market: 'china-ai-cloud', from: '2025H1', to: '2025H1' });
    expect(got.map((f) => [f.subjectName, f.sharePctText])).toEqual([
      ['Alibaba Cloud', '35.8'],
      ['Baidu AI Cloud', '6.1'],
      ['Huawei Cloud', '13.1'],
      ['Tencent Cloud', '7'],
      ['Volcano Engine', '14.8'],
    ]);
    expect(got[0]!.source).toEqual({
      id: got[0]!.sourceId,
      publisher: 'Omdia',
      title: 'Omdia China AI Cloud Market, 1H25 (SCMP coverage via Sentifin)',
      url: 'https://www.sentifin.ai/20250910090028-fcf0c47d',
      publishedDate: '2025-09-10',
      quality: 'secondary',
    });
  });

  it('filters by vendor, including a combined figure when any of its members is selected', async () => {
    const got = await findShares(store.db, { vendor: ['huawei-cloud'], market: 'china-cloud-infra' });
    expect(got.map((f) => f.id)).toEqual(
      expectedIds((f) => f.marketId === 'china-cloud-infra' && f.vendorIds.includes('huawei-cloud')),
    );
    const groups = got.filter((f) => f.subjectKind === 'group');
    // Canalys reported the top-three total for 2023Q2, 2023Q4, 2024Q1–Q3 and 2025Q1.
    expect(groups.map((f) => [f.period.label, f.sharePctText])).toEqual([
      ['2023Q2', '72'],
      ['2023Q4', '74'],
      ['2024Q1', '72'],
      ['2024Q2', '71'],
      ['2024Q3', '70'],
      ['2025Q1', '61'],
    ]);
    // Members in the order the source named them, not the order of the filter or of the ids.
    for (const g of groups) expect(g.vendorIds).toEqual(['alibaba-cloud', 'huawei-cloud', 'tencent-cloud']);
  });

  it('filters by several vendors (any of them) and returns each figure once', async () => {
    const got = await ids({ vendor: ['aws', 'google-cloud'] });
    const expected = expectedIds((f) => f.vendorIds.includes('aws') || f.vendorIds.includes('google-cloud'));
    expect(got).toEqual(expected);
    expect(new Set(got).size).toBe(got.length);
  });

  it('filters by period range by dates: from the start of `from` to the end of `to`', async () => {
    const from = '2025-01-01';
    const to = '2025-06-30';
    const got = await ids({ from: '2025Q1', to: '2025H1' });
    expect(got).toEqual(expectedIds((f) => f.period.startDate >= from && f.period.endDate <= to));
    // The full year 2025 ends after 2025H1, so the Omdia 2025 figure (38.1) is not in the range.
    const shares = await findShares(store.db, { from: '2025Q1', to: '2025H1', market: 'china-ai-cloud' });
    expect(shares.map((f) => f.period.label)).not.toContain('2025');
    expect(shares).toHaveLength(5);
  });

  it('filters by from or to alone', async () => {
    expect(await ids({ from: '2025' })).toEqual(expectedIds((f) => f.period.startDate >= '2025-01-01'));
    expect(await ids({ to: '2019' })).toEqual(expectedIds((f) => f.period.endDate <= '2019-12-31'));
    expect((await ids({ to: '2019' })).length).toBe(8);
  });

  it('filters by publisher case-insensitively', async () => {
    const expected = expectedIds((f) => publisherOf(f) === 'Canalys');
    expect(expected).toHaveLength(51);
    expect(await ids({ publisher: 'Canalys' })).toEqual(expected);
    expect(await ids({ publisher: 'canalys' })).toEqual(expected);
    expect(await ids({ publisher: 'CANALYS' })).toEqual(expected);
    expect(await ids({ publisher: 'frost & sullivan' })).toEqual(
      expectedIds((f) => publisherOf(f) === 'Frost & Sullivan'),
    );
    expect(await ids({ publisher: 'Canal' })).toEqual([]);
  });

  it('combines every filter', async () => {
    const query: ShareQuery = {
      market: 'china-cloud-infra',
      vendor: ['baidu-ai-cloud'],
      from: '2021Q1',
      to: '2021',
      publisher: 'canalys',
    };
    const got: ShareFigureWithSource[] = await findShares(store.db, query);
    expect(got.map((f) => f.id)).toEqual(
      expectedIds(
        (f) =>
          f.marketId === 'china-cloud-infra' &&
          f.vendorIds.includes('baidu-ai-cloud') &&
          f.period.startDate >= '2021-01-01' &&
          f.period.endDate <= '2021-12-31' &&
          publisherOf(f) === 'Canalys',
      ),
    );
    expect(got.map((f) => `${f.period.label} ${f.sharePctText}`).sort()).toEqual([
      '2021Q1 7.2',
      '2021Q2 7.8',
      // Two sources disagree for 2021Q3: both are returned, never averaged.
      '2021Q3 8.2',
      '2021Q3 8.8',
    ]);
    expect(new Set(got.filter((f) => f.period.label === '2021Q3').map((f) => f.source.url)).size).toBe(2);
  });
});
