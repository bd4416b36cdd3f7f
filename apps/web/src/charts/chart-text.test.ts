import { describe, expect, it } from 'vitest';
import { summarizeSnapshot } from '@dash/domain';
import { fig } from '../test/figures';
import { layoutBars } from './bar/bar-layout';
import { barTable, eventsTable, summarizeBars, summarizeTrend, trendTable } from './chart-text';
import { layoutTrend } from './trend/trend-layout';

const colorOf = () => '#E69F00';

describe('chart text alternatives', () => {
  it('summarizes bars largest first with the remainder, and tabulates every bar with its sources', () => {
    const layout = layoutBars(
      summarizeSnapshot([
        fig({ subject: 'Volcano Engine', pct: '14.8', period: '2025H1' }),
        fig({ subject: 'Alibaba Cloud', pct: '35.8', period: '2025H1' }),
      ]),
      { width: 600, colorOf },
    );
    expect(summarizeBars(layout)).toBe('3 bars, largest first: Alibaba Cloud 35.8%, Volcano Engine 14.8% and Others / not reported 49.4%.');
    const table = barTable(layout, 'Shares of China AI cloud services, 2025 H1');
    expect(table.columns.map((c) => c.label)).toEqual(['Vendor', 'Share', 'Sources', 'Note']);
    expect(table.rows[0]).toEqual(['Alibaba Cloud', '35.8%', '35.8%: Omdia, published 2025-09-10 (press)', '']);
    expect(table.rows[2]).toEqual(['Others / not reported', '49.4%', 'derived', 'derived: 100% minus the figures shown']);
  });

  it('summarizes each trend series from its first to its last value and lists every figure, other sources included', () => {
    const layout = layoutTrend(
      [
        fig({ subject: 'Alibaba Cloud', pct: '33', period: '2024Q1', publisher: 'Canalys' }),
        fig({ subject: 'Alibaba Cloud', pct: '37', period: '2025Q4' }),
        fig({ subject: 'Alibaba Cloud', pct: '36', period: '2025Q4', publisher: 'IDC', quality: 'secondary' }),
      ],
      {
        width: 700,
        height: 300,
        colorOf: () => '#E69F00',
        events: [
          { id: 'e', start: '2024-05-21', end: '2024-05-21', precision: 'day', dateText: '21 May 2024', title: 'Qwen price cut', kind: 'pricing', vendors: 'Alibaba', source: 'x.org (press)' },
        ],
      },
    );
    expect(summarizeTrend(layout)).toBe(
      '1 series: Alibaba Cloud from 33% (2024 Q1) to 37% (2025 Q4). 1 market event is marked along the top.',
    );
    const rows = trendTable(layout, 'Share over time').rows;
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[4])).toEqual(['on the line', 'on the line', 'another source, drawn as a point']);
    expect(eventsTable(layout.events).rows).toEqual([['1', '21 May 2024', 'Qwen price cut', 'pricing', 'Alibaba', 'x.org (press)']]);
  });
});
