import { useMemo } from 'react';
import {
  METRIC_BASIS_LABELS,
  comparePeriods,
  formatPeriod,
  summarizeSnapshot,
  absoluteEstimates,
  formatSize,
  type MarketSummary,
  type PeriodKind,
  type MarketSize,
  type ShareFigureWithSource,
  type ShareQuery,
  type SizeUnit,
  type SnapshotRow,
  type Vendor,
} from '@dash/domain';
import { useSearchState, type SetSearch } from '../../../lib/search';
import { shownMarket, type ShareSearch } from '../route';
import { useElementWidth } from '../../../lib/use-element-width';
import { layoutBars } from '../../../charts/bar/bar-layout';
import { BarChart } from '../../../charts/bar/bar-chart';
import { layoutTrend } from '../../../charts/trend/trend-layout';
import { TrendChart } from '../../../charts/trend/trend-chart';
import { useMarkets, useMarketSizes, useShares, useVendors } from '../api/queries';
import { headlineFor } from '../headline';
import { DownloadLinks } from './download-links';
import { ShareTable } from './share-table';
import { MarketSelect } from '../../../lib/market-select';
import { SourceLine, sourceText } from '../../../lib/source-line';
import { ChartFrame } from '../../../charts/frame/chart-frame';
import { eventExportNotes } from '../../../charts/events/event-layout';
import { chartEventsFor, eventChoiceOf, EventsControl, useEvents } from '../../../lib/events';
import { exportFileBase } from '../../../charts/export/compose-svg';
import { barTable, eventsTable, summarizeBars, summarizeTrend, trendTable } from '../../../charts/chart-text';
import { ErrorState, Loading } from '../../../lib/states';
import { Later } from '../../../lib/later';
import { SourcesPanel } from './sources-panel';
import { VendorFilter } from './vendor-filter';

const GROUP_COLOR = '#7A7A7A';

/** The unit of a market's totals (they share one per market definition). */
const unitOf = (sizes: readonly MarketSize[], marketId: string): SizeUnit =>
  sizes.find((z) => z.marketId === marketId)?.unit ?? 'USD billions';
