import type { OpennessResponse } from '@dash/domain';
import type { StrategyView } from '../api/queries';
import { groupCompanies } from '../camps';
import { familyNotes } from '../headline';
import { CompanyCard } from './company-card';

/**
 * The companies of the licensing data grouped into camps for the chosen view, each with its
 * families and every release behind its classification.
 */
export function CampsPanel({ data, view }: { data: OpennessResponse; view: StrategyView }) {
  const camps = groupCompanies(data, view);
  const notes = familyNotes(data);
  return (
    <section className="panel camps" aria-labelledby="camps-title">
      <h2 id="camps-title">{view === 'binary' ? 'Who publishes open weights' : 'Companies by strategy'}</h2>
      {[notes.apiOnly, notes.mixed].map((n) =>
        n ? (
          <p key={n} className="chart-note">
            {n}
          </p>
        ) : null,
      )}
      {camps.map((camp) => (
        <section key={camp.key} className="camp-group" aria-labelledby={`camp-${camp.key}`} data-camp={camp.key}>
          <h3 id={`camp-${camp.key}`}>
            <span className={`band-swatch band-${camp.key}`} aria-hidden="true" />
            <span className="camp-title">{camp.title}</span>{' '}
            <span className="camp-count">
              ({camp.companies.length} {camp.companies.length === 1 ? 'company' : 'companies'})
            </span>
          </h3>
          <p className="camp-description">{camp.description}</p>
          {camp.companies.length === 0 ? (
            <p className="state">
              No company in the licensing data is in this group by the rule above
              {camp.key === 'closed' || camp.key === 'api-only'
                ? `: each lists at least one open-weight release. ${notes.apiOnly ?? ''}`
                : '.'}
            </p>
          ) : (
            <div className="companies">
              {camp.companies.map((entry) => (
                <CompanyCard key={entry.company.id} entry={entry} view={view} gradeLabels={data.gradeLabels} />
              ))}
            </div>
          )}
        </section>
      ))}
    </section>
  );
}
