import { ChartSvg, TimeAxes } from '../frame/svg-parts';
import { useState } from 'react';
import type { StepLayout } from './step-layout';
import { EventMarks, EventTooltip, type EventTip } from '../events/event-marks';
import { Tooltip } from '../figure-tooltip';
import { darkClass } from '../ink';
import { useRovingFocus } from '../use-roving-focus';

/**
 * Renders a {@link StepLayout}: gridlines, dated markers, each price as a horizontal segment
 * (dashed where its start is unknown), risers at price changes (dashed where the change date is
 * approximate), end labels for prices still in force, and market events along the top. Segments
 * and events are one tab stop (arrow keys walk them); focus shows the same tooltip as hover.
 */
export function StepChart({ layout, label, describedBy }: { layout: StepLayout; label: string; describedBy?: string }) {
  const { margin, width, height } = layout;
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const [eventTip, setEventTip] = useState<EventTip | null>(null);
  const hide = () => {
    setTip(null);
    setEventTip(null);
  };
  const stepCount = layout.series.reduce((n, s) => n + s.marks.length, 0);
  const roving = useRovingFocus(stepCount + layout.events.length, hide);
  const bottom = height - margin.bottom;
  const right = width - margin.right;
  let index = 0;
  return (
    <ChartSvg
      width={width}
      height={height}
      label={label}
      describedBy={describedBy}
      className="step-chart"
      onKeyDown={roving.onKeyDown}
      overlay={
        <>
          {tip ? <Tooltip x={tip.x} y={tip.y} width={width} title={tip.text} /> : null}
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
        xLabelDy={16}
      >
        {layout.markers.map((m) => (
          <g key={m.date} className="step-marker">
            <line x1={m.x} x2={m.x} y1={margin.top - 4} y2={bottom} />
            <text x={m.anchor === 'end' ? m.x - 3 : m.x + 3} y={margin.top - 8} textAnchor={m.anchor}>
              {m.label}
            </text>
          </g>
        ))}
      </TimeAxes>
      {layout.series.map((s) => (
        <g key={s.key} data-series={s.key}>
          {s.risers.map((r) => (
            <line
              key={`${r.x}-${r.y1}`}
              x1={r.x}
              x2={r.x}
              y1={r.y1}
              y2={r.y2}
              stroke={s.color}
              strokeWidth={1.5}
              strokeDasharray={r.approximate ? '3 3' : undefined}
              className={darkClass(s.color) || undefined}
              aria-hidden="true"
            />
          ))}
          {s.marks.map((m) => {
            const show = () => setTip({ x: (m.x1 + m.x2) / 2, y: m.y, text: m.description });
            return (
              <line
                key={m.key}
                x1={m.x1}
                x2={m.x2}
                y1={m.y}
                y2={m.y}
                stroke={s.color}
                strokeWidth={3}
                strokeDasharray={m.openStart || s.dashed ? '6 4' : undefined}
                role="img"
                aria-label={m.description}
                className={`step ${darkClass(s.color)}`}
                onMouseEnter={show}
                onMouseLeave={() => setTip(null)}
                {...roving.markProps(index++, show)}
                onBlur={() => setTip(null)}
              />
            );
          })}
          {s.marks.map((m) =>
            m.openStart ? null : (
              <circle
                key={`${m.key}-start`}
                cx={m.x1}
                cy={m.y}
                r={3.5}
                fill={m.approximate ? undefined : s.color}
                className={`${m.approximate ? 'paper-fill' : ''} ${darkClass(s.color)}`}
                stroke={s.color}
                strokeWidth={1.5}
                aria-hidden="true"
              />
            ),
          )}
          {s.label ? (
            <text x={s.label.x} y={s.label.y + 4} className="series-label" aria-hidden="true">
              {s.label.text}
            </text>
          ) : null}
        </g>
      ))}
      <EventMarks
        marks={layout.events}
        top={layout.eventStripY}
        bottom={bottom}
        markProps={(i, show) => roving.markProps(stepCount + i, show)}
        onShow={setEventTip}
      />
    </ChartSvg>
  );
}
