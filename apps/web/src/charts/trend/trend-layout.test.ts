import { describe, expect, it } from 'vitest';
import { fig } from '../../test/figures';
import { layoutTrend, shortName } from './trend-layout';

const colorOf = () => '#0072B2';

describe('layoutTrend', () => {
  const figures = [
    fig({ subject: 'Alibaba Cloud', pct: '40.1', period: '2020Q1', publisher: 'Canalys' }),
    fig({ subject: 'Alibaba Cloud', pct: '40.9', period: '2020Q3', publisher: 'Canalys' }),
    fig({ subject: 'Alibaba Cloud', pct: '33', period: '2025Q1', publisher: 'Canalys' }),
    fig({ subject: 'Alibaba Cloud', pct: '37', period: '2025Q4', publisher: 'Omdia' }),
    fig({ subject: 'Tencent Cloud', pct: '15.8', period: '2020Q3', publisher: 'Canalys' }),
    fig({ subject: 'Tencent Cloud', pct: '10', period: '2025Q1', publisher: 'Canalys' }),
  ];

  it('places one series per subject, later periods further right and larger shares higher', () => {
    const layout = layoutTrend(figures, { width: 800, height: 400, colorOf });
    expect(layout.series.map((s) => s.name).sort()).toEqual(['Alibaba Cloud', 'Tencent Cloud']);
    const alibaba = layout.series.find((s) => s.name === 'Alibaba Cloud')!;
    const byPeriod = (p: string) => alibaba.points.find((pt) => pt.figure.period.label === p)!;
    expect(byPeriod('2020Q1').x).toBeLessThan(byPeriod('2020Q3').x);
    expect(byPeriod('2020Q3').x).toBeLessThan(byPeriod('2025Q1').x);
    expect(byPeriod('2020Q3').y).toBeLessThan(byPeriod('2025Q1').y); // 40.9% sits above 33%
    expect(layout.yTicks[0]!.label).toBe('0%');
  });

  it('does not join a series across a change of publisher, and says so', () => {
    const layout = layoutTrend(figures, { width: 800, height: 400, colorOf });
    const alibaba = layout.series.find((s) => s.name === 'Alibaba Cloud')!;
    expect(alibaba.paths.map((p) => p.publisher)).toEqual(['Canalys', 'Omdia']);
    expect(layout.notes).toEqual(['Alibaba Cloud: the series changes publisher (Canalys → Omdia); the lines are not joined.']);
  });

  it('draws every source where sources disagree, the line through the better source, and a range', () => {
    const layout = layoutTrend(
      [
        fig({ subject: 'Baidu AI Cloud', pct: '8.8', period: '2021Q3', quality: 'press', url: 'https://a.example/1' }),
        fig({ subject: 'Baidu AI Cloud', pct: '8.2', period: '2021Q3', quality: 'secondary', url: 'https://b.example/2' }),
        fig({ subject: 'Baidu AI Cloud', pct: '7.8', period: '2021Q2', quality: 'press' }),
      ],
      { width: 800, height: 400, colorOf },
    );
    const [baidu] = layout.series;
    expect(baidu!.points).toHaveLength(3);
    const q3 = baidu!.points.filter((p) => p.figure.period.label === '2021Q3');
    expect(q3.find((p) => p.onLine)!.figure.sharePctText).toBe('8.8');
    expect(q3.find((p) => !p.onLine)!.figure.sharePctText).toBe('8.2');
    expect(baidu!.ranges).toHaveLength(1);
    expect(baidu!.label.text).toBe('Baidu AI Cloud 8.8%');
  });

  it('pushes end labels apart so they never overlap', () => {
    const close = ['A', 'B', 'C', 'D'].map((s, i) => fig({ subject: `Vendor ${s}`, pct: String(10 + i * 0.2), period: '2024Q4' }));
    const layout = layoutTrend(close, { width: 800, height: 300, colorOf });
    const ys = layout.series.map((s) => s.label.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(14);
  });

  it('switches to a legend at phone width', () => {
    expect(layoutTrend(figures, { width: 360, height: 300, colorOf }).legend).toBe(true);
    expect(layoutTrend(figures, { width: 900, height: 300, colorOf }).legend).toBe(false);
  });

  it('shortens group names for labels', () => {
    expect(shortName({ subjectKind: 'group', subjectName: 'AWS + Microsoft Azure + Google Cloud' })).toBe('AWS + Microsoft + Google');
    expect(shortName({ subjectKind: 'vendor', subjectName: 'Microsoft Azure' })).toBe('Microsoft Azure');
  });
});
