import { describe, expect, it } from 'vitest';
import { comparePeriods, parsePeriod, summarizeSnapshot } from '@dash/domain';
import { fig } from '../../test/figures';
import { absoluteBar, snapshotPeriodOf, trendCompaniesOf, trendKindOf, trendSpanOf, type RowEstimate } from './share-view';

const periodsDesc = ['2024Q4', '2025Q1', '2025H1', '2025'].map((l) => parsePeriod(l)!).sort(comparePeriods).reverse();

describe('the market-share view model', () => {
  it('shows the URL’s period, else the latest with two subjects, so a lone figure does not headline the market', () => {
    const figures = [
      fig({ subject: 'Alibaba Cloud', pct: '35.8', period: '2025H1' }),
      fig({ subject: 'Huawei Cloud', pct: '17.2', period: '2025H1' }),
      fig({ subject: 'Alibaba Cloud', pct: '36', period: '2025' }),
    ];
    expect(periodsDesc[0]!.label).toBe('2025');
    expect(snapshotPeriodOf(periodsDesc, figures, undefined)?.label).toBe('2025H1');
    expect(snapshotPeriodOf(periodsDesc, figures, '2024Q4')?.label).toBe('2024Q4');
    expect(snapshotPeriodOf(periodsDesc, [], 'nope')?.label).toBe('2025');
  });

  it('draws one period length: the URL’s when it has figures, else the most common', () => {
    const shown = [
      fig({ subject: 'A', pct: '10', period: '2024Q4' }),
      fig({ subject: 'A', pct: '11', period: '2025Q1' }),
      fig({ subject: 'A', pct: '12', period: '2025' }),
    ];
    expect(trendKindOf(shown, undefined)).toMatchObject({ kinds: ['quarter', 'year'], kind: 'quarter' });
    expect(trendKindOf(shown, 'year').figures.map((f) => f.period.label)).toEqual(['2025']);
    expect(trendKindOf(shown, 'half').kind).toBe('quarter');
    expect(trendSpanOf(trendKindOf(shown, undefined).figures)).toEqual({ text: '2024 Q4–2025 Q1', label: '2024Q4-2025Q1' });
    expect(trendSpanOf([])).toEqual({ text: '', label: '' });
  });

  it('marks the events of vendors drawn on their own; a combined figure’s members only when alone', () => {
    const parentOf = (id: string) => `${id}-parent`;
    const group = fig({ subject: 'A + B', pct: '50', period: '2025', kind: 'group', vendorIds: ['a', 'b'] });
    expect([...trendCompaniesOf([group, fig({ subject: 'C', pct: '5', period: '2025' })], parentOf)]).toEqual(['c-parent']);
    expect([...trendCompaniesOf([group], parentOf)]).toEqual(['a-parent', 'b-parent']);
  });

  it('gives an absolute bar the range of its estimates, and none without a total', () => {
    const row = summarizeSnapshot([fig({ subject: 'Alibaba Cloud', pct: '35.8', period: '2025H1' })]).rows[0]!;
    expect(absoluteBar(row, [])).toBeNull();
    const estimate = (value: string, display: string) =>
      ({ value, display, figure: row.figures[0]!, size: { publisherText: 'Omdia', value: '10', unit: 'USD billions' } }) as RowEstimate;
    expect(absoluteBar(row, [estimate('3.58', 'US$3.6 bn'), estimate('4', 'US$4.0 bn')])).toEqual({
      lo: 3.58,
      hi: 4,
      label: '≈ US$3.6 bn / US$4.0 bn',
      description:
        "Alibaba Cloud: about US$3.6 bn or US$4.0 bn, derived from 35.8% of Omdia's total of 10 USD billions or 35.8% of Omdia's total of 10 USD billions",
    });
  });
});
