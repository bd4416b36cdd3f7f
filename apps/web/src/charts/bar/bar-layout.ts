import { scaleLinear } from 'd3-scale';
import type { ShareFigureWithSource, Snapshot, SnapshotRow } from '@dash/domain';

export interface BarMark {
  key: string;
  kind: 'vendor' | 'group' | 'remainder';
  name: string;
  /** Why the bar looks different, shown next to the name ("combined figure, not added to the total"). */
  note: string | null;
  /** "35.8%", or "8.2–8.8%" when sources disagree. */
  valueLabel: string;
  /** Name baseline, bar top and bar height, in px from the top of the chart. */
  labelY: number;
  /** Baseline of the note on its own line (narrow charts), or null when it follows the name. */
  noteY: number | null;
  barY: number;
  barHeight: number;
  /** Solid bar from the axis to the lowest figure, then (when sources disagree) a range to the highest. */
  x0: number;
  x1: number;
  rangeX1: number | null;
  valueX: number;
  color: string;
  figures: ShareFigureWithSource[];
  /** Text for screen readers and tooltips. */
  description: string;
}

export interface BarLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  axisY: number;
  ticks: Array<{ x: number; label: string }>;
  marks: BarMark[];
}

/** A bar's value other than its share (a derived absolute estimate), with its label and description. */
export interface BarValue {
  lo: number;
  hi: number;
  label: string;
  description: string;
}

export interface BarLayoutOptions {
  width: number;
  colorOf: (row: SnapshotRow<ShareFigureWithSource>) => string;
  /**
   * Absolute mode: each row's value in another unit, or null to leave the row out (no matching
   * total). The remainder is not drawn in this mode. Ticks use `tickFormat`.
   */
  valueFor?: (row: SnapshotRow<ShareFigureWithSource>) => BarValue | null;
  tickFormat?: (v: number) => string;
}

const ROW = { label: 15, gap: 3, bar: 16, after: 14 };
const VALUE_SPACE = 78;
export const REMAINDER_COLOR = '#BDBDBD';

const pct = (text: string) => `${text}%`;

function valueLabelOf(row: SnapshotRow<ShareFigureWithSource>): string {
  const texts = [...new Set(row.figures.map((f) => f.sharePctText))];
  if (texts.length === 1) return pct(texts[0]!);
  const lo = row.figures[row.figures.length - 1]!.sharePctText;
  const hi = row.figures[0]!.sharePctText;
  return `${lo}–${hi}%`;
}

function noteOf(row: SnapshotRow<ShareFigureWithSource>): string | null {
  const notes: string[] = [];
  if (row.subjectKind === 'group') {
    notes.push(row.countedInTotal ? 'combined figure' : 'combined figure, members shown separately');
  }
  if (row.modelFamily) notes.push('model family');
  const values = new Set(row.figures.map((f) => f.sharePctText));
  if (row.figures.length > 1)
    notes.push(values.size > 1 ? `${row.figures.length} sources disagree` : `${row.figures.length} sources agree`);
  return notes.length > 0 ? notes.join(' · ') : null;
}

/**
 * Places one horizontal bar per subject of a market-period snapshot, largest first, with the name
 * above its bar (so long names fit at phone width), the value at the bar's end, a range where
 * sources disagree, and the explicit "others / not reported" remainder last.
 */
export function layoutBars(
  snapshot: Snapshot<ShareFigureWithSource>,
  { width, colorOf, valueFor, tickFormat = (t) => `${t}%` }: BarLayoutOptions,
): BarLayout {
  const plotLeft = 0;
  const plotRight = Math.max(120, width - VALUE_SPACE);
  const valued = snapshot.rows.flatMap((row) => {
    if (!valueFor) {
      const label = valueLabelOf(row);
      const publishers = [...new Set(row.figures.map((f) => f.source.publisher))].join(', ');
      const description = `${row.subjectName}: ${label} (${publishers})${row.subjectKind === 'group' ? ', combined figure' : ''}`;
      return [{ row, value: { lo: row.minPct, hi: row.maxPct, label, description } }];
    }
    const value = valueFor(row);
    return value ? [{ row, value }] : [];
  });
  const remainder = valueFor ? null : snapshot.remainder;
  const max = Math.max(1e-9, ...valued.map((v) => v.value.hi), remainder ? remainder.maxPct : 0);
  const x = scaleLinear().domain([0, max]).nice(4).range([plotLeft, plotRight]);
  const marks: BarMark[] = [];
  let y = 0;
  // On narrow charts a note gets a line of its own rather than running off the edge.
  const narrow = width < 560;
  const place = (m: Omit<BarMark, 'labelY' | 'noteY' | 'barY' | 'barHeight'>) => {
    const noteLine = narrow && m.note !== null ? ROW.label : 0;
    marks.push({
      ...m,
      labelY: y + ROW.label - 3,
      noteY: noteLine > 0 ? y + ROW.label + noteLine - 4 : null,
      barY: y + ROW.label + noteLine + ROW.gap,
      barHeight: ROW.bar,
    });
    y += ROW.label + noteLine + ROW.gap + ROW.bar + ROW.after;
  };
  for (const { row, value } of valued) {
    const x1 = x(value.lo);
    const rangeX1 = value.hi > value.lo ? x(value.hi) : null;
    const valueLabel = value.label;
    place({
      key: row.subjectId,
      kind: row.subjectKind,
      name: row.subjectName,
      note: noteOf(row),
      valueLabel,
      x0: plotLeft,
      x1,
      rangeX1,
      valueX: (rangeX1 ?? x1) + 6,
      color: colorOf(row),
      figures: row.figures,
      description: value.description,
    });
  }
  if (remainder) {
    const r = remainder;
    const label = `${r.text}%`;
    place({
      key: '__remainder',
      kind: 'remainder',
      name: 'Others / not reported',
      note: 'derived: 100% minus the figures shown',
      valueLabel: label,
      x0: plotLeft,
      x1: x(r.minPct),
      rangeX1: r.maxPct > r.minPct ? x(r.maxPct) : null,
      valueX: x(r.maxPct) + 6,
      color: REMAINDER_COLOR,
      figures: [],
      description: `Others or not reported: ${label}, derived as 100% minus the figures shown`,
    });
  }
  const axisY = y;
  const ticks = x.ticks(4).map((t) => ({ x: x(t), label: tickFormat(t) }));
  return {
    width,
    height: axisY + 20,
    plotLeft,
    plotRight,
    axisY,
    ticks,
    marks,
  };
}
