import { describe, expect, it } from 'vitest';
import { layoutDumbbell, type DumbbellInputRow } from './dumbbell-layout';

const point = (key: string, lo: number, hi = lo) => ({
  key,
  color: '#E69F00',
  name: key,
  lo,
  hi,
  valueText: lo === hi ? `${lo}%` : `${lo}–${hi}%`,
  description: key,
});
const rows: DumbbellInputRow[] = [
  {
    key: 'ai',
    label: 'China AI cloud',
    sublabel: '2025 H1 · Omdia',
    points: [point('Alibaba Cloud', 35.8), point('Volcano Engine', 14.8)],
  },
  {
    key: 'tokens',
    label: 'Token volume',
    sublabel: '2025 H1 · IDC',
    points: [point('Volcano Engine', 49.2), point('Alibaba Cloud', 27)],
  },
];
const format = (v: number) => `${v}%`;

describe('layoutDumbbell', () => {
  it('places values on one zero-based percent axis shared by every row', () => {
    const l = layoutDumbbell(rows, { width: 900, sharedScale: true, format });
    const x = (row: number, key: string) => l.rows[row]!.points.find((p) => p.key === key)!.cx0;
    // Proportional from the axis start: 35.8 is 35.8/14.8 as far from zero as 14.8.
    expect((x(0, 'Alibaba Cloud') - l.plotLeft) / (x(0, 'Volcano Engine') - l.plotLeft)).toBeCloseTo(35.8 / 14.8, 5);
    // Same scale across rows: 49.2 in row 2 lies right of 35.8 in row 1.
    expect(x(1, 'Volcano Engine')).toBeGreaterThan(x(0, 'Alibaba Cloud'));
    expect(l.axis!.ticks[0]).toEqual({ x: l.plotLeft, label: '0%' });
    expect(l.rows[1]!.labelY).toBeGreaterThan(l.rows[0]!.y);
  });

  it('labels the lower value on its left and the higher on its right, and joins them', () => {
    const [row] = layoutDumbbell(rows, { width: 900, sharedScale: true, format }).rows;
    const [lo, hi] = row!.points;
    expect([lo!.key, lo!.anchor, hi!.key, hi!.anchor]).toEqual(['Volcano Engine', 'end', 'Alibaba Cloud', 'start']);
    expect(lo!.labelX).toBeLessThan(lo!.cx0);
    expect(hi!.labelX).toBeGreaterThan(hi!.cx1);
    expect([row!.x0, row!.x1]).toEqual([lo!.cx0, hi!.cx1]);
  });

  it('draws a range where sources disagree', () => {
    const l = layoutDumbbell(
      [{ key: 'r', label: 'r', sublabel: '', points: [point('Baidu', 8.2, 8.8), point('Huawei', 18)] }],
      {
        width: 900,
        sharedScale: true,
        format,
      },
    );
    const baidu = l.rows[0]!.points.find((p) => p.key === 'Baidu')!;
    expect(baidu.cx1).toBeGreaterThan(baidu.cx0);
  });

  it('lists values under the line for three entities or at phone width, highest first, never overlapping', () => {
    const three = layoutDumbbell(
      [{ key: 'r', label: 'r', sublabel: '', points: [point('A', 10), point('B', 30), point('C', 20)] }],
      {
        width: 900,
        sharedScale: true,
        format,
      },
    ).rows[0]!;
    expect(three.listed).toBe(true);
    const ys = [...three.points].sort((a, b) => a.labelY - b.labelY).map((p) => p.key);
    expect(ys).toEqual(['B', 'C', 'A']);
    const phone = layoutDumbbell(rows, { width: 340, sharedScale: true, format });
    expect(phone.rows.every((r) => r.listed)).toBe(true);
    expect(phone.plotRight).toBeLessThanOrEqual(340);
  });

  it('gives each row its own scale for absolute values in different units', () => {
    const l = layoutDumbbell(
      [
        { key: 'cny', label: 'AI cloud', sublabel: '', points: [point('A', 7.98), point('B', 3.3)] },
        { key: 'tokens', label: 'Tokens', sublabel: '', points: [point('A', 140), point('B', 264)] },
      ],
      { width: 900, sharedScale: false, format: String },
    );
    expect(l.axis).toBeNull();
    // Each row's largest value reaches about as far right as the other row's largest.
    const maxX = (r: number) => Math.max(...l.rows[r]!.points.map((p) => p.cx1));
    expect(Math.abs(maxX(0) - maxX(1))).toBeLessThan(l.plotRight * 0.15);
  });
});
