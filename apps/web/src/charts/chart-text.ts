import { formatPeriod, type ShareFigureWithSource } from '@dash/domain';
import type { BarLayout } from './bar/bar-layout';
import type { DumbbellLayout } from './dumbbell/dumbbell-layout';
import type { EventMark } from './events/event-layout';
import type { DataTableSpec } from './frame/data-table';
import type { StackedLayout } from './stacked/stacked-layout';
import type { TrendLayout } from './trend/trend-layout';

/*
 * Text alternatives of the charts, computed from their layouts: a summary sentence (the chart's
 * accessible description) and data tables with every number the chart draws, so a screen-reader
 * or keyboard user can get each of them without the picture.
 */

const sourceOf = (f: ShareFigureWithSource) =>
  `${f.source.publisher}${f.source.publishedDate ? `, published ${f.source.publishedDate}` : ''} (${f.source.quality})`;

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** "5 bars, largest first: Alibaba Cloud 37%, Huawei Cloud 18% … and Others / not reported 46%." */
export function summarizeBars(layout: BarLayout): string {
  const parts = layout.marks.map((m) => `${m.name} ${m.valueLabel}${m.kind === 'group' ? ' (combined figure)' : ''}`);
  return `${layout.marks.length} ${layout.marks.length === 1 ? 'bar' : 'bars'}, largest first: ${list(parts)}.`;
}

export function barTable(layout: BarLayout, caption: string, valueLabel = 'Share'): DataTableSpec {
  return {
    caption,
    columns: [{ label: 'Vendor' }, { label: valueLabel, numeric: true }, { label: 'Sources' }, { label: 'Note' }],
    rows: layout.marks.map((m) => [
      m.name,
      m.valueLabel,
      m.figures.length > 0 ? m.figures.map((f) => `${f.sharePctText}%: ${sourceOf(f)}`).join('; ') : 'derived',
      m.note ?? '',
    ]),
  };
}

/** Per series, first and last value on its line: "Alibaba Cloud from 33% (2021 Q1) to 37% (2025 Q4)". */
export function summarizeTrend(layout: TrendLayout): string {
  const parts = layout.series.map((s) => {
    const onLine = s.points.filter((p) => p.onLine).sort((a, b) => a.x - b.x);
    const first = onLine[0];
    const last = onLine[onLine.length - 1];
    if (!first || !last) return s.name;
    const at = (p: typeof first) => `${p.figure.sharePctText}% (${formatPeriod(p.figure.period.label)})`;
    return first === last ? `${s.name} ${at(first)}` : `${s.name} from ${at(first)} to ${at(last)}`;
  });
  const events = layout.events.reduce((n, m) => n + m.events.length, 0);
  return `${layout.series.length} ${layout.series.length === 1 ? 'series' : 'series'}: ${parts.join('; ')}.${
    events > 0 ? ` ${events} market ${events === 1 ? 'event is' : 'events are'} marked along the top.` : ''
  }`;
}

export function trendTable(layout: TrendLayout, caption: string): DataTableSpec {
  const rows = layout.series.flatMap((s) =>
    [...s.points]
      .sort((a, b) => a.x - b.x || Number(b.onLine) - Number(a.onLine))
      .map((p) => [
        s.name,
        formatPeriod(p.figure.period.label),
        `${p.figure.sharePctText}%`,
        sourceOf(p.figure),
        p.onLine ? 'on the line' : 'another source, drawn as a point',
      ]),
  );
  return {
    caption,
    columns: [{ label: 'Vendor' }, { label: 'Period' }, { label: 'Share', numeric: true }, { label: 'Source' }, { label: 'Drawn' }],
    rows,
  };
}

/** The events a chart marks, by marker number, with their dates as precise as the sources give them. */
export function eventsTable(marks: readonly EventMark[], caption = 'Market events marked on the chart'): DataTableSpec {
  return {
    caption,
    columns: [{ label: 'Marker' }, { label: 'Date' }, { label: 'Event' }, { label: 'Kind' }, { label: 'Vendors' }, { label: 'Source' }],
    rows: marks.flatMap((m) =>
      m.events.map((e) => [
        String(m.number),
        `${e.dateText}${e.precision === 'month' ? ' (month)' : e.precision === 'approx' ? ' (approximate)' : ''}`,
        e.title,
        e.kind,
        e.vendors,
        e.source,
      ]),
    ),
  };
}

export function dumbbellTable(layout: DumbbellLayout, caption: string): DataTableSpec {
  return {
    caption,
    columns: [{ label: 'Market' }, { label: 'Period and sources' }, { label: 'Who' }, { label: 'Value', numeric: true }],
    rows: layout.rows.flatMap((r) => r.points.map((p) => [r.label, r.sublabel, p.name, p.valueText])),
  };
}

export function stackedTable(layout: StackedLayout, caption: string): DataTableSpec {
  return {
    caption,
    columns: [{ label: 'Period' }, { label: 'Band' }, { label: 'Share', numeric: true }, { label: 'Figures counted' }],
    rows: layout.rows.flatMap((r) =>
      r.marks.map((m) => [
        r.label,
        m.name,
        `${m.valueText}%`,
        m.figures.length > 0
          ? m.figures.map((f) => `${f.subjectName} ${f.sharePctText}% (${sourceOf(f)})`).join('; ')
          : 'derived: 100% minus the figures counted',
      ]),
    ),
  };
}

/** "2025 H2: Open 18.4%, Mixed 40% …; 2025 H1: …" — newest row first, as drawn. */
export function summarizeStacked(layout: StackedLayout): string {
  return `${layout.rows
    .map((r) => `${r.label}: ${r.marks.map((m) => `${m.kind === 'remainder' ? 'others / not reported' : m.name.split(':')[0]} ${m.valueText}%`).join(', ')}`)
    .join('; ')}.`;
}
