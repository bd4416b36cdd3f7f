import { scaleLinear, scaleUtc } from 'd3-scale';
import { utcMonth, utcYear } from 'd3-time';
import { placeEvents, type ChartEvent, type EventMark } from '../events/event-layout';
import { byCodeUnits, shortMonth } from '../../lib/text-order';

/** One price in force over a window: the input to {@link layoutSteps}. */
export interface StepInput {
  key: string;
  /** First day in force; null = unknown start (drawn from the left edge, dashed). */
  from: string | null;
  /** First day no longer in force (exclusive); null = still in force. */
  to: string | null;
  /** Price per 1M tokens as exact decimal text, or null when the source gives none. */
  value: string | null;
  /** The start date is approximate (snapshot, month, "late 2024"…). */
  approximate: boolean;
  description: string;
}

export interface StepSeriesInput {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  steps: StepInput[];
}

export interface StepMark {
  key: string;
  x1: number;
  x2: number;
  y: number;
  /** Start unknown: the segment begins at the chart's edge and is drawn dashed. */
  openStart: boolean;
  approximate: boolean;
  description: string;
}

export interface StepSeries {
  key: string;
  name: string;
  color: string;
  dashed: boolean;
  marks: StepMark[];
  /** Vertical joins where one price gives way to the next. */
  risers: Array<{ x: number; y1: number; y2: number; approximate: boolean }>;
  label: { x: number; y: number; text: string } | null;
}

export interface StepLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  series: StepSeries[];
  markers: Array<{ x: number; label: string; date: string; anchor: 'start' | 'end' }>;
  /** Market events within the time axis, as numbered markers along the top. */
  events: EventMark[];
  eventStripY: number;
}

export interface StepLayoutOptions {
  width: number;
  height: number;
  /** Time axis, ISO days: the same for every small multiple so they line up. */
  domain: [string, string];
  markers?: Array<{ date: string; label: string }>;
  /** Formats a y tick or end label (value per 1M). */
  format: (value: number) => string;
  /** Market events to mark along the top (already filtered to the vendor shown). */
  events?: readonly ChartEvent[];
}

const t = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Lays out a price-history step chart: each price a horizontal segment over its window on a time
 * axis, joined by vertical risers at each change (dashed when the change date is approximate), an
 * unknown start drawn from the left edge, and dated markers (the May 2024 price cuts) as vertical
 * rules. Prices arrive as decimal text; numbers are used for pixel positions only.
 */
export function layoutSteps(input: readonly StepSeriesInput[], o: StepLayoutOptions): StepLayout {
  const narrow = o.width < 480;
  const withEvents = (o.events?.length ?? 0) > 0;
  const margin = { top: withEvents ? 46 : 26, right: narrow ? 84 : 96, bottom: 24, left: 48 };
  const x = scaleUtc()
    .domain([t(o.domain[0]), t(o.domain[1])])
    .range([margin.left, o.width - margin.right]);
  const values = input.flatMap((s) => s.steps.flatMap((st) => (st.value === null ? [] : [Number(st.value)])));
  const y = scaleLinear()
    .domain([0, Math.max(...values, 0) || 1])
    .nice(4)
    .range([o.height - margin.bottom, margin.top]);
  const left = x.range()[0]!;
  const right = x.range()[1]!;
  const clampX = (d: Date) => Math.max(left, Math.min(right, x(d)));

  const series: StepSeries[] = input.map((s) => {
    const steps = [...s.steps]
      .filter((st) => st.value !== null)
      .sort((a, b) => byCodeUnits(a.from ?? '', b.from ?? ''));
    const marks: StepMark[] = steps.map((st) => ({
      key: st.key,
      x1: st.from === null ? left : clampX(t(st.from)),
      x2: st.to === null ? right : clampX(t(st.to)),
      y: y(Number(st.value)),
      openStart: st.from === null,
      approximate: st.approximate,
      description: st.description,
    }));
    const risers: StepSeries['risers'] = [];
    for (let i = 1; i < marks.length; i++) {
      const prev = marks[i - 1]!;
      const cur = marks[i]!;
      if (Math.abs(prev.x2 - cur.x1) < 0.5)
        risers.push({ x: cur.x1, y1: prev.y, y2: cur.y, approximate: cur.approximate });
    }
    const last = steps[steps.length - 1];
    return {
      key: s.key,
      name: s.name,
      color: s.color,
      dashed: s.dashed ?? false,
      marks,
      risers,
      label:
        last && last.to === null
          ? { x: right + 4, y: y(Number(last.value)), text: `${s.name} ${o.format(Number(last.value))}` }
          : null,
    };
  });

  // End labels: keep them at least 12px apart.
  const labelled = series.filter((s) => s.label).sort((a, b) => a.label!.y - b.label!.y);
  for (let i = 1; i < labelled.length; i++) {
    const prev = labelled[i - 1]!.label!;
    const cur = labelled[i]!.label!;
    if (cur.y - prev.y < 12) cur.y = prev.y + 12;
  }

  const spanDays = (t(o.domain[1]).getTime() - t(o.domain[0]).getTime()) / 864e5;
  const ticks = spanDays > 900 ? x.ticks(utcYear.every(1)!) : x.ticks(utcMonth.every(narrow ? 6 : 3)!);
  const xTicks = ticks.map((d) => ({
    x: x(d),
    label:
      d.getUTCMonth() === 0
        ? String(d.getUTCFullYear())
        : shortMonth(d.getUTCMonth()),
  }));
  const yTicks = y.ticks(4).map((v) => ({ y: y(v), label: o.format(v) }));
  const markers = (o.markers ?? [])
    .filter((m) => m.date >= o.domain[0] && m.date <= o.domain[1])
    .sort((a, b) => byCodeUnits(a.date, b.date))
    .map((m, i) => ({
      x: x(t(m.date)),
      label: m.label,
      date: m.date,
      anchor: (i % 2 === 0 ? 'end' : 'start') as 'start' | 'end',
    }));
  const events = placeEvents(o.events ?? [], (ms) => x(new Date(ms)), [left, right]);
  return { width: o.width, height: o.height, margin, xTicks, yTicks, series, markers, events, eventStripY: 17 };
}
