import { describe, expect, it } from 'vitest';
import {
  compareMarkets,
  type CompareResponse,
  type FigureWithEstimates,
  type MarketComparisonView,
} from '@dash/domain';
import { fig } from '../../test/figures';
import { compareRows, compareTitle } from './compare-view';

const entities: CompareResponse['entities'] = [
  { id: 'alibaba', kind: 'company', name: 'Alibaba Group', vendorIds: ['alibaba-cloud'], color: '#E69F00' },
  { id: 'bytedance', kind: 'company', name: 'ByteDance', vendorIds: ['volcano-engine'], color: '#0072B2' },
];
const market = (id: string, metricBasis: 'revenue' | 'token-volume') => ({
  id,
  name: id,
  shortName: id,
  metricBasis,
  metric: 'share',
  scope: 'scope',
  region: 'China' as const,
});
const total = (value: string) => ({
  id: 'z-00000001',
  marketId: 'ai',
  marketText: 'AI cloud',
  region: 'China',
  periodText: '2025H1',
  period: null,
  forecast: false,
  value,
  unit: 'CNY billions' as const,
  lowerBound: false,
  publisher: 'Omdia',
  publisherText: 'Omdia (via Caizhongshe)',
  publishedDate: null,
  url: 'https://example.org/total',
  quote: 'total',
  quality: 'press' as const,
  datasetRow: 24,
});
const withEstimates = (f: ReturnType<typeof fig>, display?: string, value?: string): FigureWithEstimates => ({
  ...f,
  estimates: display ? [{ value: value!, display, unit: 'CNY billions', total: total('22.3') }] : [],
});

function views(): MarketComparisonView[] {
  const ai = [
    withEstimates(
      fig({ subject: 'Alibaba Cloud', vendorIds: ['alibaba-cloud'], pct: '35.8', period: '2025H1' }),
      'CNY 7.98 bn',
      '7.9834',
    ),
    withEstimates(
      fig({ subject: 'Volcano Engine', vendorIds: ['volcano-engine'], pct: '14.8', period: '2025H1' }),
      'CNY 3.30 bn',
      '3.3004',
    ),
  ].map((f) => ({ ...f, marketId: 'ai' }));
  const tokens = [
    withEstimates(
      fig({
        subject: 'Volcano Engine',
        vendorIds: ['volcano-engine'],
        pct: '49.2',
        period: '2025H1',
        publisher: 'IDC',
      }),
    ),
    withEstimates(
      fig({ subject: 'Alibaba Cloud', vendorIds: ['alibaba-cloud'], pct: '27', period: '2025H1', publisher: 'IDC' }),
    ),
  ].map((f) => ({ ...f, marketId: 'tokens' }));
  return compareMarkets([...ai, ...tokens], entities, [
    market('ai', 'revenue'),
    market('tokens', 'token-volume'),
  ]) as MarketComparisonView[];
}

describe('compareRows', () => {
  it('draws each entity’s published share, labelled as published', () => {
    const { rows } = compareRows(views(), entities, 'share');
    expect(rows.map((r) => [r.key, r.sublabel, r.points.map((p) => `${p.name} ${p.valueText}`)])).toEqual([
      ['ai', '2025 H1 · Omdia', ['Alibaba Cloud 35.8%', 'Volcano Engine 14.8%']],
      ['tokens', '2025 H1 · IDC', ['Volcano Engine 49.2%', 'Alibaba Cloud 27%']],
    ]);
    expect(rows[0]!.points[0]!.color).toBe('#E69F00');
  });

  it('shows derived estimates only where a matching total exists, and lists the markets without one', () => {
    const { rows, withoutTotals } = compareRows(views(), entities, 'absolute');
    expect(rows.map((r) => r.points.map((p) => p.valueText))).toEqual([['≈ CNY 7.98 bn', '≈ CNY 3.30 bn']]);
    expect(rows[0]!.points[0]!.description).toContain(
      "derived from 35.8% of Omdia (via Caizhongshe)'s total of 22.3 CNY billions",
    );
    expect(withoutTotals.map((c) => c.market.id)).toEqual(['tokens']);
  });
});

describe('compareTitle', () => {
  it('says the answer depends on the measure when markets disagree on the leader', () => {
    expect(compareTitle({ entities, markets: views() })).toBe(
      'Who leads, Alibaba Group or ByteDance, depends on what is measured',
    );
  });
  it('names one leader when every compared market agrees', () => {
    const onlyAi = views().filter((m) => m.market.id === 'ai');
    expect(compareTitle({ entities, markets: onlyAi })).toBe(
      'Alibaba Group leads on every measure compared (1 market)',
    );
  });
});
