import { formatPeriod, type StrategySharesResponse } from '@dash/domain';
import { CAMP_SHORT_NAMES, type CampKey } from '../camps';

type Period = StrategySharesResponse['markets'][number]['periods'][number];

/**
 * The stacked bars as a table: one row per period, one column per band and the remainder, the
 * values exactly as the API gives them, and the figures each band adds up with links to their sources.
 */
export function StrategyTable({ periods, order }: { periods: readonly Period[]; order: readonly CampKey[] }) {
  const keys = order.filter((k) => periods.some((p) => p.bands.some((b) => b.key === k)));
  return (
    <div className="table-scroll" role="region" aria-label="Shares by strategy" tabIndex={0}>
      <table className="share-table strategy-table">
        <caption className="visually-hidden">
          Shares by strategy per period, with the figures counted in each band
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {keys.map((k) => (
              <th key={k} scope="col" className="num">
                {CAMP_SHORT_NAMES[k]}
              </th>
            ))}
            <th scope="col" className="num">
              Others / not reported
            </th>
            <th scope="col">Figures counted</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.period.label}>
              <th scope="row">
                {formatPeriod(p.period.label)}
                {p.usedPreferredSource ? <span className="tag tag-warn">sources differ</span> : null}
              </th>
              {keys.map((k) => {
                const band = p.bands.find((b) => b.key === k);
                return (
                  <td key={k} className="num">
                    {band ? `${band.pctText}%` : '—'}
                  </td>
                );
              })}
              <td className="num">{p.remainder ? `${p.remainder.pctText}%` : '—'}</td>
              <td className="figures-counted">
                {p.bands.flatMap((b) =>
                  b.figures.map((f) => (
                    <span key={f.id} className="counted">
                      <a href={f.source.url} target="_blank" rel="noopener noreferrer" title={f.source.title}>
                        {f.subjectName}
                      </a>{' '}
                      <span className="num">{f.sharePctText}%</span> ({CAMP_SHORT_NAMES[b.key as CampKey] ?? b.label},{' '}
                      {f.source.publisher})
                    </span>
                  )),
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
