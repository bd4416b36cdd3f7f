import type { OpennessResponse } from '@dash/domain';
import { useMarkets } from '../../../lib/reference-queries';
import { useSearchState } from '../../../lib/search';
import { opennessCsvUrl, useOpenness, type StrategyView } from '../api/queries';
import { opennessHeadline } from '../headline';
import { CampsPanel } from './camps-panel';
import { ErrorState, Loading } from '../../../components/states';
import { Later } from '../../../components/later';
import { StrategySharesPanel } from './strategy-shares-panel';
import { shownMarket, strategyView, type OpennessSearch } from '../route';

function ViewToggle({ view, onChange }: { view: StrategyView; onChange: (v: StrategyView) => void }) {
  return (
    <div className="view-toggle">
      <span id="view-label" className="field-label">
        Classification
      </span>
      <div className="segmented" role="group" aria-labelledby="view-label">
        {(['graded', 'binary'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => onChange(v)}>
            {v === 'graded' ? 'Graded' : 'Binary'}
          </button>
        ))}
      </div>
      <span className="view-hint">
        {view === 'graded' ? 'open · mixed · closed' : 'publishes open weights · API only'}
      </span>
    </div>
  );
}

function Summary({ data }: { data: OpennessResponse }) {
  const counted = data.releases.filter((r) => r.kind === 'release').length;
  const statements = data.releases.length - counted;
  return (
    <p className="subtitle">
      From {counted} graded releases
      {statements > 0 ? ` and ${statements} strategy ${statements === 1 ? 'statement' : 'statements'}` : ''} of{' '}
      {data.families.length} model families by {data.companies.length} companies, each with its licence, date and
      source.
    </p>
  );
}

/**
 * The openness page: which companies publish open weights under which licences, and how the camps'
 * market shares compare. The graded/binary view, the market and the chart/table tab live in the URL.
 */
export function OpennessPage() {
  const [search, setParams] = useSearchState<OpennessSearch>();
  const openness = useOpenness();
  const markets = useMarkets();
  const view = strategyView(search);
  const tab = search.tab ?? 'chart';
  const requested = search.market;
  const marketList = markets.data?.data ?? [];
  const market = shownMarket(marketList, requested);

  return (
    <article className="openness">
      <div className="controls">
        <ViewToggle view={view} onChange={(v) => setParams({ view: v === 'graded' ? null : v })} />
      </div>
      {openness.isError ? (
        <ErrorState what="the licensing data" error={openness.error} retry={() => void openness.refetch()} />
      ) : !openness.data ? (
        <Loading what="the licensing data" />
      ) : (
        <>
          <header className="market-head">
            <h1>{opennessHeadline(openness.data.companies)}</h1>
            <Summary data={openness.data} />
          </header>
          <aside className="rule" aria-labelledby="rule-title">
            <h2 id="rule-title">How we classify</h2>
            <p>{openness.data.rule}</p>
          </aside>
        </>
      )}

      {markets.isError ? (
        <ErrorState what="the markets" error={markets.error} retry={() => void markets.refetch()} />
      ) : !markets.data ? (
        <Loading what="markets" />
      ) : !market ? (
        <p className="state">No markets in the dataset.</p>
      ) : (
        <>
          {requested !== undefined && requested !== market.id ? (
            <p className="notice" role="status">
              There is no market “{requested}”; showing {market.name}.
            </p>
          ) : null}
          <StrategySharesPanel
            key={market.id}
            market={market}
            markets={marketList}
            view={view}
            tab={tab}
            onMarket={(id) => setParams({ market: id })}
            onTab={(t) => setParams({ tab: t === 'chart' ? null : t })}
          />
        </>
      )}

      {openness.data ? (
        <>
          <Later>
            <CampsPanel data={openness.data} view={view} />
          </Later>
          <div className="downloads" role="group" aria-label="Download the licensing data as CSV">
            <a className="button" href={opennessCsvUrl()} download>
              Download releases and licences (CSV, {openness.data.releases.length}{' '}
              {openness.data.releases.length === 1 ? 'row' : 'rows'})
            </a>
          </div>
        </>
      ) : null}
    </article>
  );
}
