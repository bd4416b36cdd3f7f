import { describe, expect, it } from 'vitest';
import { absoluteEstimates, publisherOf, type RawMarketSizeRow } from './market-sizes.js';
import { normalizeMarketSizes } from './normalize/market-sizes.js';
import { figure } from './testing/figures.js';

const markets = [{ id: 'china-ai-cloud', sizeNames: ['China AI cloud services (IaaS+PaaS+MaaS for AI, revenue)'] }];
const row = (over: RawMarketSizeRow): RawMarketSizeRow => ({
  market: 'China AI cloud services (IaaS+PaaS+MaaS for AI, revenue)',
  region: 'China',
  period: '2025H1',
  period_start: '2025-01-01',
  period_end: '2025-06-30',
  value: '22.3',
  unit: 'CNY billions',
  publisher: 'Omdia (via Caizhongshe)',
  published_date: '2025-10-12',
  url: 'https://example.org/omdia-ai-cloud',
  quote: '2025年上半年,中国AI云市场规模达223亿元',
  source_quality: 'press',
  ...over,
});

describe('normalizeMarketSizes', () => {
  it('attaches totals to the share market with the same definition and names the publisher without "via"', () => {
    const { sizes, issues } = normalizeMarketSizes(
      [row({}), row({ market: 'China GenAI IaaS (IDC, subset of AI IaaS)', publisher: 'IDC (via UDN)', value: '16.68' })],
      markets,
    );
    expect(issues).toEqual([]);
    expect(sizes.map((s) => [s.marketId, s.period?.label, s.value, s.unit, s.publisher, s.forecast])).toEqual([
      ['china-ai-cloud', '2025H1', '22.3', 'CNY billions', 'Omdia', false],
      [null, '2025H1', '16.68', 'CNY billions', 'IDC', false],
    ]);
  });

  it('marks forecasts and lower bounds, and keeps point-in-time context totals without a period', () => {
    const { sizes, issues } = normalizeMarketSizes(
      [
        row({ period: '2025 (forecast)', period_start: '2025-01-01', period_end: '2025-12-31', value: '51.8' }),
        row({
          market: 'China total daily token consumption (all AI use; official statistic)',
          period: '2025-06 (end of June 2025)',
          period_start: '',
          period_end: '',
          value: '30',
          unit: "tokens trillions per day (lower bound: 'exceeded')",
        }),
      ],
      markets,
    );
    expect(issues).toEqual([]);
    expect(sizes[0]).toMatchObject({ forecast: true, period: { label: '2025' } });
    expect(sizes[1]).toMatchObject({ marketId: null, period: null, lowerBound: true, unit: 'tokens trillions per day' });
  });

  it('reports bad rows by row and column', () => {
    const { sizes, issues } = normalizeMarketSizes(
      [row({ value: '22,3' }), row({ unit: 'EUR billions' }), row({ period: 'H1' }), row({ period_end: '2025-06-29' })],
      markets,
    );
    expect(sizes).toEqual([]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'value'],
      [2, 'unit'],
      [3, 'period'],
      [4, 'period_end'],
    ]);
  });

  it('strips citing pages from publisher names', () => {
    expect(publisherOf('Synergy Research Group as reported by CRN (via TechReaderDaily; CONTRADICTS 119.1)')).toBe('Synergy Research Group');
    expect(publisherOf('Canalys (now Omdia)')).toBe('Canalys');
  });
});

describe('absoluteEstimates', () => {
  const { sizes } = normalizeMarketSizes(
    [
      row({}),
      row({ period: '2025 (forecast)', period_start: '', period_end: '', value: '51.8' }),
      row({ publisher: 'IDC (via UDN)', value: '19.87' }),
    ],
    markets,
  );
  const alibaba = figure({ vendor: 'alibaba-cloud', pct: '35.8', period: '2025H1', publisher: 'Omdia' });

  it("multiplies a share by the same publisher's total for the same market and period, exactly", () => {
    const [est, ...more] = absoluteEstimates(alibaba, sizes);
    expect(more).toEqual([]);
    // 35.8% of CNY 22.3 bn = 7.9834 exactly; shown to 3 significant digits like its inputs.
    expect(est).toMatchObject({ value: '7.9834', display: 'CNY 7.98 bn', unit: 'CNY billions' });
    expect(est!.size.publisher).toBe('Omdia');
  });

  it('never uses a forecast, another publisher, period or market', () => {
    expect(absoluteEstimates({ ...alibaba, period: { ...alibaba.period, label: '2025' } }, sizes)).toEqual([]);
    expect(absoluteEstimates({ ...alibaba, source: { ...alibaba.source, publisher: 'Canalys' } }, sizes)).toEqual([]);
    expect(absoluteEstimates({ ...alibaba, marketId: 'china-cloud-infra' }, sizes)).toEqual([]);
  });

  it('keeps significant trailing zeros (14.8% of 22.3 is 3.30, not 3.3)', () => {
    const volcano = figure({ vendor: 'volcano-engine', pct: '14.8', period: '2025H1', publisher: 'Omdia' });
    expect(absoluteEstimates(volcano, sizes)[0]).toMatchObject({ value: '3.3004', display: 'CNY 3.30 bn' });
  });

  it('keeps at least two significant digits for a one-digit share', () => {
    const tencent = figure({ vendor: 'tencent-cloud', pct: '7', period: '2025H1', publisher: 'Omdia' });
    expect(absoluteEstimates(tencent, sizes)[0]).toMatchObject({ value: '1.561', display: 'CNY 1.6 bn' });
  });
});
