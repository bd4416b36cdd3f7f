import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { summarizeSnapshot } from '@dash/domain';
import { fig } from '../test/figures';
import { layoutBars } from './bar/bar-layout';
import { BarChart } from './bar/bar-chart';
import { layoutTrend } from './trend/trend-layout';
import { TrendChart } from './trend/trend-chart';
import { layoutDumbbell } from './dumbbell/dumbbell-layout';
import { DumbbellChart } from './dumbbell/dumbbell-chart';
import { layoutStacked } from './stacked/stacked-layout';
import { StackedChart } from './stacked/stacked-chart';
import { layoutSteps } from './step/step-layout';
import { StepChart } from './step/step-chart';
import type { ChartEvent } from './events/event-layout';

/*
 * SVG snapshots: each chart kind rendered at fixed sizes from fixed data. A change to a layout or
 * a chart shows up as a diff of the SVG files in __snapshots__/ (review it, then `vitest -u`).
 */

const colors: Record<string, string> = { 'alibaba-cloud': '#E69F00', 'volcano-engine': '#0072B2', 'huawei-cloud': '#D55E00' };
const colorOf = (id: string) => colors[id] ?? '#7A7A7A';
/** The chart's <svg> element alone (without the HTML around it), one tag per line, openable as a file. */
const pretty = (html: string) =>
  html
    .match(/<svg[\s\S]*<\/svg>/)![0]
    .replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ')
    .replace(/></g, '>\n<');

const shares = [
  fig({ subject: 'Alibaba Cloud', pct: '35.8', period: '2025H1', vendorIds: ['alibaba-cloud'] }),
  fig({ subject: 'Volcano Engine', pct: '14.8', period: '2025H1', vendorIds: ['volcano-engine'] }),
  fig({ subject: 'Huawei Cloud', pct: '13.1', period: '2025H1', vendorIds: ['huawei-cloud'] }),
  fig({ subject: 'Huawei Cloud', pct: '12.5', period: '2025H1', publisher: 'IDC', vendorIds: ['huawei-cloud'] }),
];
const series = [
  fig({ subject: 'Alibaba Cloud', pct: '33', period: '2024Q1', publisher: 'Canalys', vendorIds: ['alibaba-cloud'] }),
  fig({ subject: 'Alibaba Cloud', pct: '36', period: '2024Q3', publisher: 'Canalys', vendorIds: ['alibaba-cloud'] }),
  fig({ subject: 'Alibaba Cloud', pct: '37', period: '2025Q4', publisher: 'Omdia', vendorIds: ['alibaba-cloud'] }),
  fig({ subject: 'Huawei Cloud', pct: '19', period: '2024Q1', publisher: 'Canalys', vendorIds: ['huawei-cloud'] }),
  fig({ subject: 'Huawei Cloud', pct: '17', period: '2025Q4', publisher: 'Omdia', vendorIds: ['huawei-cloud'] }),
];
const events: ChartEvent[] = [
  { id: 'e1', start: '2024-05-21', end: '2024-05-21', precision: 'day', dateText: '21 May 2024', title: 'Alibaba Cloud cuts Qwen prices', kind: 'pricing', vendors: 'Alibaba', source: 'example.org (press)' },
  { id: 'e2', start: '2024-09-01', end: '2024-09-30', precision: 'month', dateText: 'Sep 2024', title: 'Doubao usage passes 1.3 trillion tokens a day', kind: 'report', vendors: 'ByteDance', source: 'example.org (press)' },
  { id: 'e3', start: '2025-03-01', end: '2025-03-31', precision: 'approx', dateText: 'c. Mar 2025', title: 'IDC report on token volume', kind: 'report', vendors: 'ByteDance; Alibaba', source: 'example.org (secondary)' },
];

describe('chart SVG snapshots', () => {
  for (const width of [360, 720]) {
    it(`bar chart at ${width} px`, async () => {
      const layout = layoutBars(summarizeSnapshot(shares), { width, colorOf: (r) => colorOf(r.vendorIds[0]!) });
      const svg = renderToStaticMarkup(<BarChart layout={layout} label="Shares, 2025 H1" describedBy="summary" />);
      await expect(pretty(svg)).toMatchFileSnapshot(`__snapshots__/bar-${width}.svg`);
    });

    it(`trend chart with events at ${width} px`, async () => {
      const layout = layoutTrend(series, { width, height: 300, colorOf: (f) => colorOf(f.vendorIds[0]!), events });
      const svg = renderToStaticMarkup(<TrendChart layout={layout} label="Share over time" describedBy="summary" />);
      expect(svg).toContain('Event 1: 21 May 2024: Alibaba Cloud cuts Qwen prices');
      await expect(pretty(svg)).toMatchFileSnapshot(`__snapshots__/trend-${width}.svg`);
    });

    it(`dumbbell chart at ${width} px`, async () => {
      const layout = layoutDumbbell(
        [
          {
            key: 'china-ai-cloud',
            label: 'China AI cloud services',
            sublabel: '2025 H1 · Omdia',
            points: [
              { key: 'alibaba', color: '#E69F00', name: 'Alibaba Cloud', lo: 35.8, hi: 35.8, valueText: '35.8%', description: 'Alibaba Cloud: 35.8%' },
              { key: 'bytedance', color: '#0072B2', name: 'Volcano Engine', lo: 14.8, hi: 14.8, valueText: '14.8%', description: 'Volcano Engine: 14.8%' },
            ],
          },
        ],
        { width, sharedScale: true, format: (v) => `${v}%` },
      );
      const svg = renderToStaticMarkup(<DumbbellChart layout={layout} label="Revenue" describedBy="compare-summary" />);
      await expect(pretty(svg)).toMatchFileSnapshot(`__snapshots__/dumbbell-${width}.svg`);
    });

    it(`stacked chart at ${width} px`, async () => {
      const layout = layoutStacked(
        [
          {
            key: '2025H2',
            label: '2025 H2',
            segments: [
              { key: 'open', name: 'Open', shortName: 'Open', pct: 18.4, valueText: '18.4', figures: [] },
              { key: 'mixed', name: 'Mixed', shortName: 'Mixed', pct: 40, valueText: '40', figures: [] },
            ],
            remainder: { pct: 41.6, valueText: '41.6' },
          },
        ],
        { width, order: ['open', 'mixed'] },
      );
      const svg = renderToStaticMarkup(
        <StackedChart layout={layout} label="Shares by strategy" describedBy="summary" styleOf={() => ({ fill: '#54278F', text: '#ffffff' })} />,
      );
      await expect(pretty(svg)).toMatchFileSnapshot(`__snapshots__/stacked-${width}.svg`);
    });

    it(`step chart with events at ${width} px`, async () => {
      const layout = layoutSteps(
        [
          {
            key: 'input',
            name: 'in',
            color: '#E69F00',
            steps: [
              { key: 'a', from: null, to: '2024-05-21', value: '20', approximate: true, description: 'input ¥20 before 2024-05-21' },
              { key: 'b', from: '2024-05-21', to: null, value: '0.5', approximate: false, description: 'input ¥0.5 from 2024-05-21' },
            ],
          },
        ],
        { width, height: 190, domain: ['2024-01-01', '2025-06-30'], markers: [{ date: '2024-05-15', label: 'May 15: Doubao' }], format: (v) => `¥${v}`, events },
      );
      const svg = renderToStaticMarkup(<StepChart layout={layout} label="Price history of Qwen-Long" describedBy="summary" />);
      await expect(pretty(svg)).toMatchFileSnapshot(`__snapshots__/step-${width}.svg`);
    });
  }
});
