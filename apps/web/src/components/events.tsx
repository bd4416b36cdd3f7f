import { formatEventDate, type EventKind, type MarketEvent } from '@dash/domain';
import type { ChartEvent } from '../charts/events/event-layout';
import type { SearchPatch } from '../lib/search';

/*
 * Market events as chart annotations (the events are fetched once, lib/events.ts), filtered per
 * chart to the companies it shows and the kinds chosen.
 */

/** Which events a chart marks: the URL's `events` parameter. */
export const EVENT_CHOICES = [
  { id: 'all', label: 'All events', kinds: null },
  { id: 'pricing', label: 'Price cuts', kinds: ['pricing'] },
  { id: 'releases', label: 'Releases and open weights', kinds: ['release', 'licensing'] },
  { id: 'business', label: 'Strategy, people, reports', kinds: ['strategy', 'leadership', 'report', 'other'] },
  { id: 'none', label: 'None', kinds: [] },
] as const satisfies ReadonlyArray<{ id: string; label: string; kinds: readonly EventKind[] | null }>;
export type EventChoice = (typeof EVENT_CHOICES)[number]['id'];

export const eventChoiceOf = (param: string | null, fallback: EventChoice): EventChoice =>
  EVENT_CHOICES.some((c) => c.id === param) ? (param as EventChoice) : fallback;

const host = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/** The events about any of `companyIds` whose kind `choice` includes, as charts draw them. */
export function chartEventsFor(
  events: readonly MarketEvent[] | undefined,
  companyIds: Iterable<string>,
  choice: EventChoice,
): ChartEvent[] {
  const kinds = EVENT_CHOICES.find((c) => c.id === choice)?.kinds ?? null;
  const companies = new Set(companyIds);
  return (events ?? [])
    .filter((e) => (kinds === null || (kinds as readonly string[]).includes(e.kind)) && e.companyIds.some((c) => companies.has(c)))
    .map((e) => ({
      id: e.id,
      start: e.startDate,
      end: e.endDate,
      precision: e.precision,
      dateText: formatEventDate(e),
      title: e.title,
      kind: e.kind,
      vendors: e.vendorNames.join(', '),
      source: `${host(e.url)}, ${e.quality} source`,
    }));
}

/**
 * The control for a chart's event markers: which kinds to mark (or none), kept in the URL so a
 * shared link and an embed show the same markers; says how many events the chart marks.
 */
export function EventsControl({
  value,
  onChange,
  marked,
  label = 'Events',
}: {
  value: EventChoice;
  onChange: (patch: SearchPatch) => void;
  marked: number | null;
  label?: string;
}) {
  return (
    <label className="field inline events-control">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange({ events: e.target.value })}>
        {EVENT_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {marked !== null && value !== 'none' ? (
        <span className="chart-note">
          {marked} marked{marked > 0 ? ': numbered circles along the top; hollow = approximate date, bracket = sometime that month' : ''}
        </span>
      ) : null}
    </label>
  );
}
