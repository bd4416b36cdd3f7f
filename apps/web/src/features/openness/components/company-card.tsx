import { QualityBadge } from '../../../components/quality-badge';
import type { StrategyView } from '../api/queries';
import { GRADE_COUNT_NAMES } from '../camp-style';
import type { CompanyEntry, Release } from '../camps';
import { CampBadge, GradeBadge } from './badges';

const host = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

function ReleaseItem({ release, gradeLabel }: { release: Release; gradeLabel: string | null }) {
  const statement = release.kind === 'statement';
  return (
    <li className={`release${statement ? ' release-statement' : ''}`}>
      <p className="release-name">{release.name}</p>
      <p className="release-meta">
        {statement ? (
          <span className="tag">Strategy statement · not counted</span>
        ) : release.grade && gradeLabel ? (
          <GradeBadge grade={release.grade} label={gradeLabel} />
        ) : null}{' '}
        <span className="release-licence">
          {statement ? 'Says: ' : 'Licence: '}
          <span>{release.licence}</span>
        </span>
        <span className="release-date num">{release.dateText || 'date not given'}</span>
      </p>
      <p className="release-source">
        Source:{' '}
        <a href={release.url} target="_blank" rel="noopener noreferrer">
          {host(release.url)}
        </a>{' '}
        <QualityBadge quality={release.quality} />
      </p>
      <details className="release-quote">
        <summary>Quote</summary>
        <blockquote cite={release.url}>{release.quote}</blockquote>
      </details>
    </li>
  );
}

/**
 * One company: its camp, how much evidence the classification rests on (releases counted per
 * grade, statements not counted), and each model family with its releases, licences, dates and
 * sources.
 */
export function CompanyCard({
  entry,
  view,
  gradeLabels,
}: {
  entry: CompanyEntry;
  view: StrategyView;
  gradeLabels: Record<string, string>;
}) {
  const { company, families, gradeCounts, statementCount } = entry;
  const camp = view === 'binary' ? company.binary : company.strategy;
  const n = company.releaseCount;
  return (
    <article className="company" aria-labelledby={`company-${company.id}`} data-company={company.id}>
      <header className="company-head">
        <span className="swatch" style={{ background: company.color }} aria-hidden="true" />
        <h4 id={`company-${company.id}`}>{company.name}</h4>
        <CampBadge camp={camp} what="company" />
      </header>
      <p className="evidence">
        <strong className="num">
          {n} {n === 1 ? 'release' : 'releases'}
        </strong>{' '}
        counted
        {gradeCounts.length > 0
          ? `: ${gradeCounts.map((g) => `${g.count} ${GRADE_COUNT_NAMES[g.grade]}`).join(', ')}`
          : ''}
        {statementCount > 0
          ? `; ${statementCount} strategy ${statementCount === 1 ? 'statement' : 'statements'} not counted`
          : ''}
      </p>
      {families.map(({ family, releases }) => (
        <section key={family.id} className="family" aria-labelledby={`family-${family.id}`} data-family={family.id}>
          <h5 id={`family-${family.id}`}>
            {family.name} <CampBadge camp={view === 'binary' ? family.binary : family.strategy} what="family" />
          </h5>
          <ul className="releases">
            {releases.map((r) => (
              <ReleaseItem key={r.id} release={r} gradeLabel={r.grade ? (gradeLabels[r.grade] ?? r.grade) : null} />
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
