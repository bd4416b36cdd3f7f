import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { utcYear } from 'd3-time';
import { formatPeriod, type ShareFigureWithSource, type SourceQuality } from '@dash/domain';
import { placeEvents, type ChartEvent, type EventMark } from '../events/event-layout';
import { byCodeUnits } from '../../lib/text-order';

export interface TrendPoint {
  key: string;
  x: number;
  y: number;
  figure: ShareFigureWithSource;
  /** False for a figure that the line does not pass through (another source's value for the same period). */
  onLine: boolean;
  description: string;
}

export interface TrendSeries {
  key: string;
  name: string;
  color: string;
  dashed: boolean;
  /** One path per publisher: a series that changes publisher is not drawn as one continuous line. */
  paths: Array<{ publisher: string; d: string }>;
  points: TrendPoint[];
  /** Vertical spans where sources disagree about one period. */
  ranges: Array<{ x: number; y0: number; y1: number }>;
  label: { x: number; y: number; text: string };
}

export interface TrendLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  series: TrendSeries[];
  /** Plain-language notes the chart needs (publisher changes within a series). */
  notes: string[];
  /** Narrow charts list series in a legend below instead of labelling line ends. */
  legend: boolean;
  /** Market events within the time axis, as numbered markers along the top. */
  events: EventMark[];
  /** Baseline of the event markers (above the plot). */
  eventStripY: number;
}

export interface TrendLayoutOptions {
  width: number;
  height: number;
  colorOf: (figure: ShareFigureWithSource) => string;
  /** Market events to mark along the top (already filtered to the subjects shown). */
  events?: readonly ChartEvent[];
}

const QUALITY_RANK: Record<SourceQuality, number> = {
  primary: 0,
  press: 1,
  community: 2,
  secondary: 3,
};

/** Which of several figures for one subject and period the line passes through: best source quality, then newest. */
export function preferFigure(a: ShareFigureWithSource, b: ShareFigureWithSource): number {
  return (
    QUALITY_RANK[a.source.quality] - QUALITY_RANK[b.source.quality] ||
    byCodeUnits(b.source.publishedDate ?? '', a.source.publishedDate ?? '') ||
    byCodeUnits(a.id, b.id)
  );
}

const midpoint = (f: ShareFigureWithSource) => {
  const s = Date.parse(`${f.period.startDate}T00:00:00Z`);
  const e = Date.parse(`${f.period.endDate}T23:59:59Z`);
  return new Date(s + (e - s) / 2);
};

/** "Alibaba Cloud + Huawei Cloud + Tencent Cloud" → "Alibaba + Huawei + Tencent" for direct labels. */
export function shortName(f: Pick<ShareFigureWithSource, 'subjectKind' | 'subjectName'>): string {
  if (f.subjectKind !== 'group') return f.subjectName;
  return f.subjectName
    .split(' + ')
    .map((n) => n.split(' ')[0])
    .join(' + ');
}

/**
 * Lays out share-over-time: one series per subject, points at each period's midpoint on a time
 * axis, a line per publisher through the preferred figure of each period, every other source's
 * figure drawn as its own point with a range bar, and direct labels at each series' end pushed
 * apart so they never overlap.
 */
