import { describe, expect, it } from 'vitest';
import { fig } from '../../test/figures';
import { layoutStacked, REMAINDER_KEY, type StackedRowInput } from './stacked-layout';

const ORDER = ['open', 'mixed', 'closed', 'not-classified'];

const seg = (key: string, shortName: string, valueText: string, subject = `${shortName} vendor`) => ({
  key,
  name: `${shortName}: long name`,
  shortName,
  pct: Number(valueText),
  valueText,
  figures: [fig({ subject, pct: valueText, period: '2025H2', publisher: 'Frost & Sullivan' })],
});

// Frost & Sullivan's 2025 H2 enterprise LLM usage, added up by strategy (DeepSeek, Qwen, Doubao).
const h2: StackedRowInput = {
  key: '2025H2',
  label: '2025 H2',
  // Given out of order on purpose: the layout stacks by `order`, not by input order.
  segments: [
    seg('closed', 'Closed', '21.3', 'Doubao'),
    seg('open', 'Open', '18.4', 'DeepSeek'),
    seg('mixed', 'Mixed', '32.1', 'Qwen'),
  ],
  remainder: { pct: 28.2, valueText: '28.2' },
};
const h1: StackedRowInput = {
  key: '2025H1',
  label: '2025 H1',
  segments: [seg('open', 'Open', '10.3'), seg('mixed', 'Mixed', '17.7'), seg('closed', 'Closed', '14.1')],
  remainder: { pct: 57.9, valueText: '57.9' },
};

const widthOf = (m: { x0: number; x1: number }) => m.x1 - m.x0;

describe('layoutStacked', () => {
  it('stacks the bands in the given order, then the remainder, without gaps or overlaps', () => {
    const layout = layoutStacked([h2], { width: 800, order: ORDER });
    const marks = layout.rows[0]!.marks;
    expect(marks.map((m) => m.bandKey)).toEqual(['open', 'mixed', 'closed', REMAINDER_KEY]);
    expect(marks.at(-1)!.kind).toBe('remainder');
    expect(marks[0]!.x0).toBe(layout.plotLeft);
    for (let i = 1; i < marks.length; i++) expect(marks[i]!.x0).toBeCloseTo(marks[i - 1]!.x1, 9);
  });

  it('draws widths in proportion to the shares, and bands plus remainder span the full width', () => {
    const layout = layoutStacked([h2, h1], { width: 800, order: ORDER });
    const full = layout.plotRight - layout.plotLeft;
    for (const row of layout.rows) {
      const [open, mixed] = row.marks;
      expect(widthOf(mixed!) / widthOf(open!)).toBeCloseTo(Number(mixed!.valueText) / Number(open!.valueText), 9);
      for (const m of row.marks) expect(widthOf(m)).toBeCloseTo((Number(m.valueText) / 100) * full, 9);
      expect(row.marks.reduce((sum, m) => sum + widthOf(m), 0)).toBeCloseTo(full, 9);
      expect(row.marks.at(-1)!.x1).toBeCloseTo(layout.plotRight, 9);
    }
  });

  it('keeps the published text for labels and descriptions, naming every figure counted', () => {
    const marks = layoutStacked([h2], { width: 800, order: ORDER }).rows[0]!.marks;
    expect(marks.map((m) => m.label)).toEqual(['Open 18.4%', 'Mixed 32.1%', 'Closed 21.3%', 'Others 28.2%']);
    expect(marks[0]!.title).toBe('Open, 2025 H2: 18.4%');
    expect(marks[0]!.description).toBe('Open, 2025 H2: 18.4%; DeepSeek 18.4% (Frost & Sullivan)');
    expect(marks[3]!.description).toBe(
      'Others / not reported, 2025 H2: 28.2%; derived as 100% minus the figures counted',
    );
  });

  it('shortens a label to the value, then hides it, when the band is too narrow', () => {
    const row: StackedRowInput = {
      key: '2024Q3',
      label: '2024 Q3',
      segments: [seg('open', 'Open', '2'), seg('mixed', 'Mixed', '4'), seg('not-classified', 'Not classified', '65')],
      remainder: { pct: 29, valueText: '29' },
    };
    const marks = layoutStacked([row], { width: 900, order: ORDER }).rows[0]!.marks;
    const byKey = Object.fromEntries(marks.map((m) => [m.bandKey, m]));
    expect(byKey['open']!.label).toBeNull();
    expect(byKey['mixed']!.label).toBe('4%');
    expect(byKey['not-classified']!.label).toBe('Not classified 65%');
    // The aria label still has the value where the band shows none.
    expect(byKey['open']!.description).toContain('2%');
  });

  it('skips bands a row does not have and draws no remainder when nothing is left', () => {
    const row: StackedRowInput = {
      key: '2025H1',
      label: '2025 H1',
      segments: [seg('mixed', 'Mixed', '100')],
      remainder: null,
    };
    const marks = layoutStacked([row], { width: 600, order: ORDER }).rows[0]!.marks;
    expect(marks.map((m) => m.bandKey)).toEqual(['mixed']);
  });

  it('widens the axis instead of clipping a row that sums over 100%', () => {
    const row: StackedRowInput = {
      key: 'x',
      label: 'x',
      segments: [seg('open', 'Open', '60'), seg('closed', 'Closed', '50')],
      remainder: null,
    };
    const layout = layoutStacked([row], { width: 600, order: ORDER });
    expect(layout.rows[0]!.marks.at(-1)!.x1).toBeCloseTo(layout.plotRight, 9);
    expect(layout.ticks.at(-1)!.x).toBeLessThan(layout.plotRight);
  });

  it('stacks rows downwards in input order without overlapping', () => {
    const layout = layoutStacked([h2, h1], { width: 800, order: ORDER });
    expect(layout.rows.map((r) => r.label)).toEqual(['2025 H2', '2025 H1']);
    const [a, b] = layout.rows;
    expect(b!.barY).toBeGreaterThan(a!.barY + a!.barHeight);
    expect(layout.axisY).toBeGreaterThan(b!.barY + b!.barHeight);
    expect(layout.height).toBeGreaterThan(layout.axisY);
  });

  it('fits a phone: labels above the bars, bars across the whole width, nothing past the edge', () => {
    const narrow = layoutStacked([h2, h1], { width: 343, order: ORDER });
    const wide = layoutStacked([h2, h1], { width: 800, order: ORDER });
    expect(narrow.labelsAbove).toBe(true);
    expect(wide.labelsAbove).toBe(false);
    expect(narrow.plotLeft).toBe(0);
    expect(wide.plotLeft).toBeGreaterThan(0);
    for (const row of narrow.rows) {
      expect(row.labelY).toBeLessThan(row.barY);
      for (const m of row.marks) {
        expect(m.x1).toBeLessThanOrEqual(343);
        if (m.label) expect(m.labelX + m.label.length * 7).toBeLessThanOrEqual(m.x1);
      }
    }
    // At phone width the long labels drop to values: "Mixed 32.1%" still fits in 32.1% of 341 px, "Open 18.4%" does not.
    expect(narrow.rows[0]!.marks.map((m) => m.label)).toEqual(['18.4%', 'Mixed 32.1%', '21.3%', 'Others 28.2%']);
  });
});
