import type { EffectiveDate, PriceSource } from '@dash/domain';
import { QualityBadge } from '../../../components/quality-badge';

/** A price's source in one cell: the site linked to the page, its quality, and the quote on hover. */
export function SourceCell({ source }: { source: PriceSource }) {
  return (
    <span className="price-source">
      <a href={source.url} target="_blank" rel="noopener noreferrer" title={source.quote}>
        {source.site}
      </a>{' '}
      <QualityBadge quality={source.quality} />
    </span>
  );
}

/** The effective date as the source words it, flagged when approximate (with the reason on hover). */
export function EffectiveCell({ effective }: { effective: EffectiveDate }) {
  return (
    <span className="effective" title={effective.note ?? undefined}>
      {effective.text}
      {effective.approximate ? (
        <span className="tag tag-warn" aria-label={`approximate date: ${effective.note ?? ''}`}>
          {effective.kind === 'undated' ? 'undated' : 'approx.'}
        </span>
      ) : null}
    </span>
  );
}
