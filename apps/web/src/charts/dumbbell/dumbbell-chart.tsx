import { ChartSvg, ValueGrid } from '../frame/svg-parts';
import { useState } from 'react';
import type { DumbbellLayout } from './dumbbell-layout';
import { Tooltip } from '../figure-tooltip';
import { darkClass, inkOf as ink } from '../ink';
import { useRovingFocus } from '../use-roving-focus';

/**
 * Renders a {@link DumbbellLayout}: per row the market name and period, a grey line joining the
 * entities, a dot per entity (a bar where its sources disagree) and its labelled value. Each dot
 * is focusable and announces entity, value and source. `describedBy` points at the generated
 * summary sentence.
 */
export function DumbbellChart({
  layout,
  label,
  describedBy,
}: {
  layout: DumbbellLayout;
  label: string;
  describedBy?: string;
}) {
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const roving = useRovingFocus(
    layout.rows.reduce((n, r) => n + r.points.length, 0),
    () => setTip(null),
  );
  let index = 0;
  return (
    <ChartSvg
      width={layout.width}
      height={layout.height}
      label={label}
      describedBy={describedBy}
      className="dumbbell-chart"
      onKeyDown={roving.onKeyDown}
      overlay={tip ? <Tooltip x={tip.x} y={tip.y} width={layout.width} title={tip.text} /> : null}
    >
      {layout.axis ? <ValueGrid ticks={layout.axis.ticks} axisY={layout.axis.y} /> : null}
      {layout.rows.map((row) => (
        <g key={row.key} className="dumbbell-row" data-market={row.key}>
          <text x={layout.plotLeft} y={row.labelY} className="bar-name">
            {row.label}
          </text>
          <text x={layout.plotLeft} y={row.sublabelY} className="bar-note">
            {row.sublabel}
          </text>
          <line x1={layout.plotLeft} x2={layout.plotRight} y1={row.y} y2={row.y} className="grid" aria-hidden="true" />
          <line
            x1={row.x0}
            x2={row.x1}
            y1={row.y}
            y2={row.y}
            className="dumbbell-join"
            strokeWidth={3}
            aria-hidden="true"
          />
          {row.points.map((p) => {
            const show = () => setTip({ x: (p.cx0 + p.cx1) / 2, y: row.y + 4, text: p.description });
            return (
              <g
                key={p.key}
                className="dumbbell-point"
                role="img"
                aria-label={p.description}
                data-entity={p.key}
                onMouseEnter={show}
                onMouseLeave={() => setTip(null)}
                {...roving.markProps(index++, show)}
                onBlur={() => setTip(null)}
              >
                {p.cx1 > p.cx0 ? (
                  <rect
                    x={p.cx0}
                    y={row.y - 5}
                    width={p.cx1 - p.cx0}
                    height={10}
                    rx={5}
                    fill={p.color}
                    fillOpacity={0.45}
                    stroke={ink(p.color)}
                  />
                ) : null}
                <circle
                  cx={p.cx0}
                  cy={row.y}
                  r={7}
                  fill={p.color}
                  stroke={ink(p.color)}
                  strokeWidth={1.5}
                  className={darkClass(p.color) || undefined}
                />
                {p.cx1 > p.cx0 ? (
                  <circle
                    cx={p.cx1}
                    cy={row.y}
                    r={7}
                    fill={p.color}
                    stroke={ink(p.color)}
                    strokeWidth={1.5}
                    className={darkClass(p.color) || undefined}
                  />
                ) : null}
                {row.listed ? (
                  <circle
                    cx={p.labelX - 8}
                    cy={p.labelY - 4}
                    r={4.5}
                    fill={p.color}
                    stroke={ink(p.color)}
                    aria-hidden="true"
                  />
                ) : null}
                <text x={p.labelX} y={p.labelY} textAnchor={p.anchor} className="dumbbell-label">
                  {p.name} <tspan className="num dumbbell-value">{p.valueText}</tspan>
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </ChartSvg>
  );
}
