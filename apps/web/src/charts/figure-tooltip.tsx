import { formatPeriod, type ShareFigureWithSource } from '@dash/domain';
import { QualityBadge } from '../lib/quality-badge';

export interface TooltipState {
  x: number;
  y: number;
  title: string;
  figures: ShareFigureWithSource[];
}

/** Details of the figures under the pointer or keyboard focus, each with its source. */
export function FigureTooltip({ state, width }: { state: TooltipState | null; width: number }) {
  if (!state) return null;
  const left = Math.min(Math.max(0, state.x - 130), Math.max(0, width - 270));
  return (
    <div className="tooltip" role="tooltip" style={{ left, top: state.y + 14 }}>
      <strong>{state.title}</strong>
      <ul>
        {state.figures.map((f) => (
          <li key={f.id}>
            <span className="num">{f.sharePctText}%</span> {formatPeriod(f.period.label)} · {f.source.publisher}
            {f.source.publishedDate ? `, published ${f.source.publishedDate}` : ''}{' '}
            <QualityBadge quality={f.source.quality} />
          </li>
        ))}
      </ul>
    </div>
  );
}
