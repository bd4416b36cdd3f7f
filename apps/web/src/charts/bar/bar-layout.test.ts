import { describe, expect, it } from 'vitest';
import { summarizeSnapshot } from '@dash/domain';
import { fig } from '../../test/figures';
import { layoutBars } from './bar-layout';

const omdia = [
  fig({ subject: 'Volcano Engine', pct: '14.8', period: '2025H1' }),
  fig({ subject: 'Alibaba Cloud', pct: '35.8', period: '2025H1' }),
  fig({ subject: 'Huawei Cloud', pct: '13.1', period: '2025H1' }),
  fig({ subject: 'Tencent Cloud', pct: '7', period: '2025H1' }),
  fig({ subject: 'Baidu AI Cloud', pct: '6.1', period: '2025H1' }),
];
const colorOf = () => '#E69F00';

describe('layoutBars', () => {
  it('orders bars largest first and ends with the derived remainder', () => {
    const layout = layoutBars(summarizeSnapshot(omdia), { width: 700, colorOf });
    expect(layout.marks.map((m) => `${m.name} ${m.valueLabel}`)).toEqual([
      'Alibaba Cloud 35.8%',
      'Volcano Engine 14.8%',
      'Huawei Cloud 13.1%',
      'Tencent Cloud 7%',
      'Baidu AI Cloud 6.1%',
      'Others / not reported 23.2%',
    ]);
    expect(layout.marks.at(-1)!.kind).toBe('remainder');
  });

  it('draws lengths in proportion to the shares from a zero baseline', () => {
    const layout = layoutBars(summarizeSnapshot(omdia), { width: 700, colorOf });
    const [alibaba, volcano] = layout.marks;
    const len = (m: typeof alibaba) => m!.x1 - m!.x0;
    expect(len(alibaba) / len(volcano)).toBeCloseTo(35.8 / 14.8, 5);
    // Bars stack downwards without overlapping.
    for (let i = 1; i < layout.marks.length; i++) {
      expect(layout.marks[i]!.labelY).toBeGreaterThan(layout.marks[i - 1]!.barY + layout.marks[i - 1]!.barHeight);
    }
    expect(layout.height).toBeGreaterThan(layout.marks.at(-1)!.barY + layout.marks.at(-1)!.barHeight);
  });

  it('shows disagreeing sources as a range labelled with both values', () => {
    const snap = summarizeSnapshot([
      fig({
        subject: 'Baidu AI Cloud',
        pct: '8.8',
        period: '2021Q3',
        publisher: 'Canalys',
        url: 'https://a.example/1',
      }),
      fig({
        subject: 'Baidu AI Cloud',
        pct: '8.2',
        period: '2021Q3',
        publisher: 'Canalys',
        url: 'https://b.example/2',
      }),
    ]);
    const [baidu, others] = layoutBars(snap, { width: 700, colorOf }).marks;
    expect(baidu!.valueLabel).toBe('8.2–8.8%');
    expect(baidu!.note).toBe('2 sources disagree');
    expect(baidu!.rangeX1).not.toBeNull();
    expect(baidu!.rangeX1!).toBeGreaterThan(baidu!.x1);
    expect(others!.valueLabel).toBe('91.2–91.8%');
  });

  it('keeps a combined figure whole and says when its members are shown separately', () => {
    const group = fig({
      subject: 'Alibaba Cloud + Huawei Cloud + Tencent Cloud',
      pct: '61',
      period: '2025Q1',
      kind: 'group',
      vendorIds: ['alibaba-cloud', 'huawei-cloud', 'tencent-cloud'],
    });
    const members = [
      fig({ subject: 'Alibaba Cloud', pct: '33', period: '2025Q1' }),
      fig({ subject: 'Huawei Cloud', pct: '18', period: '2025Q1' }),
      fig({ subject: 'Tencent Cloud', pct: '10', period: '2025Q1' }),
    ].map((f, i) => ({ ...f, vendorIds: [group.vendorIds[i]!], subjectId: group.vendorIds[i]! }));
    const marks = layoutBars(summarizeSnapshot([group, ...members]), { width: 700, colorOf }).marks;
    const g = marks.find((m) => m.kind === 'group')!;
    expect(g.valueLabel).toBe('61%');
    expect(g.note).toBe('combined figure, members shown separately');
    expect(marks.at(-1)!.valueLabel).toBe('39%');
  });

  it('fits a phone-width chart: notes move to their own line and values stay inside the width', () => {
    const snap = summarizeSnapshot([
      fig({ subject: 'Baidu AI Cloud', pct: '8.8', period: '2021Q3', url: 'https://a.example/1' }),
      fig({ subject: 'Baidu AI Cloud', pct: '8.2', period: '2021Q3', url: 'https://b.example/2' }),
    ]);
    const narrow = layoutBars(snap, { width: 340, colorOf });
    const wide = layoutBars(snap, { width: 900, colorOf });
    expect(narrow.marks[0]!.noteY).not.toBeNull();
    expect(wide.marks[0]!.noteY).toBeNull();
    for (const m of narrow.marks) expect(m.valueX + 70).toBeLessThanOrEqual(340);
  });

  it('draws derived values in absolute mode: rows without a total are left out, and so is the remainder', () => {
    const layout = layoutBars(summarizeSnapshot(omdia), {
      width: 700,
      colorOf,
      valueFor: (row) =>
        row.subjectName === 'Alibaba Cloud'
          ? { lo: 7.9834, hi: 7.9834, label: '≈ CNY 7.98 bn', description: 'Alibaba Cloud: about CNY 7.98 bn' }
          : row.subjectName === 'Volcano Engine'
            ? { lo: 3.3004, hi: 3.3004, label: '≈ CNY 3.30 bn', description: 'Volcano Engine: about CNY 3.30 bn' }
            : null,
      tickFormat: (t) => `CNY ${t} bn`,
    });
    expect(layout.marks.map((m) => m.valueLabel)).toEqual(['≈ CNY 7.98 bn', '≈ CNY 3.30 bn']);
    expect(layout.ticks[0]!.label).toBe('CNY 0 bn');
    const [a, v] = layout.marks;
    expect((a!.x1 - a!.x0) / (v!.x1 - v!.x0)).toBeCloseTo(7.9834 / 3.3004, 5);
  });
});
