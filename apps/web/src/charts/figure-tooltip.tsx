import type { ReactNode } from 'react';
import { formatPeriod, type ShareFigureWithSource } from '@dash/domain';
import { QualityBadge } from '../components/quality-badge';

export interface TooltipState {
  x: number;
  y: number;
  title: string;
  figures: ShareFigureWithSource[];
}

/** Details of the figures under the pointer or keyboard focus, each with its source. */
export function FigureTooltip({ state, width }: { state: TooltipState | null; width: number }) {
  if (!state) return null;
  return (
    <Tooltip x={state.x} y={state.y} width={width} title={state.title}>
      <ul>
        {state.figures.map((f) => (
          <li key={f.id}>
            <span className="num">{f.sharePctText}%</span> {formatPeriod(f.period.label)} · {f.source.publisher}
            {f.source.publishedDate ? `, published ${f.source.publishedDate}` : ''}{' '}
            <QualityBadge quality={f.source.quality} />
          </li>
        ))}
      </ul>
    </Tooltip>
  );
}

/**
 * A tooltip box under a point of the chart, kept inside the chart's width. It shows on hover and
 * on keyboard focus alike, and Escape hides it (see useRovingFocus).
 */
export function Tooltip({
  x,
  y,
  width,
  title,
  children,
  boxWidth = 270,
}: {
  x: number;
  y: number;
  width: number;
  title: ReactNode;
  children?: ReactNode;
  boxWidth?: number;
}) {
  const left = Math.min(Math.max(0, x - boxWidth / 2), Math.max(0, width - boxWidth));
  return (
    <div className="tooltip" role="tooltip" style={{ left, top: y + 14, width: boxWidth }}>
      <strong>{title}</strong>
      {children}
    </div>
  );
}
