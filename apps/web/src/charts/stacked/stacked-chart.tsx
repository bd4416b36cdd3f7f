import { ChartSvg, HatchPattern, ValueGrid } from '../frame/svg-parts';
import { useId, useState } from 'react';
import { QualityBadge } from '../../components/quality-badge';
import { useRovingFocus } from '../use-roving-focus';
import type { StackedLayout, StackedMark } from './stacked-layout';

/** How a band is drawn: a fill (or a pattern over a pale ground) and the colour of text inside it. */
export interface BandStyle {
  fill: string;
  text: string;
  pattern?: 'dots' | 'hatch';
}

const REMAINDER_STYLE: BandStyle = { fill: '#ffffff', text: '#1d1d1d', pattern: 'hatch' };

interface Tip {
  mark: StackedMark;
  x: number;
  y: number;
}

/**
 * Renders a {@link StackedLayout} as SVG: one 100% bar per row, bands with direct labels where
 * they fit, the remainder hatched grey. Every band is focusable; focus or hover shows the figures
 * it adds up (subject, share, publisher, source quality), and its aria label says the same.
 */
export function StackedChart({
  layout,
  label,
  styleOf,
  describedBy,
}: {
  layout: StackedLayout;
  label: string;
  styleOf: (bandKey: string) => BandStyle;
  describedBy?: string;
}) {
  const [tip, setTip] = useState<Tip | null>(null);
  const roving = useRovingFocus(
    layout.rows.reduce((n, r) => n + r.marks.length, 0),
    () => setTip(null),
  );
  let index = 0;
  const id = useId().replace(/:/g, '');
  const style = (m: StackedMark) => (m.kind === 'remainder' ? REMAINDER_STYLE : styleOf(m.bandKey));
  const fillOf = (s: BandStyle) => (s.pattern ? `url(#${id}-${s.pattern})` : s.fill);
  const show = (m: StackedMark, barY: number, barHeight: number) =>
    setTip({ mark: m, x: (m.x0 + m.x1) / 2, y: barY + barHeight });
  const tipLeft = tip ? Math.min(Math.max(0, tip.x - 140), Math.max(0, layout.width - 280)) : 0;

  return (
    <ChartSvg
      width={layout.width}
      height={layout.height}
      label={label}
      describedBy={describedBy}
      wrapperClassName="chart stacked-chart"
      onKeyDown={roving.onKeyDown}
      overlay={
        <>
          {tip ? (
            <div className="tooltip" role="tooltip" style={{ left: tipLeft, top: tip.y + 8 }}>
              <strong>{tip.mark.title}</strong>
              {tip.mark.kind === 'band' && tip.mark.name !== tip.mark.title ? (
                <p className="tooltip-note">{tip.mark.name}</p>
              ) : null}
              {tip.mark.figures.length > 0 ? (
                <ul>
                  {tip.mark.figures.map((f) => (
                    <li key={f.id}>
                      {f.subjectName} <span className="num">{f.sharePctText}%</span> · {f.source.publisher}
                      {f.source.publishedDate ? `, published ${f.source.publishedDate}` : ''}{' '}
                      <QualityBadge quality={f.source.quality} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="tooltip-note">Derived: 100% minus the figures counted.</p>
              )}
            </div>
          ) : null}
        </>
      }
    >
      <defs>
        <HatchPattern id={`${id}-hatch`} fill="#ffffff" />
        <pattern id={`${id}-dots`} width="7" height="7" patternUnits="userSpaceOnUse">
          <rect width="7" height="7" fill="#f0f0f0" />
          <circle cx="3.5" cy="3.5" r="1.2" fill="#8a8a8a" />
        </pattern>
      </defs>
      <ValueGrid
        ticks={layout.ticks}
        axisY={layout.axisY}
        labelDy={13}
        anchorOf={(x) => (x >= layout.plotRight - 1 ? 'end' : x <= 1 ? 'start' : 'middle')}
      />
      {layout.rows.map((row) => (
        <g key={row.key} className="stacked-row">
          <text x={row.labelX} y={row.labelY} className="stacked-row-label">
            {row.label}
          </text>
          {row.marks.map((m) => {
            const s = style(m);
            return (
              <g
                key={m.key}
                className={`stacked-band stacked-${m.kind}`}
                role="img"
                aria-label={m.description}
                data-band={m.bandKey}
                onMouseEnter={() => show(m, row.barY, row.barHeight)}
                onMouseLeave={() => setTip(null)}
                {...roving.markProps(index++, () => show(m, row.barY, row.barHeight))}
                onBlur={() => setTip(null)}
              >
                <rect
                  x={m.x0}
                  y={row.barY}
                  width={Math.max(0, m.x1 - m.x0)}
                  height={row.barHeight}
                  fill={fillOf(s)}
                  className="paper-stroke"
                  strokeWidth={1}
                />
                {m.label ? (
                  <text
                    x={m.labelX}
                    y={row.barY + row.barHeight / 2 + 4}
                    className={`stacked-label num${s.pattern ? ' on-pattern' : ''}`}
                    fill={s.text}
                  >
                    {m.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      ))}
    </ChartSvg>
  );
}
