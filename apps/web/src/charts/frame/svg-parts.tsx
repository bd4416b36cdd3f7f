import type { KeyboardEventHandler, ReactNode } from 'react';

/*
 * The parts every chart draws the same way: the SVG shell (a named group, keyboard-navigable,
 * in a positioned wrapper for its tooltips), the value grid of the bar-like charts, the axes of
 * the charts over time, and the hatching of "others / not reported".
 */

export function ChartSvg({
  width,
  height,
  label,
  describedBy,
  className,
  wrapperClassName = 'chart',
  onKeyDown,
  children,
  overlay,
}: {
  width: number;
  height: number;
  label: string;
  describedBy?: string | undefined;
  className?: string;
  wrapperClassName?: string;
  onKeyDown: KeyboardEventHandler<SVGSVGElement>;
  children: ReactNode;
  /** What sits over the SVG: tooltips, a legend. */
  overlay?: ReactNode;
}) {
  return (
    <div className={wrapperClassName} style={{ position: 'relative' }}>
      <svg
        width={width}
        height={height}
        role="group"
        aria-label={label}
        aria-describedby={describedBy}
        className={className}
        onKeyDown={onKeyDown}
      >
        {children}
      </svg>
      {overlay}
    </div>
  );
}

export interface ValueTick {
  x: number;
  label: string;
}

/** Vertical grid lines from the top down to the value axis, each labelled under it. */
export function ValueGrid({
  ticks,
  axisY,
  labelDy = 14,
  anchorOf = () => 'middle',
}: {
  ticks: readonly ValueTick[];
  axisY: number;
  labelDy?: number;
  anchorOf?: (x: number) => 'start' | 'middle' | 'end';
}) {
  return ticks.map((t) => (
    <g key={t.label} aria-hidden="true">
      <line x1={t.x} x2={t.x} y1={0} y2={axisY} className="grid" />
      <text x={t.x} y={axisY + labelDy} textAnchor={anchorOf(t.x)} className="tick">
        {t.label}
      </text>
    </g>
  ));
}

/**
 * The axes of a chart over time: horizontal grid lines labelled on the left, time labels under
 * the baseline, and the baseline; `children` are drawn with them (behind the data).
 */
export function TimeAxes({
  yTicks,
  xTicks,
  left,
  right,
  bottom,
  xLabelDy,
  children,
}: {
  yTicks: ReadonlyArray<{ y: number; label: string }>;
  xTicks: ReadonlyArray<{ x: number; label: string }>;
  left: number;
  right: number;
  bottom: number;
  xLabelDy: number;
  children?: ReactNode;
}) {
  return (
    <g aria-hidden="true">
      {yTicks.map((t) => (
        <g key={t.label}>
          <line x1={left} x2={right} y1={t.y} y2={t.y} className="grid" />
          <text x={left - 6} y={t.y + 4} textAnchor="end" className="tick">
            {t.label}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`${t.x}|${t.label}`} x={t.x} y={bottom + xLabelDy} textAnchor="middle" className="tick">
          {t.label}
        </text>
      ))}
      <line x1={left} x2={right} y1={bottom} y2={bottom} className="axis" />
      {children}
    </g>
  );
}

/** The diagonal hatching that marks "others / not reported", on the paper colour or a fixed one. */
export function HatchPattern({ id, fill }: { id: string; fill?: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" {...(fill ? { fill } : { className: 'paper-fill' })} />
      <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" strokeWidth="2.5" />
    </pattern>
  );
}
