import { useMemo } from 'react';
import {
  METRIC_BASIS_LABELS,
  comparePeriods,
  summarizeSnapshot,
  type MarketSummary,
  type ShareFigureWithSource,
  type ShareQuery,
  type Vendor,
} from '@dash/domain';
import { useSearchState, type SetSearch } from '../../../lib/search';
import { shownMarket, type ShareSearch } from '../route';
import { useElementWidth } from '../../../lib/use-element-width';
import { useMarkets, useMarketSizes, useShares, useVendors } from '../api/queries';
import { headlineFor } from '../headline';
import { snapshotPeriodOf } from '../share-view';
import { DownloadLinks } from './download-links';
import { ShareTable } from './share-table';
import { MarketSelect } from '../../../components/market-select';
import { useEvents } from '../../../lib/events';
import { ErrorState, Loading } from '../../../components/states';
import { Later } from '../../../components/later';
import { SourcesPanel } from './sources-panel';
import { EmptySelection, Filters } from './share-filters';
import { SnapshotPanel } from './snapshot-panel';
import { TrendPanel } from './trend-panel';

const GROUP_COLOR = '#7A7A7A';

/**
 * The market-share page: pick a market, see one period's shares as bars with the explicit
 * remainder, the share of each vendor over time, or the same figures as a table; every chart
 * carries its sources, and both the market's full data and the displayed rows download as CSV.
 * All view state lives in the URL.
 */
export function MarketSharePage() {
  const [search, setParams] = useSearchState<ShareSearch>();
  const markets = useMarkets();
  const vendors = useVendors();

  if (markets.isError) return <ErrorState error={markets.error} retry={() => void markets.refetch()} />;
  if (vendors.isError) return <ErrorState error={vendors.error} retry={() => void vendors.refetch()} />;
  if (!markets.data || !vendors.data) return <Loading what="markets" />;

  const requested = search.market;
  const market = shownMarket(markets.data.data, requested);
  if (!market) return <p className="state">No markets in the dataset.</p>;
  return (
    <MarketView
      key={market.id}
      market={market}
      markets={markets.data.data}
      vendors={vendors.data.data}
      unknownMarket={requested !== undefined && requested !== market.id ? requested : null}
      search={search}
      setParams={setParams}
    />
  );
}

