import type { Market, RawShareRow, Vendor, VendorAlias } from '@dash/domain';
import { normalizeShares } from '@dash/domain/schemas';
import type { ShareWrite } from '../revision-repository.js';

export interface Reference {
  vendors: readonly Vendor[];
  aliases: readonly VendorAlias[];
  markets: readonly Market[];
}

/** A market-share source row for tests (China cloud infrastructure, Canalys, 2026Q1 unless told). */
export function shareRow(ref: Reference, over: Partial<RawShareRow> & { marketId?: string } = {}): RawShareRow {
  const { marketId = 'china-cloud-infra', ...rest } = over;
  const market = ref.markets.find((m) => m.id === marketId)!;
  return {
    vendor: 'Alibaba Cloud',
    parent_company: '',
    market: market.sourceNames[0]!.market,
    region: '',
    period: '2026Q1',
    period_start: '',
    period_end: '',
    metric: market.sourceNames[0]!.metric,
    value_percent: '30',
    publisher: 'Canalys',
    report_title: 'Test report',
    published_date: '2026-05',
    url: 'https://example.com/test-report',
    quote: 'Alibaba Cloud held 30% of the market.',
    source_quality: 'primary',
    ...rest,
  };
}

/** Normalizes rows into a write; throws when they have issues (a test's rows must be valid). */
export function shareWrite(ref: Reference, rows: readonly RawShareRow[]): ShareWrite {
  const n = normalizeShares(rows, ref);
  if (n.issues.length > 0) throw new Error(`test rows have issues: ${JSON.stringify(n.issues)}`);
  return { figures: n.figures, sources: n.sources, groups: n.groups };
}
