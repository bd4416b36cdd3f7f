import { formatPeriod, type ShareFigureWithSource, type Source } from '@dash/domain';
import { QualityBadge } from './quality-badge';

/** Distinct sources of `figures`, with the periods each covers, in first-seen order. */
export function sourcesOf(figures: readonly ShareFigureWithSource[]) {
  const out = new Map<string, { source: Source; periods: Set<string>; count: number }>();
  for (const f of figures) {
    const entry = out.get(f.source.id) ?? {
      source: f.source,
      periods: new Set<string>(),
      count: 0,
    };
    entry.periods.add(f.period.label);
    entry.count++;
    out.set(f.source.id, entry);
  }
  return [...out.values()];
}

const host = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/**
 * The source line as plain text, for exported images: every source, each with its periods,
 * publication date and site. "Sources: Omdia, 2025 Q4, published 2026-02-10 (omdia.com); …".
 */
export function sourceText(figures: readonly ShareFigureWithSource[]): string {
  const sources = sourcesOf(figures);
  if (sources.length === 0) return 'Source: none';
  return `${sources.length === 1 ? 'Source' : 'Sources'}: ${sources
    .map(
      ({ source, periods }) =>
        `${source.publisher}, ${[...periods].map(formatPeriod).join(', ')}${
          source.publishedDate ? `, published ${source.publishedDate}` : ''
        } (${host(source.url)}, ${source.quality} source)`,
    )
    .join('; ')}.`;
}

/**
 * The line under a chart naming where its numbers come from: publisher, period, publication
 * date, a link to the citing page and its quality. Long lists collapse into a count that points
 * to the sources panel.
 */
export function SourceLine({ figures, max = 3 }: { figures: readonly ShareFigureWithSource[]; max?: number }) {
  const sources = sourcesOf(figures);
  if (sources.length === 0) return null;
  const shown = sources.slice(0, max);
  return (
    <p className="source-line">
      <span className="source-label">{sources.length === 1 ? 'Source' : 'Sources'}:</span>{' '}
      {shown.map(({ source, periods }, i) => (
        <span key={source.id} className="source-item">
          {i > 0 ? '; ' : ''}
          <strong>{source.publisher}</strong>, {[...periods].map(formatPeriod).join(', ')}
          {source.publishedDate ? `, published ${source.publishedDate}` : ''}, via{' '}
          <a href={source.url} target="_blank" rel="noopener noreferrer">
            {host(source.url)}
          </a>{' '}
          <QualityBadge quality={source.quality} />
        </span>
      ))}
      {sources.length > max ? (
        <span>
          {' '}
          and {sources.length - max} more: see <a href="#sources">all sources</a>
        </span>
      ) : null}
    </p>
  );
}
