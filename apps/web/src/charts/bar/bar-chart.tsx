import { ChartSvg, HatchPattern, ValueGrid } from '../frame/svg-parts';
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
    <ChartSvg
      width={layout.width}
      height={layout.height}
      label={label}
      describedBy={describedBy}
      className="bar-chart"
      onKeyDown={roving.onKeyDown}
      overlay={<FigureTooltip state={tip} width={layout.width} />}
    >
      <defs>
        <HatchPattern id={patternId} />
      </defs>
      <ValueGrid ticks={layout.ticks} axisY={layout.axisY} />
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
            className={
              m.kind === 'group' ? 'group-outline' : m.kind === 'vendor' ? darkClass(m.color) || undefined : undefined
            }
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
    </ChartSvg>
  );
}
