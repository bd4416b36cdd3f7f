import { useState } from 'react';
import type { TrendLayout } from './trend-layout';
import { FigureTooltip, type TooltipState } from '../figure-tooltip';

/**
 * Renders a {@link TrendLayout}: gridlines, one line per series and publisher (dashed for
 * combined figures), every source's figure as a focusable point, ranges where sources disagree,
 * and direct labels at the right.
 */
export function TrendChart({ layout, label }: { layout: TrendLayout; label: string }) {
  const [tip, setTip] = useState<TooltipState | null>(null);
  const { margin, width, height } = layout;
  const right = width - margin.right;
  const bottom = height - margin.bottom;
  return (
    <div className="chart" style={{ position: 'relative' }}>
      <svg width={width} height={height} role="group" aria-label={label} className="trend-chart">
        <g aria-hidden="true">
          {layout.yTicks.map((t) => (
            <g key={t.label}>
              <line x1={margin.left} x2={right} y1={t.y} y2={t.y} className="grid" />
              <text x={margin.left - 6} y={t.y + 4} textAnchor="end" className="tick">
                {t.label}
              </text>
            </g>
          ))}
          {layout.xTicks.map((t) => (
            <text key={t.label} x={t.x} y={bottom + 18} textAnchor="middle" className="tick">
              {t.label}
            </text>
          ))}
          <line x1={margin.left} x2={right} y1={bottom} y2={bottom} className="axis" />
        </g>
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
            {s.points.map((p) => (
              <circle
                key={p.key}
                cx={p.x}
                cy={p.y}
                r={p.onLine ? 3.5 : 3}
                fill={p.onLine ? s.color : '#ffffff'}
                stroke={s.color === '#F0E442' ? '#6b6300' : s.color}
                strokeWidth={1.5}
                tabIndex={0}
                role="img"
                aria-label={p.description}
                className="point"
                onMouseEnter={() =>
                  setTip({
                    x: p.x,
                    y: p.y,
                    title: p.figure.subjectName,
                    figures: [p.figure],
                  })
                }
                onMouseLeave={() => setTip(null)}
                onFocus={() =>
                  setTip({
                    x: p.x,
                    y: p.y,
                    title: p.figure.subjectName,
                    figures: [p.figure],
                  })
                }
                onBlur={() => setTip(null)}
              />
            ))}
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
                  aria-hidden="true"
                />
                <text x={s.label.x + 14} y={s.label.y + 4} className="series-label">
                  {s.label.text}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
      {layout.legend ? (
        <ul className="legend" aria-label="Series">
          {[...layout.series]
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
      ) : null}
      <FigureTooltip state={tip} width={width} />
    </div>
  );
}