function MarketView({
  market,
  markets,
  vendors,
  unknownMarket,
  search,
  setParams,
}: {
  market: MarketSummary;
  markets: MarketSummary[];
  vendors: Vendor[];
  unknownMarket: string | null;
  search: ShareSearch;
  setParams: SetSearch;
}) {
  const [chartRef, width] = useElementWidth<HTMLDivElement>();
  const vendorById = useMemo(() => new Map(vendors.map((v) => [v.id, v])), [vendors]);
  const marketVendors = useMemo(
    () => market.vendorIds.map((id) => vendorById.get(id)).filter((v): v is Vendor => v !== undefined),
    [market, vendorById],
  );
  const periodsDesc = useMemo(() => [...market.periods].sort(comparePeriods).reverse(), [market]);
  const labels = new Set(market.periods.map((p) => p.label));

  const tab = search.tab ?? 'chart';
  const selected = (search.vendors ?? []).filter((id) => market.vendorIds.includes(id));
  const from = search.from !== undefined && labels.has(search.from) ? search.from : undefined;
  const to = search.to !== undefined && labels.has(search.to) ? search.to : undefined;

  const fullQuery: ShareQuery = { market: market.id };
  const displayedQuery: ShareQuery = {
    market: market.id,
    ...(selected.length > 0 ? { vendor: selected } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const full = useShares(fullQuery);
  const displayed = useShares(displayedQuery);
  const sizes = useMarketSizes(market.id);
  const events = useEvents();
  const absolute = search.view === 'absolute';

  const snapshotPeriod = useMemo(
    () => snapshotPeriodOf(periodsDesc, full.data?.data ?? [], search.period),
    [periodsDesc, full.data, search.period],
  );
  const colorOf = (vendorIds: readonly string[], kind: 'vendor' | 'group') =>
    kind === 'group' ? GROUP_COLOR : (vendorById.get(vendorIds[0]!)?.color ?? GROUP_COLOR);
  const snapshotFigures = useMemo(
    () => (full.data?.data ?? []).filter((f) => f.period.label === snapshotPeriod?.label),
    [full.data, snapshotPeriod],
  );
  const snapshot = useMemo(() => summarizeSnapshot(snapshotFigures), [snapshotFigures]);
  const shown: ShareFigureWithSource[] = displayed.data?.data ?? [];
  const chartWidth = Math.max(280, width);
  const headline = snapshotPeriod ? headlineFor(snapshot, market, snapshotPeriod.label) : market.name;
  const subtitle = `${market.name} · ${METRIC_BASIS_LABELS[market.metricBasis]} · ${market.region}`;

  return (
    <article className="market-view">
      <div className="controls">
        <MarketSelect
          markets={markets}
          value={market.id}
          onChange={(id) =>
            setParams({
              market: id,
              period: null,
              vendors: null,
              from: null,
              to: null,
              kind: null,
            })
          }
        />
        <div className="tabs" role="tablist" aria-label="View">
          {(['chart', 'table'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`panel-${t}`}
              onClick={() => setParams({ tab: t === 'chart' ? null : t })}
            >
              {t === 'chart' ? 'Chart' : 'Table'}
            </button>
          ))}
        </div>
      </div>
      {unknownMarket ? (
        <p className="notice" role="status">
          There is no market “{unknownMarket}”; showing {market.name}.
        </p>
      ) : null}

      <header className="market-head">
        <h1>{headline}</h1>
        <p className="subtitle">{subtitle}</p>
        <p className="scope">
          <strong>Scope:</strong> {market.scope} <em>Measures: {market.metric}.</em>
        </p>
        {market.metricBasis !== 'revenue' ? (
          <p className="notice">
            These shares measure {METRIC_BASIS_LABELS[market.metricBasis].toLowerCase()}, not revenue: do not compare
            them directly with revenue shares of other markets.
          </p>
        ) : null}
      </header>

      <div ref={chartRef} className="measure" />
      {full.isError ? <ErrorState error={full.error} retry={() => void full.refetch()} /> : null}

      {tab === 'chart' ? (
        <div id="panel-chart" role="tabpanel" aria-labelledby="tab-chart">
          <SnapshotPanel
            market={market}
            periodsDesc={periodsDesc}
            period={snapshotPeriod}
            figures={snapshotFigures}
            snapshot={snapshot}
            pending={full.isPending}
            absolute={absolute}
            sizes={sizes.data?.data ?? []}
            colorOf={colorOf}
            width={chartWidth}
            headline={headline}
            subtitle={subtitle}
            setParams={setParams}
          />

          <Later>
            <TrendPanel
              market={market}
              marketVendors={marketVendors}
              selected={selected}
              from={from}
              to={to}
              search={search}
              shown={shown}
              pending={displayed.isPending}
              events={events.data?.data}
              parentOf={(id) => vendorById.get(id)?.parentId ?? id}
              colorOf={colorOf}
              width={chartWidth}
              subtitle={subtitle}
              setParams={setParams}
            />
          </Later>
        </div>
      ) : (
        <div id="panel-table" role="tabpanel" aria-labelledby="tab-table">
          <section className="panel">
            <Filters
              marketVendors={marketVendors}
              selected={selected}
              periods={market.periods}
              from={from}
              to={to}
              setParams={setParams}
            />
            {displayed.isPending ? (
              <Loading what="figures" />
            ) : shown.length === 0 ? (
              <EmptySelection onReset={() => setParams({ vendors: null, from: null, to: null })} />
            ) : (
              <ShareTable figures={shown} />
            )}
          </section>
        </div>
      )}

      <DownloadLinks
        fullQuery={fullQuery}
        fullCount={full.data?.meta.count}
        displayedQuery={displayedQuery}
        displayedCount={displayed.data?.meta.count}
      />
      <Later>
        <SourcesPanel figures={shown} />
      </Later>
    </article>
  );
}
