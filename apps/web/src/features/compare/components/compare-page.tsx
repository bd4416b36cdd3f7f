import { useMemo } from 'react';
import {
  METRIC_BASIS_LABELS,
  formatPeriod,
  type CompareResponse,
  type MarketComparisonView,
  type MetricBasis,
} from '@dash/domain';
import { layoutDumbbell } from '../../../charts/dumbbell/dumbbell-layout';
import { DumbbellChart } from '../../../charts/dumbbell/dumbbell-chart';
import { layoutTrend } from '../../../charts/trend/trend-layout';
import { TrendChart } from '../../../charts/trend/trend-chart';
import { useVendors } from '../../../lib/reference-queries';
import { SourceLine, sourceText } from '../../../components/source-line';
import { Later } from '../../../components/later';
import { ChartFrame } from '../../../charts/frame/chart-frame';
import { exportFileBase } from '../../../charts/export/compose-svg';
import { eventExportNotes } from '../../../charts/events/event-layout';
import { dumbbellTable, eventsTable, summarizeTrend, trendTable } from '../../../charts/chart-text';
import type { ChartEvent } from '../../../charts/events/event-layout';
import { chartEventsFor, eventChoiceOf, EventsControl } from '../../../components/events';
import { useEvents } from '../../../lib/events';
import { useSearchState, type SetSearch } from '../../../lib/search';
import { comparedIds, type CompareSearch } from '../route';
import { useElementWidth } from '../../../lib/use-element-width';
import { compareCsvUrl, useCompare } from '../api/queries';
import { compareRows, compareTitle } from '../compare-view';
import { EntityPicker } from './entity-picker';
import { byCodeUnits } from '../../../lib/text-order';

const BASIS_ORDER: MetricBasis[] = ['revenue', 'token-volume', 'usage'];
const BASIS_NOTES: Record<MetricBasis, string> = {
  revenue: 'Share of what customers pay: cloud or AI-cloud revenue.',
  'token-volume': 'Share of tokens called through public-cloud model APIs.',
  usage: 'Share of model usage (tokens consumed), ranked by model family.',
};

/**
 * The vendor comparison: for every market where the chosen companies or vendors have figures,
 * their shares side by side as dumbbells grouped by what the shares measure, the generated
 * sentence for each market and for the whole comparison, trends where a series exists, absolute
 * estimates where the same publisher gives the market's total, and every source.
 */
export function ComparePage() {
  const [search, setParams] = useSearchState<CompareSearch>();
  const ids = comparedIds(search);
  const mode = search.view ?? 'share';
  const vendors = useVendors();
  const compare = useCompare(ids);

  if (compare.isError || vendors.isError) {
    const error = (compare.error ?? vendors.error)!;
    return (
      <div className="state state-error" role="alert">
        <p>Could not load the comparison: {error.message}</p>
        <button type="button" onClick={() => setParams({ vendors: null })}>
          Compare Alibaba and ByteDance
        </button>
      </div>
    );
  }
  if (!compare.data || !vendors.data) {
    return (
      <p className="state state-loading" role="status">
        Loading the comparison…
      </p>
    );
  }
  return (
    <CompareView
      data={compare.data}
      ids={ids}
      mode={mode}
      parentOf={(vendorId) => vendors.data.data.find((v) => v.id === vendorId)?.parentId ?? vendorId}
      eventParam={search.events ?? null}
      setParams={setParams}
      picker={
        <EntityPicker reference={vendors.data} selected={ids} onChange={(next) => setParams({ vendors: next })} />
      }
      onMode={(m) => setParams({ view: m === 'share' ? null : m })}
    />
  );
}

