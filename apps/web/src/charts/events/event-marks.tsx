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
 * close events) above `top`, a dotted rule down to `bottom` at each exact day, a bracket over the
 * month of a month-dated event (never a rule at a made-up day), a hollow dashed marker for an
 * approximate date.
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
            {m.spans.map((sp, j) =>
              sp.x1 - sp.x0 > 1 ? (
                <path key={j} d={`M${sp.x0},${top + 6}v-4h${sp.x1 - sp.x0}v4`} className="event-bracket" />
              ) : (
                <line key={j} x1={sp.x0} x2={sp.x0} y1={top + 2} y2={bottom} className="event-rule" />
              ),
            )}
            <circle cx={m.x} cy={top - 7} r={7.5} className={`event-mark${m.approx ? ' event-approx' : ''}`} />
            <text x={m.x} y={top - 4} className="event-number">
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
