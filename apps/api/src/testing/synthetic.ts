import { stringify } from 'csv-stringify/sync';
import { SHARE_SOURCE_COLUMNS } from '@dash/domain';

/**
 * A large, valid share CSV for tests and measurements: `n` figures, each from its own (fictional,
 * example.com) page and publisher so no market-period sums over 100%. Test data only: never
 * import it into a real database.
 */
export function syntheticShareCsv(n: number): string {
  const vendors = ['Alibaba Cloud', 'Huawei Cloud', 'Tencent Cloud', 'Baidu AI Cloud', 'Volcano Engine'];
  const rows = Array.from({ length: n }, (_, i) => {
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
  return stringify(rows, { header: true, columns: [...SHARE_SOURCE_COLUMNS], record_delimiter: '\r\n' });
}