function CompareView({
  data,
  ids,
  mode,
  picker,
  onMode,
  parentOf,
  eventParam,
  setParams,
}: {
  data: CompareResponse;
  ids: string[];
  mode: 'share' | 'absolute';
  picker: React.ReactNode;
  onMode: (m: 'share' | 'absolute') => void;
  parentOf: (vendorId: string) => string;
  eventParam: string | null;
  setParams: SetSearch;
}) {
  const events = useEvents();
  const eventChoice = eventChoiceOf(eventParam, 'all');
  const companies = new Set(data.entities.flatMap((e) => e.vendorIds.map(parentOf)));
  const chartEvents = chartEventsFor(events.data?.data, companies, eventChoice);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const chartWidth = Math.max(300, Math.min(width, 900));
  const compared = data.markets.filter((m) => m.status === 'compared');
  const single = data.markets.filter((m) => m.status === 'single');
  const csvRows = useMemo(
    () =>
      data.markets.reduce(
        (n, m) =>
          n + m.entries.reduce((k, e) => k + e.figures.reduce((j, f) => j + Math.max(1, f.estimates.length), 0), 0),
        0,
      ),
    [data],
  );
  const colorOf = (vendorIds: readonly string[]) =>
    data.entities.find((e) => e.vendorIds.includes(vendorIds[0]!))?.color ?? '#7A7A7A';

  return (
    <article className="compare-view">
      <header className="market-head">
        <h1>{compareTitle(data)}</h1>
        <p className="summary" id="compare-summary">
          {data.summary}
        </p>
      </header>
      <div className="controls compare-controls">
        {picker}
        <div className="segmented" role="group" aria-label="Show">
          {(['share', 'absolute'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => onMode(m)}>
              {m === 'share' ? 'Share (%)' : 'Absolute (derived)'}
            </button>
          ))}
        </div>
      </div>
      <EventsControl value={eventChoice} onChange={setParams} marked={null} label="Events marked on the trends" />
      {new Set(compared.map((c) => c.market.metricBasis)).size > 1 ? (
        <p className="notice" role="note">
          These markets measure different things. Compare figures within one group below, never across groups: a lead in
          revenue and a lead in API token volume are different leads.
        </p>
      ) : null}
      {mode === 'absolute' ? (
        <p className="notice" role="note">
          Absolute values are <strong>derived</strong>: a share multiplied by the market total that the same publisher
          gives for the same market and period, rounded to the precision of the less precise number. Where no such total
          exists, nothing is shown.
        </p>
      ) : null}
      <div ref={ref} className="measure" />

      {BASIS_ORDER.map((basis) => {
        const group = compared.filter((c) => c.market.metricBasis === basis);
        if (group.length === 0) return null;
        const { rows, withoutTotals } = compareRows(group, data.entities, mode);
        const layout = layoutDumbbell(rows, {
          width: chartWidth,
          sharedScale: mode === 'share',
          format: (v) => `${v}%`,
        });
        return (
          <section key={basis} className="panel" aria-labelledby={`basis-${basis}`}>
            <h2 id={`basis-${basis}`}>{METRIC_BASIS_LABELS[basis]}</h2>
            <p className="scope">{BASIS_NOTES[basis]}</p>
            {rows.length > 0 ? (
              <ChartFrame
                id={`compare-${basis}`}
                describedBy="compare-summary"
                tables={[
                  dumbbellTable(
                    layout,
                    `${METRIC_BASIS_LABELS[basis]}: ${data.entities.map((e) => e.name).join(' vs ')}`,
                  ),
                ]}
                meta={{
                  title: group.length === 1 ? `${group[0]!.sentence}` : compareTitle(data),
                  subtitle: `${data.entities.map((e) => e.name).join(' vs ')} · ${METRIC_BASIS_LABELS[basis]} · ${group
                    .map((c) => `${c.market.name} ${formatPeriod(c.period.label)}`)
                    .join(
                      '; ',
                    )}${mode === 'absolute' ? ' · derived absolute values (share × the same publisher’s total)' : ''}`,
                  source: sourceText(group.flatMap((c) => c.entries.flatMap((e) => e.figures))),
                  notes: group.length > 1 ? group.map((c) => `${c.sentence}.`) : [],
                  fileBase: exportFileBase(
                    'compare',
                    data.entities.map((e) => e.id).join('-vs-'),
                    basis,
                    mode === 'absolute' ? 'absolute' : null,
                  ),
                }}
              >
                {(describedBy) => (
                  <DumbbellChart
                    layout={layout}
                    label={`${METRIC_BASIS_LABELS[basis]}: ${data.entities.map((e) => e.name).join(' vs ')}`}
                    describedBy={describedBy}
                  />
                )}
              </ChartFrame>
            ) : null}
            {withoutTotals.length > 0 ? (
              <p className="chart-note">
                No total from the same publisher for{' '}
                {withoutTotals.map((c) => `${c.market.name} (${formatPeriod(c.period.label)})`).join(', ')}: no absolute
                estimate can be made.
              </p>
            ) : null}
            {group.map((c) => (
              <MarketDetail
                key={c.market.id}
                comparison={c}
                width={chartWidth}
                colorOf={colorOf}
                events={chartEvents}
              />
            ))}
          </section>
        );
      })}

      {single.length > 0 ? (
        <section className="panel" aria-labelledby="single-title">
          <h2 id="single-title">Markets where only one of them has figures</h2>
          <ul className="single-list">
            {single.map((c) => (
              <li key={c.market.id}>
                {c.sentence}. <span className="chart-note">{METRIC_BASIS_LABELS[c.market.metricBasis]}.</span>
                <SourceLine figures={c.entries.flatMap((e) => e.figures)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="downloads" role="group" aria-label="Download data as CSV">
        <a className="button" href={compareCsvUrl(ids)} download>
          Download this comparison (CSV, {csvRows} {csvRows === 1 ? 'row' : 'rows'})
        </a>
      </div>
    </article>
  );
}

function MarketDetail({
  comparison: c,
  width,
  colorOf,
  events,
}: {
  comparison: MarketComparisonView;
  width: number;
  colorOf: (vendorIds: readonly string[]) => string;
  events: ChartEvent[];
}) {
  const kind = c.period.kind;
  const series = c.series.flatMap((s) => s.figures).filter((f) => f.period.kind === kind);
  const hasTrend = c.series.some(
    (s) => new Set(s.figures.filter((f) => f.period.kind === kind).map((f) => f.period.label)).size > 1,
  );
  const figures = c.entries.flatMap((e) => e.figures);
  const trend = hasTrend
    ? layoutTrend(series, { width, height: width < 520 ? 260 : 300, colorOf: (f) => colorOf(f.vendorIds), events })
    : null;
  const periods = [...new Map(series.map((f) => [f.period.label, f.period])).values()].sort((a, b) =>
    byCodeUnits(a.endDate, b.endDate),
  );
  const ends = [...new Set([periods[0]?.label, periods[periods.length - 1]?.label].filter((p): p is string => !!p))];
  const span = ends.map(formatPeriod).join('–');
  const spanLabel = ends.join('-');
  return (
    <div className="market-detail" data-market={c.market.id}>
      <h3>{c.market.name}</h3>
      <p className="sentence">{c.sentence}.</p>
      <details>
        <summary>Scope and measure</summary>
        <p className="scope">
          {c.market.scope} <em>Measures: {c.market.metric}.</em>
        </p>
      </details>
      {hasTrend && trend ? (
        <Later>
          <ChartFrame
            id={`trend-${c.market.id}`}
            summary={summarizeTrend(trend)}
            tables={[
              trendTable(trend, `${c.market.name} over time`),
              ...(trend.events.length > 0 ? [eventsTable(trend.events)] : []),
            ]}
            meta={{
              title: `${c.market.name} over time`,
              subtitle: `${METRIC_BASIS_LABELS[c.market.metricBasis]} · ${c.market.region} · ${span}`,
              source: sourceText(series),
              notes: [...trend.notes, ...eventExportNotes(trend.events)],
              legend: trend.legend
                ? trend.series.map((s) => ({ label: s.label.text, color: s.color, dashed: s.dashed }))
                : undefined,
              fileBase: exportFileBase(c.market.id, 'trend', spanLabel),
            }}
          >
            {(describedBy) => (
              <TrendChart layout={trend} label={`${c.market.name} over time`} describedBy={describedBy} />
            )}
          </ChartFrame>
        </Later>
      ) : null}
      <SourceLine figures={figures} />
    </div>
  );
}
