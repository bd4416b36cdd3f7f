import { describe, expect, it } from 'vitest';
import { layoutSteps, type StepSeriesInput } from './step-layout';

const qwenMaxInput: StepSeriesInput = {
  key: 'input',
  name: 'Input',
  color: '#E69F00',
  steps: [
    { key: 'a', from: '2024-05-23', to: '2024-10-01', value: '40', approximate: true, description: '40' },
    { key: 'b', from: '2024-10-01', to: '2025-02-06', value: '20', approximate: true, description: '20' },
    { key: 'c', from: '2025-02-06', to: null, value: '2.4', approximate: true, description: '2.4' },
  ],
};
const opts = {
  width: 600,
  height: 200,
  domain: ['2024-01-01', '2026-01-01'] as [string, string],
  format: (v: number) => String(v),
};

describe('layoutSteps', () => {
  it('draws one segment per price, joined by risers at each change, in time order', () => {
    const l = layoutSteps([qwenMaxInput], opts);
    const [s] = l.series;
    expect(s!.marks.map((m) => m.key)).toEqual(['a', 'b', 'c']);
    // Each segment starts where the previous one ends; prices fall, so y grows downwards.
    expect(s!.marks[1]!.x1).toBeCloseTo(s!.marks[0]!.x2);
    expect(s!.marks[0]!.y).toBeLessThan(s!.marks[1]!.y);
    expect(s!.marks[1]!.y).toBeLessThan(s!.marks[2]!.y);
    expect(s!.risers).toHaveLength(2);
    expect(s!.risers.every((r) => r.approximate)).toBe(true);
    // The current price runs to the right edge and is labelled there.
    expect(s!.marks[2]!.x2).toBe(600 - l.margin.right);
    expect(s!.label!.text).toBe('Input 2.4');
  });

  it('starts an unknown-start price at the left edge, dashed, and clamps to the domain', () => {
    const l = layoutSteps(
      [
        {
          key: 'long',
          name: 'Qwen-Long',
          color: '#E69F00',
          steps: [
            { key: 'pre', from: null, to: '2024-05-21', value: '20', approximate: true, description: 'pre-cut' },
            { key: 'cut', from: '2024-05-21', to: null, value: '0.5', approximate: false, description: 'cut' },
          ],
        },
      ],
      {
        ...opts,
        markers: [
          { date: '2024-05-21', label: 'Qwen cut' },
          { date: '2023-01-01', label: 'outside' },
        ],
      },
    );
    const [pre, cut] = l.series[0]!.marks;
    expect(pre!.openStart).toBe(true);
    expect(pre!.x1).toBe(l.margin.left);
    expect(cut!.approximate).toBe(false);
    expect(l.series[0]!.risers).toEqual([{ x: cut!.x1, y1: pre!.y, y2: cut!.y, approximate: false }]);
    expect(l.markers.map((m) => m.label)).toEqual(['Qwen cut']);
    expect(l.markers[0]!.x).toBeCloseTo(cut!.x1);
  });

  it('skips prices the source does not give and keeps y ticks from zero', () => {
    const l = layoutSteps(
      [
        {
          key: 'out',
          name: 'Output',
          color: '#000',
          steps: [{ key: 'x', from: '2024-05-15', to: null, value: null, approximate: false, description: '' }],
        },
      ],
      opts,
    );
    expect(l.series[0]!.marks).toEqual([]);
    expect(l.series[0]!.label).toBeNull();
    expect(l.yTicks[0]!.label).toBe('0');
  });
});
