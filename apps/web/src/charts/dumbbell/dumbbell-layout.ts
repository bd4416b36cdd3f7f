import { scaleLinear } from 'd3-scale';

/** One entity's value in a row: a point, or a range where sources (or totals) disagree. */
export interface DumbbellInputPoint {
  key: string;
  color: string;
  /** Who the value belongs to, as the row names it ("Alibaba Cloud", "Qwen"). */
  name: string;
  lo: number;
  hi: number;
  /** The value as it must be shown ("35.8%", "8.2–8.8%", "CNY 7.98 bn"). */
  valueText: string;
  description: string;
}

export interface DumbbellInputRow {
  key: string;
  label: string;
  sublabel: string;
  points: DumbbellInputPoint[];
}

export interface DumbbellPoint extends DumbbellInputPoint {
  cx0: number;
  cx1: number;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end' | 'middle';
}

export interface DumbbellRow {
  key: string;
  label: string;
  sublabel: string;
  labelY: number;
  sublabelY: number;
  y: number;
  /** The connecting line from the lowest to the highest value in the row. */
  x0: number;
  x1: number;
  points: DumbbellPoint[];
  /** True when the values are listed under the line (more than two points). */
  listed: boolean;
}

export interface DumbbellLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  /** The shared axis (share mode): ticks drawn at the bottom across every row. */
  axis: { y: number; ticks: Array<{ x: number; label: string }> } | null;
  rows: DumbbellRow[];
}

export interface DumbbellOptions {
  width: number;
  /** One percent axis for every row, or (absolute values in different units) a scale per row. */
  sharedScale: boolean;
  format: (v: number) => string;
}

const ROW = { label: 16, sublabel: 14, gap: 18, line: 10, after: 22 };
const LIST_LINE = 16;

/**
 * Lays out a dumbbell chart: one row per market, a dot (or a range bar where values disagree)
 * per entity on a horizontal scale starting at zero, joined by a line, each labelled with its
 * value. With two points the lower value's label sits left of its dot and the higher one's right,
 * so they never collide; more points alternate above and below the line.
 */
export function layoutDumbbell(rows: readonly DumbbellInputRow[], o: DumbbellOptions): DumbbellLayout {
  const plotLeft = 12;
  // Room on the right for the highest value's label.
  const plotRight = Math.max(plotLeft + 80, o.width - (o.width < 520 ? 16 : Math.min(150, o.width * 0.28)));
  const maxOf = (ps: readonly DumbbellInputPoint[]) => Math.max(0, ...ps.map((p) => p.hi));
  const shared = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((r) => maxOf(r.points)))])
    .nice(5)
    .range([plotLeft, plotRight]);
  let y = 0;
  const out: DumbbellRow[] = rows.map((row) => {
    const x = o.sharedScale
      ? shared
      : scaleLinear()
          .domain([0, Math.max(1e-9, maxOf(row.points))])
          .nice(4)
          .range([plotLeft, plotRight]);
    const labelY = y + ROW.label - 3;
    const sublabelY = y + ROW.label + ROW.sublabel - 3;
    const lineY = y + ROW.label + ROW.sublabel + ROW.gap;
    const sorted = [...row.points].sort((a, b) => a.lo - b.lo);
    // Two points: labels left of the lower dot and right of the higher one. One point: right of it.
    // More, or a phone-width chart: a labelled list under the line, highest first, so no two
    // labels can collide or run off the edge.
    const listed = sorted.length > 2 || o.width < 520;
    const byValue = [...sorted].sort((a, b) => b.hi - a.hi);
    const points: DumbbellPoint[] = sorted.map((p, i) => {
      const cx0 = x(p.lo);
      const cx1 = x(p.hi);
      if (listed) {
        const rank = byValue.indexOf(p);
        return {
          ...p,
          cx0,
          cx1,
          labelX: plotLeft + 14,
          labelY: lineY + 26 + rank * LIST_LINE,
          anchor: 'start' as const,
        };
      }
      if (sorted.length === 2 && i === 0)
        return { ...p, cx0, cx1, labelX: cx0 - 10, labelY: lineY + 4, anchor: 'end' as const };
      return { ...p, cx0, cx1, labelX: cx1 + 10, labelY: lineY + 4, anchor: 'start' as const };
    });
    // A label that would run off an edge goes under the line, at that edge.
    for (const p of points) {
      const room = (p.valueText.length + p.name.length + 1) * 6.8;
      if (!listed && p.anchor === 'end' && p.labelX - room < 0)
        Object.assign(p, { labelX: plotLeft, labelY: lineY + 24, anchor: 'start' });
      if (!listed && p.anchor === 'start' && p.labelX + room > o.width)
        Object.assign(p, { labelX: o.width - 2, labelY: lineY + 24, anchor: 'end' });
    }
    const listHeight = listed ? sorted.length * LIST_LINE + 8 : points.some((p) => p.labelY > lineY + 10) ? 16 : 0;
    y = lineY + ROW.line + ROW.after + listHeight;
    return {
      key: row.key,
      label: row.label,
      sublabel: row.sublabel,
      labelY,
      sublabelY,
      y: lineY,
      x0: Math.min(...points.map((p) => p.cx0)),
      x1: Math.max(...points.map((p) => p.cx1)),
      points,
      listed,
    };
  });
  const axis = o.sharedScale ? { y, ticks: shared.ticks(5).map((t) => ({ x: shared(t), label: o.format(t) })) } : null;
  return { width: o.width, height: y + (axis ? 20 : 0), plotLeft, plotRight, axis, rows: out };
}
