import { scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import type { ShareFigureWithSource } from '@dash/domain';

/** One band of a row as the caller knows it: its key, names, exact published value and the figures it adds up. */
export interface StackedSegmentInput {
  key: string;
  /** Full name for tooltips and screen readers ("Open: publishes weights of everything listed"). */
  name: string;
  /** Short name for a direct label inside the band ("Open"). */
  shortName: string;
  pct: number;
  /** The value as published, without the % sign ("18.4"). */
  valueText: string;
  figures: ShareFigureWithSource[];
}

export interface StackedRowInput {
  key: string;
  /** Row label ("2025 H2"). */
  label: string;
  segments: StackedSegmentInput[];
  /** "Others / not reported": 100% minus every counted figure, or null when nothing is left. */
  remainder: { pct: number; valueText: string } | null;
}

export interface StackedMark {
  key: string;
  /** The band key, or {@link REMAINDER_KEY}. */
  bandKey: string;
  kind: 'band' | 'remainder';
  /** Full band name ("Open: publishes weights of everything listed"). */
  name: string;
  /** Short title for the tooltip ("Open, 2025 H2: 18.4%"). */
  title: string;
  valueText: string;
  x0: number;
  x1: number;
  /** Text drawn inside the band ("Open 18.4%", or "18.4%" when only the value fits), or null when nothing fits. */
  label: string | null;
  labelX: number;
  figures: ShareFigureWithSource[];
  /** For screen readers and the tooltip title. */
  description: string;
}

export interface StackedRow {
  key: string;
  label: string;
  /** Baseline of the row label: left of the bar on wide charts, above it on narrow ones. */
  labelX: number;
  labelY: number;
  barY: number;
  barHeight: number;
  marks: StackedMark[];
}

export interface StackedLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  /** Narrow charts put each row's label above its bar instead of beside it. */
  labelsAbove: boolean;
  axisY: number;
  ticks: Array<{ x: number; label: string }>;
  rows: StackedRow[];
}

export interface StackedLayoutOptions {
  width: number;
  /** Band keys in stacking order, left to right; the remainder always comes last. */
  order: readonly string[];
  remainderName?: string;
}

export const REMAINDER_KEY = '__remainder';
/** Below this width row labels go above the bars. */
export const NARROW_WIDTH = 480;
const LABEL_COLUMN = 84;
const BAR = 26;
const ROW_GAP = 12;
const ABOVE_LABEL = 17;
/** Approximate advance of a 12px system-font character, plus padding either side of a label. */
const CHAR_PX = 7;
const LABEL_PAD = 6;

const fits = (text: string, width: number) => text.length * CHAR_PX + 2 * LABEL_PAD <= width;

/**
 * Places one 100% horizontal stacked bar per row: bands in the given order from the left, then the
 * explicit remainder, widths in proportion to the published values on a 0–100% axis (wider only if
 * a row sums over 100%, which is a data error the caller reports). A band's direct label is its
 * short name and value where that fits, else the value alone, else nothing (the tooltip, the aria
 * label and the table still carry it).
 */
export function layoutStacked(rows: readonly StackedRowInput[], options: StackedLayoutOptions): StackedLayout {
  const { width, order } = options;
  const remainderName = options.remainderName ?? 'Others / not reported';
  const labelsAbove = width < NARROW_WIDTH;
  const plotLeft = labelsAbove ? 0 : LABEL_COLUMN;
  const plotRight = Math.max(plotLeft + 100, width - 2);
  const keys = [...order, REMAINDER_KEY];

  type Datum = Record<string, number>;
  const data: Datum[] = rows.map((r) => {
    const d: Datum = {};
    for (const s of r.segments) d[s.key] = s.pct;
    d[REMAINDER_KEY] = r.remainder?.pct ?? 0;
    return d;
  });
  const series = stack<Datum>()
    .keys(keys)
    .value((d, key) => d[key] ?? 0)(data);
  const total = Math.max(100, ...series.flatMap((s) => s.map((p) => p[1])));
  const x = scaleLinear().domain([0, total]).range([plotLeft, plotRight]);

  let y = 0;
  const placed: StackedRow[] = rows.map((row, i) => {
    const marks: StackedMark[] = [];
    for (const [k, key] of keys.entries()) {
      const point = series[k]![i]!;
      const seg = row.segments.find((s) => s.key === key);
      const isRemainder = key === REMAINDER_KEY;
      if (!seg && !(isRemainder && row.remainder)) continue;
      const x0 = x(point[0]);
      const x1 = x(point[1]);
      const valueText = seg ? seg.valueText : row.remainder!.valueText;
      const value = `${valueText}%`;
      const shortName = seg ? seg.shortName : 'Others';
      const full = `${shortName} ${value}`;
      const label = fits(full, x1 - x0) ? full : fits(value, x1 - x0) ? value : null;
      const name = seg ? seg.name : remainderName;
      const counted = seg
        ? seg.figures.map((f) => `${f.subjectName} ${f.sharePctText}% (${f.source.publisher})`).join('; ')
        : 'derived as 100% minus the figures counted';
      marks.push({
        key: `${row.key}:${key}`,
        bandKey: key,
        kind: isRemainder ? 'remainder' : 'band',
        name,
        title: `${seg ? seg.shortName : remainderName}, ${row.label}: ${value}`,
        valueText,
        x0,
        x1,
        label,
        labelX: x0 + LABEL_PAD,
        figures: seg?.figures ?? [],
        description: `${seg ? seg.shortName : remainderName}, ${row.label}: ${value}; ${counted}`,
      });
    }
    const top = y + (labelsAbove ? ABOVE_LABEL : 0);
    const placedRow: StackedRow = {
      key: row.key,
      label: row.label,
      labelX: 0,
      labelY: labelsAbove ? y + ABOVE_LABEL - 5 : top + BAR / 2 + 4,
      barY: top,
      barHeight: BAR,
      marks,
    };
    y = top + BAR + ROW_GAP;
    return placedRow;
  });

  const axisY = Math.max(0, y - ROW_GAP + 4);
  const ticks = [0, 25, 50, 75, 100].map((t) => ({ x: x(t), label: `${t}%` }));
  return { width, height: axisY + 18, plotLeft, plotRight, labelsAbove, axisY, ticks, rows: placed };
}
