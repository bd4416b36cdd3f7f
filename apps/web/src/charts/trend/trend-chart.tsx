import { ChartSvg, TimeAxes } from '../frame/svg-parts';
import { useState } from 'react';
import type { TrendLayout } from './trend-layout';
import { FigureTooltip, type TooltipState } from '../figure-tooltip';
import { EventMarks, EventTooltip, type EventTip } from '../events/event-marks';
import { darkClass, inkOf } from '../ink';
import { useRovingFocus } from '../use-roving-focus';

/**
 * Renders a {@link TrendLayout}: gridlines, one line per series and publisher (dashed for
 * combined figures), every source's figure as a point, ranges where sources disagree, direct
 * labels at the right, and dated market events along the top. Points and events are one tab stop
 * (arrow keys walk them); focus shows the same tooltip as hover. `describedBy` points at the
 * chart's text summary.
 */
export function TrendChart({
  layout,
  label,
  describedBy,
}: {
  layout: TrendLayout;
  label: string;
  describedBy?: string;
}) {
  const [tip, setTip] = useState<TooltipState | null>(null);
  const [eventTip, setEventTip] = useState<EventTip | null>(null);
  const hide = () => {
    setTip(null);
    setEventTip(null);
  };
  const pointCount = layout.series.reduce((n, s) => n + s.points.length, 0);
  const roving = useRovingFocus(pointCount + layout.events.length, hide);
  const { margin, width, height } = layout;
  const right = width - margin.right;
  const bottom = height - margin.bottom;
  let index = 0;
  return (
    <ChartSvg
      width={width}
      height={height}
      label={label}
      describedBy={describedBy}
      className="trend-chart"
      onKeyDown={roving.onKeyDown}
      overlay={
        <>
          {layout.legend ? <Legend series={layout.series} /> : null}
          <FigureTooltip state={tip} width={width} />
          <EventTooltip tip={eventTip} width={width} />
        </>
      }
    >
      <TimeAxes
        yTicks={layout.yTicks}
        xTicks={layout.xTicks}
        left={margin.left}
        right={right}
        bottom={bottom}
        xLabelDy={18}
      />
      {layout.series.map((s) => (
        <g key={s.key} className="series" data-subject={s.key}>
          {s.paths.map((p) => (
            <path
              key={p.publisher}
              d={p.d}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              className={`series-line ${darkClass(s.color)}`}
              aria-hidden="true"
            />
          ))}
          {s.ranges.map((r) => (
            <line
              key={`${r.x}`}
              x1={r.x}
              x2={r.x}
              y1={r.y0}
              y2={r.y1}
              stroke={s.color}
              strokeWidth={5}
              strokeOpacity={0.35}
              aria-hidden="true"
            />
          ))}
          {s.points.map((p) => {
            const show = () => setTip({ x: p.x, y: p.y, title: p.figure.subjectName, figures: [p.figure] });
            return (
              <circle
                key={p.key}
                cx={p.x}
                cy={p.y}
                r={p.onLine ? 3.5 : 3}
                fill={p.onLine ? s.color : undefined}
                stroke={inkOf(s.color)}
                strokeWidth={1.5}
                role="img"
                aria-label={p.description}
                className={`${p.onLine ? 'point' : 'point paper-fill'} ${darkClass(s.color)}`}
                onMouseEnter={show}
                onMouseLeave={() => setTip(null)}
                {...roving.markProps(index++, show)}
                onBlur={() => setTip(null)}
              />
            );
          })}
          {layout.legend ? null : (
            <>
              <line
                x1={s.label.x}
                x2={s.label.x + 10}
                y1={s.label.y}
                y2={s.label.y}
                stroke={s.color}
                strokeWidth={3}
                strokeDasharray={s.dashed ? '3 2' : undefined}
                className={`series-line ${darkClass(s.color)}`}
                aria-hidden="true"
              />
              <text x={s.label.x + 14} y={s.label.y + 4} className="series-label">
                {s.label.text}
              </text>
            </>
          )}
        </g>
      ))}
      <EventMarks
        marks={layout.events}
        top={layout.eventStripY}
        bottom={bottom}
        markProps={(i, show) => roving.markProps(pointCount + i, show)}
        onShow={setEventTip}
      />
    </ChartSvg>
  );
}

/** The series named below a phone-width chart, top to bottom as their lines end. */
function Legend({ series }: { series: TrendLayout['series'] }) {
  return (
    <ul className="legend" aria-label="Series">
      {[...series]
        .sort((a, b) => a.label.y - b.label.y)
        .map((s) => (
          <li key={s.key}>
            <span
              className={`legend-line${s.dashed ? ' dashed' : ''}`}
              style={{ borderColor: s.color }}
              aria-hidden="true"
            />
            {s.label.text}
          </li>
        ))}
    </ul>
  );
}
