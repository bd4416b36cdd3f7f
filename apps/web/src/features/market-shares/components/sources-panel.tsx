import { formatPeriod, type ShareFigureWithSource } from '@dash/domain';
import { QualityBadge } from '../../../components/quality-badge';
import { sourcesOf } from '../../../components/source-line';

/** Figures grouped by the sentence they were read from, so a shared quote is shown once. */
function quotesOf(figures: readonly ShareFigureWithSource[]) {
  const byQuote = new Map<string, ShareFigureWithSource[]>();
  for (const f of figures) byQuote.set(f.quote, [...(byQuote.get(f.quote) ?? []), f]);
  return [...byQuote].map(([quote, list]) => ({ quote, figures: list }));
}

/**
 * Every source behind the displayed figures, each with the figures read from it and the quoted
 * sentence, so any number can be traced to its page.
 */
export function SourcesPanel({ figures }: { figures: readonly ShareFigureWithSource[] }) {
  const sources = sourcesOf(figures);
  return (
    <section className="sources-panel" id="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources ({sources.length})</h2>
      <ol>
        {sources.map(({ source }) => {
          const own = figures.filter((f) => f.source.id === source.id);
          return (
            <li key={source.id} className="source">
              <p className="source-head">
                <strong>{source.publisher}</strong>:{' '}
                <a href={source.url} target="_blank" rel="noopener noreferrer">
                  {source.title}
                </a>
                {source.publishedDate ? `, published ${source.publishedDate}` : ', publication date not given'}{' '}
                <QualityBadge quality={source.quality} />
              </p>
              <ul className="source-figures">
                {quotesOf(own).map(({ quote, figures: quoted }) => (
                  <li key={quote}>
                    {quoted.map((f, i) => (
                      <span key={f.id}>
                        {i > 0 ? '; ' : ''}
                        <span className="num">{f.sharePctText}%</span> {f.subjectName}, {formatPeriod(f.period.label)}
                      </span>
                    ))}
                    <blockquote cite={source.url}>{quote}</blockquote>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