const KIND_LABELS: Record<PeriodKind, string> = {
  quarter: 'Quarterly',
  half: 'Half-yearly',
  year: 'Annual',
};

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

  // Default snapshot: the latest period with at least two subjects, so a lone low-confidence
  // figure does not stand in for the market; every period stays one click away.
  const subjectsPerPeriod = useMemo(() => {
    const m = new Map<string, Set<string>>();
    for (const f of full.data?.data ?? []) m.set(f.period.label, (m.get(f.period.label) ?? new Set()).add(f.subjectId));
    return m;
  }, [full.data]);
  const snapshotPeriod =
    periodsDesc.find((p) => p.label === search.period) ??
    periodsDesc.find((p) => (subjectsPerPeriod.get(p.label)?.size ?? 0) >= 2) ??
    periodsDesc[0];

  const colorOf = (vendorIds: readonly string[], kind: 'vendor' | 'group') =>
    kind === 'group' ? GROUP_COLOR : (vendorById.get(vendorIds[0]!)?.color ?? GROUP_COLOR);

  const snapshotFigures = useMemo(
    () => (full.data?.data ?? []).filter((f) => f.period.label === snapshotPeriod?.label),
    [full.data, snapshotPeriod],
  );
  const snapshot = useMemo(() => summarizeSnapshot(snapshotFigures), [snapshotFigures]);
  const shown: ShareFigureWithSource[] = displayed.data?.data ?? [];
  const kinds = [...new Set(shown.map((f) => f.period.kind))];
  const kindCounts = kinds.map((k) => ({
    k,
    n: shown.filter((f) => f.period.kind === k).length,
  }));
  const defaultKind = kindCounts.sort((a, b) => b.n - a.n)[0]?.k;
  const kindParam = search.kind ?? null;
  const kind = kindParam && kinds.includes(kindParam) ? kindParam : defaultKind;
  const trendFigures = shown.filter((f) => f.period.kind === kind);

  const chartWidth = Math.max(280, width);
  const estimates = (row: SnapshotRow<ShareFigureWithSource>) =>
    row.figures.flatMap((f) => absoluteEstimates(f, sizes.data?.data ?? []).map((e) => ({ ...e, figure: f })));
  const withoutTotal = absolute ? snapshot.rows.filter((r) => estimates(r).length === 0) : [];
  const bars = layoutBars(snapshot, {
    width: Math.min(chartWidth, 760),
    colorOf: (row) => colorOf(row.vendorIds, row.subjectKind),
    ...(absolute
      ? {
          valueFor: (row: SnapshotRow<ShareFigureWithSource>) => {
            const list = estimates(row);
            if (list.length === 0) return null;
            const values = list.map((e) => Number(e.value));
            const texts = [...new Set(list.map((e) => e.display))];
            return {
              lo: Math.min(...values),
              hi: Math.max(...values),
              label: `≈ ${texts.join(' / ')}`,
              description: `${row.subjectName}: about ${texts.join(' or ')}, derived from ${list
                .map(
                  (e) =>
                    `${e.figure.sharePctText}% of ${e.size.publisherText}'s total of ${e.size.value} ${e.size.unit}`,
                )
                .join(' or ')}`,
            };
          },
          tickFormat: (t: number) => formatSize(String(t), unitOf(sizes.data?.data ?? [], market.id)),
        }
      : {}),
  });
  const eventChoice = eventChoiceOf(search.events ?? null, 'all');
  // Events of the companies whose own series are drawn; a combined figure ("Alibaba + Huawei +
  // Tencent") does not bring in its members' events unless nothing else is drawn.
  const ownSeries = trendFigures.filter((f) => f.subjectKind === 'vendor');
  const trendCompanies = new Set(
    (ownSeries.length > 0 ? ownSeries : trendFigures).flatMap((f) =>
      f.vendorIds.map((id) => vendorById.get(id)?.parentId ?? id),
    ),
  );
  const trend = layoutTrend(trendFigures, {
    width: chartWidth,
    height: chartWidth < 520 ? 300 : 380,
    colorOf: (f) => colorOf(f.vendorIds, f.subjectKind),
    events: chartEventsFor(events.data?.data, trendCompanies, eventChoice),
  });
  const eventsMarked = trend.events.reduce((n, m) => n + m.events.length, 0);
  const trendPeriods = [...new Map(trendFigures.map((f) => [f.period.label, f.period])).values()].sort(comparePeriods);
  const trendSpan =
    trendPeriods.length > 0
      ? [trendPeriods[0]!, trendPeriods[trendPeriods.length - 1]!]
          .map((p) => formatPeriod(p.label))
          .filter((v, i, a) => a.indexOf(v) === i)
          .join('–')
      : '';
  const trendSpanLabel =
    trendPeriods.length > 0
      ? [...new Set([trendPeriods[0]!.label, trendPeriods[trendPeriods.length - 1]!.label])].join('-')
      : '';
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
          <section className="panel" aria-labelledby="snapshot-title">
            <div className="panel-head">
              <h2 id="snapshot-title">
                {absolute ? 'Derived absolute values' : 'Shares'} in{' '}
                {snapshotPeriod ? formatPeriod(snapshotPeriod.label) : '—'}
              </h2>
              <div className="segmented" role="group" aria-label="Show">
                {(['share', 'absolute'] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    aria-pressed={absolute === (m === 'absolute')}
                    onClick={() => setParams({ view: m === 'share' ? null : m })}
                  >
                    {m === 'share' ? 'Share (%)' : 'Absolute (derived)'}
                  </button>
                ))}
              </div>
              <label className="field inline">
                <span>Period</span>
                <select value={snapshotPeriod?.label ?? ''} onChange={(e) => setParams({ period: e.target.value })}>
                  {periodsDesc.map((p) => (
                    <option key={p.label} value={p.label}>
                      {formatPeriod(p.label)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {full.isPending ? (
              <Loading what="figures" />
            ) : snapshot.rows.length === 0 ? (
              <p className="state">No figures for this period.</p>
            ) : (
              <>
                {absolute ? (
                  <p className="notice" role="note">
                    Derived: each share multiplied by the market total that the same publisher gives for the same market
                    and period, rounded to the precision of the less precise number. Totals:{' '}
                    {[...new Map(snapshot.rows.flatMap(estimates).map((e) => [e.size.id, e.size])).values()].map(
                      (z, i) => (
                        <span key={z.id}>
                          {i > 0 ? '; ' : ''}
                          {formatSize(z.value, z.unit)} ({z.publisherText},{' '}
                          <a href={z.url} target="_blank" rel="noopener noreferrer">
                            source
                          </a>
                          )
                        </span>
                      ),
                    )}
                    {withoutTotal.length === snapshot.rows.length ? 'none for this period.' : '.'}
                  </p>
                ) : null}
                {absolute && withoutTotal.length > 0 ? (
                  <p className="chart-note">
                    No total from the same publisher for this period, so no absolute value for:{' '}
                    {withoutTotal.map((r) => r.subjectName).join(', ')}.
                  </p>
                ) : null}
                {bars.marks.length > 0 ? (
                  <ChartFrame
                    id="shares"
                    summary={summarizeBars(bars)}
                    tables={[
                      barTable(
                        bars,
                        `${absolute ? 'Derived absolute values' : 'Shares'} of ${market.name}, ${snapshotPeriod ? formatPeriod(snapshotPeriod.label) : ''}`,
                        absolute ? 'Derived value' : 'Share',
                      ),
                    ]}
                    meta={{
                      title: headline,
                      subtitle: `${subtitle} · ${snapshotPeriod ? formatPeriod(snapshotPeriod.label) : ''}${absolute ? ' · derived absolute values (share × the same publisher’s total)' : ''}`,
                      source: sourceText(snapshotFigures),
                      notes:
                        absolute && withoutTotal.length > 0
                          ? [
                              `No absolute value (no total from the same publisher): ${withoutTotal.map((r) => r.subjectName).join(', ')}.`,
                            ]
                          : [],
                      fileBase: exportFileBase(market.id, absolute ? 'absolute' : 'shares', snapshotPeriod?.label),
                    }}
                  >
                    {(describedBy) => (
                      <BarChart
                        layout={bars}
                        describedBy={describedBy}
                        label={`${headline}. Bar chart of ${bars.marks.length} ${absolute ? 'derived absolute values' : 'figures and the remainder'}.`}
                      />
                    )}
                  </ChartFrame>
                ) : null}
                {snapshot.overfull ? (
                  <p className="notice notice-error" role="alert">
                    These figures add up to more than 100%: a data error.
                  </p>
                ) : null}
                <SourceLine figures={snapshotFigures} />
              </>
            )}
          </section>

          <Later>
            <section className="panel" aria-labelledby="trend-title">
              <div className="panel-head">
                <h2 id="trend-title">Share over time</h2>
                {kinds.length > 1 ? (
                  <div className="segmented" role="group" aria-label="Period length">
                    {kinds.map((k) => (
                      <button key={k} type="button" aria-pressed={k === kind} onClick={() => setParams({ kind: k })}>
                        {KIND_LABELS[k]}
                      </button>
                    ))}
                  </div>
                ) : null}
              </div>
              <Filters
                marketVendors={marketVendors}
                selected={selected}
                periods={market.periods}
                from={from}
                to={to}
                setParams={setParams}
              />
              <EventsControl
                value={eventChoice}
                onChange={setParams}
                marked={events.data ? eventsMarked : null}
                label="Events marked"
              />
              {displayed.isPending ? (
                <Loading what="figures" />
              ) : trendFigures.length === 0 ? (
                <EmptySelection onReset={() => setParams({ vendors: null, from: null, to: null })} />
              ) : (
                <>
                  <ChartFrame
                    id="trend"
                    summary={summarizeTrend(trend)}
                    tables={[
                      trendTable(
                        trend,
                        `Share over time, ${market.name}, ${kind ? KIND_LABELS[kind].toLowerCase() : ''} figures`,
                      ),
                      ...(trend.events.length > 0 ? [eventsTable(trend.events)] : []),
                    ]}
                    meta={{
                      title: `Share over time: ${market.name}`,
                      subtitle: `${METRIC_BASIS_LABELS[market.metricBasis]} · ${market.region} · ${kind ? KIND_LABELS[kind].toLowerCase() : ''} figures · ${trendSpan}`,
                      source: sourceText(trendFigures),
                      notes: [...trend.notes, ...eventExportNotes(trend.events)],
                      legend: trend.legend
                        ? trend.series.map((s) => ({ label: s.label.text, color: s.color, dashed: s.dashed }))
                        : undefined,
                      fileBase: exportFileBase(market.id, 'trend', trendSpanLabel),
                    }}
                  >
                    {(describedBy) => (
                      <TrendChart
                        layout={trend}
                        describedBy={describedBy}
                        label={`Share over time, ${kind ? KIND_LABELS[kind].toLowerCase() : ''} figures, ${subtitle}`}
                      />
                    )}
                  </ChartFrame>
                  {new Set(trendFigures.map((f) => f.period.label)).size === 1 ? (
                    <p className="chart-note">
                      Only one period of this length has figures so far: no trend to draw yet.
                    </p>
                  ) : null}
                  {trend.notes.map((n) => (
                    <p key={n} className="chart-note">
                      {n}
                    </p>
                  ))}
                  {kinds.length > 1 ? (
                    <p className="chart-note">
                      Showing {trendFigures.length} {kind ? KIND_LABELS[kind].toLowerCase() : ''} figures; periods of
                      other lengths are not mixed into one line. All {shown.length} are in the table.
                    </p>
                  ) : null}
                  <SourceLine figures={trendFigures} />
                </>
              )}
            </section>
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

function EmptySelection({ onReset }: { onReset: () => void }) {
  return (
    <div className="state">
      <p>No figures match these vendors and periods.</p>
      <button type="button" onClick={onReset}>
        Show all vendors and periods
      </button>
    </div>
  );
}

function Filters({
  marketVendors,
  selected,
  periods,
  from,
  to,
  setParams,
}: {
  marketVendors: Vendor[];
  selected: string[];
  periods: MarketSummary['periods'];
  from: string | undefined;
  to: string | undefined;
  setParams: SetSearch;
}) {
  const sorted = [...periods].sort(comparePeriods);
  const fromPeriod = sorted.find((p) => p.label === from);
  const toPeriod = sorted.find((p) => p.label === to);
  return (
    <div className="filters">
      <VendorFilter
        vendors={marketVendors}
        selected={new Set(selected)}
        onChange={(ids) => setParams({ vendors: ids })}
      />
      <div className="range">
        <label className="field inline">
          <span>From</span>
          <select value={from ?? ''} onChange={(e) => setParams({ from: e.target.value || null })}>
            <option value="">first</option>
            {sorted.map((p) => (
              <option key={p.label} value={p.label} disabled={toPeriod !== undefined && p.startDate > toPeriod.endDate}>
                {formatPeriod(p.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>To</span>
          <select value={to ?? ''} onChange={(e) => setParams({ to: e.target.value || null })}>
            <option value="">latest</option>
            {sorted.map((p) => (
              <option
                key={p.label}
                value={p.label}
                disabled={fromPeriod !== undefined && p.endDate < fromPeriod.startDate}
              >
                {formatPeriod(p.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
