import type { FocusEvent } from 'react';
import { Tooltip } from '../figure-tooltip';
import type { EventMark } from './event-layout';

export interface EventTip {
  x: number;
  y: number;
  mark: EventMark;
}

/**
 * Market events along the top of a time chart: a numbered marker per event (or per cluster of
 * close events) at `top`, a dotted rule down to `bottom` for an exact day, a bracket and a faint
 * band over a month for a month-dated event, a hollow dashed marker for an approximate date.
 * Markers are focusable (in the chart's roving group) and show their events on focus or hover.
 */
export function EventMarks({
  marks,
  top,
  bottom,
  markProps,
  onShow,
}: {
  marks: readonly EventMark[];
  top: number;
  bottom: number;
  markProps: (
    i: number,
    show: () => void,
  ) => { 'data-mark': number; tabIndex: number; onFocus: (e: FocusEvent<Element>) => void };
  onShow: (tip: EventTip | null) => void;
}) {
  if (marks.length === 0) return null;
  return (
    <g className="events">
      {marks.map((m, i) => {
        const show = () => onShow({ x: m.x, y: top + 6, mark: m });
        const spans = m.x1 - m.x0 > 1.5;
        return (
          <g
            key={m.key}
            className="event"
            role="img"
            aria-label={m.description}
            data-event={m.key}
            onMouseEnter={show}
            onMouseLeave={() => onShow(null)}
            {...markProps(i, show)}
            onBlur={() => onShow(null)}
          >
            {spans ? (
              <>
                <rect x={m.x0} y={top + 8} width={m.x1 - m.x0} height={Math.max(0, bottom - top - 8)} className="event-span" />
                <path d={`M${m.x0},${top + 4}v-4h${m.x1 - m.x0}v4`} className="event-bracket" />
              </>
            ) : (
              <line x1={m.x} x2={m.x} y1={top + 7} y2={bottom} className="event-rule" />
            )}
            <circle cx={m.x} cy={top - 6} r={7} className={`event-mark${m.approx ? ' event-approx' : ''}`} />
            <text x={m.x} y={top - 3} className="event-number">
              {m.number}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The events of the focused or hovered marker: date as precise as the source, title, kind, source. */
export function EventTooltip({ tip, width }: { tip: EventTip | null; width: number }) {
  if (!tip) return null;
  const { mark } = tip;
  return (
    <Tooltip x={tip.x} y={tip.y} width={width} boxWidth={300} title={`Event ${mark.number}`}>
      <ul className="event-list">
        {mark.events.map((e) => (
          <li key={e.id}>
            <strong>{e.dateText}</strong>
            {e.precision === 'month' ? ' (sometime that month)' : e.precision === 'approx' ? ' (approximate)' : ''}:{' '}
            {e.title}
            <span className="tooltip-note">
              {e.kind} · {e.vendors} · {e.source}
            </span>
          </li>
        ))}
      </ul>
    </Tooltip>
  );
}
