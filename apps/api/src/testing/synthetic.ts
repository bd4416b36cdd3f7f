import { stringify } from 'csv-stringify/sync';
import { SHARE_SOURCE_COLUMNS } from '@dash/domain/schemas';

/** One row of the share import format (the columns of market-shares.csv). */
export type ShareRow = Record<(typeof SHARE_SOURCE_COLUMNS)[number], string>;

/**
 * `n` valid share rows numbered from `first`, each from its own (fictional, example.com) page and
 * publisher so no market-period sums over 100%, and rows with different numbers never name the same
 * figure. Test data only: never import it into a real database.
 */
export function syntheticShareRows(n: number, first = 0): ShareRow[] {
  const vendors = ['Alibaba Cloud', 'Huawei Cloud', 'Tencent Cloud', 'Baidu AI Cloud', 'Volcano Engine'];
  return Array.from({ length: n }, (_, k) => {
    const i = first + k;
    const year = 1990 + (i % 100);
    return {
      vendor: vendors[i % vendors.length]!,
      parent_company: '',
      market: 'China (mainland) cloud infrastructure services',
      region: 'China',
      period: `${year}Q${(i % 4) + 1}`,
      period_start: '',
      period_end: '',
      metric: 'revenue/spend share (IaaS+PaaS+hosted private cloud, customer spend)',
      value_percent: `${(i % 50) + 1}.5`,
      publisher: `Synthetic Research ${i}`,
      report_title: `Synthetic report ${i}`,
      published_date: '2026-01',
      url: `https://example.com/synthetic/${i}`,
      quote: `Synthetic test figure ${i}`,
      source_quality: 'secondary',
    };
  });
}

/**
 * A large, valid share CSV for tests and measurements: the rows of {@link syntheticShareRows}.
 * Test data only: never import it into a real database.
 */
export function syntheticShareCsv(n: number, first = 0): string {
  return stringify(syntheticShareRows(n, first), {
    header: true,
    columns: [...SHARE_SOURCE_COLUMNS],
    record_delimiter: '\r\n',
  });
}