export function layoutTrend(figures: readonly ShareFigureWithSource[], o: TrendLayoutOptions): TrendLayout {
  const narrow = o.width < 520;
  const withEvents = (o.events?.length ?? 0) > 0;
  const margin = { top: withEvents ? 34 : 12, right: narrow ? 14 : 150, bottom: 28, left: 40 };
  const plotW = Math.max(60, o.width - margin.left - margin.right);
  const plotH = Math.max(60, o.height - margin.top - margin.bottom);
  const empty: TrendLayout = {
    width: o.width,
    height: o.height,
    margin,
    xTicks: [],
    yTicks: [],
    series: [],
    notes: [],
    legend: narrow,
    events: [],
    eventStripY: margin.top - 6,
  };
  if (figures.length === 0) return empty;

  const minT = Math.min(...figures.map((f) => Date.parse(f.period.startDate)));
  const maxT = Math.max(...figures.map((f) => Date.parse(f.period.endDate)));
  const x = scaleUtc()
    .domain([new Date(minT), new Date(maxT)])
    .range([margin.left, margin.left + plotW]);
  const maxPct = Math.max(...figures.map((f) => f.sharePct));
  const y = scaleLinear()
    .domain([0, Math.max(5, maxPct)])
    .nice(5)
    .range([margin.top + plotH, margin.top]);

  const bySubject = new Map<string, ShareFigureWithSource[]>();
  figures.forEach((f) => bySubject.set(f.subjectId, [...(bySubject.get(f.subjectId) ?? []), f]));
  const notes: string[] = [];
  const series: TrendSeries[] = [];
  for (const [key, list] of bySubject) {
    const byPeriod = new Map<string, ShareFigureWithSource[]>();
    list.forEach((f) => byPeriod.set(f.period.label, [...(byPeriod.get(f.period.label) ?? []), f]));
    const points: TrendPoint[] = [];
    const ranges: TrendSeries['ranges'] = [];
    const chosen: ShareFigureWithSource[] = [];
    for (const group of byPeriod.values()) {
      const sorted = [...group].sort(preferFigure);
      chosen.push(sorted[0]!);
      const px = x(midpoint(sorted[0]!));
      sorted.forEach((f, i) =>
        points.push({
          key: f.id,
          x: px,
          y: y(f.sharePct),
          figure: f,
          onLine: i === 0,
          description: `${f.subjectName}, ${formatPeriod(f.period.label)}: ${f.sharePctText}% (${f.source.publisher}, ${f.source.quality} source)`,
        }),
      );
      const values = group.map((f) => f.sharePct);
      if (Math.min(...values) !== Math.max(...values)) {
        ranges.push({
          x: px,
          y0: y(Math.min(...values)),
          y1: y(Math.max(...values)),
        });
      }
    }
    chosen.sort((a, b) => byCodeUnits(a.period.endDate, b.period.endDate));
    const publishers = [...new Set(chosen.map((f) => f.source.publisher))];
    const draw = line<ShareFigureWithSource>()
      .x((f) => x(midpoint(f)))
      .y((f) => y(f.sharePct));
    const paths = publishers.map((publisher) => ({
      publisher,
      d: draw(chosen.filter((f) => f.source.publisher === publisher)) ?? '',
    }));
    const first = list[0]!;
    if (publishers.length > 1)
      notes.push(
        `${shortName(first)}: the series changes publisher (${publishers.join(' → ')}); the lines are not joined.`,
      );
    const last = chosen[chosen.length - 1]!;
    series.push({
      key,
      name: first.subjectName,
      color: o.colorOf(first),
      dashed: first.subjectKind === 'group',
      paths,
      points,
      ranges,
      label: {
        x: x(midpoint(last)) + 8,
        y: y(last.sharePct),
        text: `${shortName(first)} ${last.sharePctText}%`,
      },
    });
  }

  // Direct labels sit at each series' last point, clamped to the right margin and pushed apart.
  const labelX = margin.left + plotW + 8;
  const sorted = [...series].sort((a, b) => a.label.y - b.label.y);
  const GAP = 14;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!;
    s.label.x = Math.max(s.label.x, labelX);
    if (i > 0) s.label.y = Math.max(s.label.y, sorted[i - 1]!.label.y + GAP);
  }
  const bottom = margin.top + plotH;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const s = sorted[i]!;
    const limit = i === sorted.length - 1 ? bottom : sorted[i + 1]!.label.y - GAP;
    s.label.y = Math.min(s.label.y, limit);
  }
  for (const s of series) s.label.x = labelX;

  const spanYears = (maxT - minT) / (365.25 * 864e5);
  let xTicks: TrendLayout['xTicks'];
  if (spanYears < 2.5) {
    // A short span: label the periods themselves (2025 H1, 2025 H2) rather than months.
    const seen = new Map<string, ShareFigureWithSource>();
    figures.forEach((f) => seen.set(f.period.label, f));
    xTicks = [...seen.values()].map((f) => ({
      x: x(midpoint(f)),
      label: formatPeriod(f.period.label),
    }));
  } else {
    const step = Math.max(1, Math.ceil(spanYears / (narrow ? 3 : 7)));
    xTicks = x.ticks(utcYear.every(step)!).map((d) => ({ x: x(d), label: String(d.getUTCFullYear()) }));
  }
  const yTicks = y.ticks(5).map((v) => ({ y: y(v), label: `${v}%` }));
  return {
    width: o.width,
    height: o.height,
    margin,
    xTicks,
    yTicks,
    series,
    notes,
    legend: narrow,
    events: placeEvents(o.events ?? [], (t) => x(new Date(t)), [margin.left, margin.left + plotW]),
    eventStripY: margin.top - 6,
  };
}
