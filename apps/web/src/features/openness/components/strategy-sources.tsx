import { formatPeriod, type ShareFigureWithSource } from '@dash/domain';
import { QualityBadge } from '../../../components/quality-badge';
import { sourcesOf } from '../../../components/source-line';

/** Every source behind the counted figures, with the figures read from it and the quoted sentence. */
export function StrategySources({ figures }: { figures: readonly ShareFigureWithSource[] }) {
  const sources = sourcesOf(figures);
  if (sources.length === 0) return null;
  return (
    <details className="strategy-sources" id="sources">
      <summary>All sources ({sources.length}) with the quoted sentences</summary>
      <ol>
        {sources.map(({ source }) => (
          <li key={source.id}>
            <p className="source-head">
              <strong>{source.publisher}</strong>:{' '}
              <a href={source.url} target="_blank" rel="noopener noreferrer">
                {source.title}
              </a>
              {source.publishedDate ? `, published ${source.publishedDate}` : ', publication date not given'}{' '}
              <QualityBadge quality={source.quality} />
            </p>
            <ul className="source-figures">
              {figures
                .filter((f) => f.source.id === source.id)
                .map((f) => (
                  <li key={f.id}>
                    <span className="num">{f.sharePctText}%</span> {f.subjectName}, {formatPeriod(f.period.label)}
                    <blockquote cite={source.url}>{f.quote}</blockquote>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}
