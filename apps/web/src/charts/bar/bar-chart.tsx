import { useId, useState } from 'react';
import type { BarLayout, BarMark } from './bar-layout';
import { FigureTooltip, type TooltipState } from '../figure-tooltip';
import { darkClass, inkOf } from '../ink';
import { useRovingFocus } from '../use-roving-focus';

/**
 * Renders a {@link BarLayout} as SVG: names above bars, values at their ends, disagreeing sources
 * as a hatched range, combined figures as outlined bars and the remainder in grey. The bars are
 * one tab stop (arrow keys move between them); each announces its value and source and shows its
 * tooltip on focus as on hover. `describedBy` points at the chart's text summary.
 */
export function BarChart({ layout, label, describedBy }: { layout: BarLayout; label: string; describedBy?: string }) {
  const [tip, setTip] = useState<TooltipState | null>(null);
  const patternId = `bar-hatch-${useId().replace(/:/g, '')}`;
  const roving = useRovingFocus(layout.marks.length, () => setTip(null));
  const show = (m: BarMark) =>
    m.figures.length > 0
      ? setTip({
          x: m.valueX,
          y: m.barY + m.barHeight,
          title: m.name,
          figures: m.figures,
        })
      : setTip(null);
  return (
    <div className="chart" style={{ position: 'relative' }}>
      <svg
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label={label}
        aria-describedby={describedBy}
        className="bar-chart"
        onKeyDown={roving.onKeyDown}
      >
        <defs>
          <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="paper-fill" />
            <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" strokeWidth="2.5" />
          </pattern>
        </defs>
        {layout.ticks.map((t) => (
          <g key={t.label} aria-hidden="true">
            <line x1={t.x} x2={t.x} y1={0} y2={layout.axisY} className="grid" />
            <text x={t.x} y={layout.axisY + 14} textAnchor="middle" className="tick">
              {t.label}
            </text>
          </g>
        ))}
        {layout.marks.map((m, i) => (
          <g
            key={m.key}
            className={`bar bar-${m.kind}`}
            role="img"
            aria-label={m.description}
            data-subject={m.key}
            onMouseEnter={() => show(m)}
            onMouseLeave={() => setTip(null)}
            {...roving.markProps(i, () => show(m))}
            onBlur={() => setTip(null)}
          >
            <text x={m.x0} y={m.labelY} className="bar-name">
              {m.name}
              {m.note && m.noteY === null ? <tspan className="bar-note"> · {m.note}</tspan> : null}
            </text>
            {m.note && m.noteY !== null ? (
              <text x={m.x0} y={m.noteY} className="bar-note">
                {m.note}
              </text>
            ) : null}
            <rect
              x={m.x0}
              y={m.barY}
              width={Math.max(1, m.x1 - m.x0)}
              height={m.barHeight}
              fill={m.kind === 'group' ? 'none' : m.kind === 'remainder' ? `url(#${patternId})` : m.color}
              stroke={m.kind === 'group' ? '#5f5f5f' : m.kind === 'remainder' ? 'none' : inkOf(m.color)}
              strokeWidth={m.kind === 'group' ? 1.5 : 1}
              strokeDasharray={m.kind === 'group' ? '4 3' : undefined}
              className={m.kind === 'group' ? 'group-outline' : m.kind === 'vendor' ? darkClass(m.color) || undefined : undefined}
            />
            {m.rangeX1 !== null ? (
              <rect
                x={m.x1}
                y={m.barY}
                width={Math.max(1, m.rangeX1 - m.x1)}
                height={m.barHeight}
                fill={m.kind === 'remainder' ? `url(#${patternId})` : m.color}
                fillOpacity={m.kind === 'remainder' ? 1 : 0.35}
                stroke={m.kind === 'remainder' ? 'none' : inkOf(m.color)}
                strokeDasharray="2 2"
              />
            ) : null}
            <text x={m.valueX} y={m.barY + m.barHeight - 3} className="bar-value num">
              {m.valueLabel}
            </text>
          </g>
        ))}
      </svg>
      <FigureTooltip state={tip} width={layout.width} />
    </div>
  );
}
