import { byCodeUnits } from '../../lib/text-order';

/** A dated market event as a chart draws it (see `toChartEvents` for the mapping from the API). */
export interface ChartEvent {
  id: string;
  /** First and last day the date may fall on (ISO days, inclusive): one day, or a whole month. */
  start: string;
  end: string;
  /** As the source dates it: an exact day, a month, or an approximate date. */
  precision: 'day' | 'month' | 'approx';
  /** The date in words, never more precise than the source: "15 May 2024", "May 2024", "c. Sep 2024". */
  dateText: string;
  title: string;
  kind: string;
  /** The vendors it is about, as the source names them. */
  vendors: string;
  /** Where it was read: the site and the source quality. */
  source: string;
}

/** One marker on the chart: an event, or several so close in time that they share a marker. */
export interface EventMark {
  key: string;
  /** 1-based, in date order; exports list the events under these numbers. */
  number: number;
  x: number;
  /** The span covered (a month, or several clustered events); x0 === x1 for a single exact day. */
  x0: number;
  x1: number;
  /** Drawn hollow: at least one of its events has an approximate date. */
  approx: boolean;
  /** Where each of its events may fall: a point for a day (x0 === x1), a span for a month. */
  spans: Array<{ x0: number; x1: number }>;
  events: ChartEvent[];
  description: string;
}

const DAY = 864e5;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** "Event 2: May 2024 (month), ByteDance launches … (pricing; ByteDance; source: …)". */
export function describeEvent(e: ChartEvent): string {
  const precision = e.precision === 'day' ? '' : e.precision === 'month' ? ' (sometime that month)' : ' (approximate date)';
  return `${e.dateText}${precision}: ${e.title} (${e.kind}; ${e.vendors}; source: ${e.source})`;
}

/**
 * Places events on a time axis: each at the middle of the days it may fall on (a month-dated event
 * spans its month, so it is never drawn as an exact day), those closer than `minGap` px merged
 * into one numbered marker, events outside the axis left out. `x` maps a time in ms to px.
 */
export function placeEvents(
  events: readonly ChartEvent[],
  x: (t: number) => number,
  [left, right]: [number, number],
  minGap = 16,
): EventMark[] {
  const placed = events
    .map((e) => {
      const x0 = x(ms(e.start));
      const x1 = x(ms(e.end) + DAY);
      return { e, x0: Math.max(left, x0), x1: Math.min(right, x1), mid: (x0 + x1) / 2 };
    })
    .filter((p) => p.mid >= left - 0.5 && p.mid <= right + 0.5)
    .sort((a, b) => byCodeUnits(a.e.start, b.e.start) || byCodeUnits(a.e.id, b.e.id));
  const clusters: Array<typeof placed> = [];
  for (const p of placed) {
    const last = clusters[clusters.length - 1];
    const lastMid = last ? last.reduce((s, q) => s + q.mid, 0) / last.length : -Infinity;
    if (last && p.mid - lastMid < minGap) last.push(p);
    else clusters.push([p]);
  }
  return clusters.map((c, i) => {
    const mid = c.reduce((s, q) => s + q.mid, 0) / c.length;
    const list = c.map((q) => q.e);
    const single = list.length === 1 && list[0]!.precision === 'day';
    const spans = c.map((q) => (q.e.start === q.e.end ? { x0: q.mid, x1: q.mid } : { x0: q.x0, x1: q.x1 }));
    return {
      key: list.map((e) => e.id).join('+'),
      number: i + 1,
      x: Math.max(left, Math.min(right, mid)),
      x0: single ? mid : Math.min(...c.map((q) => q.x0)),
      x1: single ? mid : Math.max(...c.map((q) => q.x1)),
      approx: list.some((e) => e.precision === 'approx'),
      spans,
      events: list,
      description: `Event ${i + 1}${list.length > 1 ? ` (${list.length} events)` : ''}: ${list.map(describeEvent).join('; ')}`,
    };
  });
}

/** Lines for an export's note or a text alternative: "1 · 15 May 2024 · ByteDance launches …". */
export function eventNoteLines(marks: readonly EventMark[]): string[] {
  return marks.flatMap((m) =>
    m.events.map((e) => `${m.number} · ${e.dateText} · ${e.title} (${e.source})`),
  );
}

/** The notes an exported chart carries about its event markers: a heading line, then one line per event. */
export function eventExportNotes(marks: readonly EventMark[]): string[] {
  if (marks.length === 0) return [];
  return [
    'Events marked (numbers on the chart; “c.” = approximate date, a month name = sometime that month):',
    ...eventNoteLines(marks),
  ];
}
