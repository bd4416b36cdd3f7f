import {
  METRIC_BASIS_LABELS,
  type MarketEvent,
  type MarketSummary,
  type ShareFigureWithSource,
  type Vendor,
} from '@dash/domain';
import { eventsTable, summarizeTrend, trendTable } from '../../../charts/chart-text';
import { eventExportNotes } from '../../../charts/events/event-layout';
import { exportFileBase } from '../../../charts/export/compose-svg';
import { ChartFrame } from '../../../charts/frame/chart-frame';
import { TrendChart } from '../../../charts/trend/trend-chart';
import { layoutTrend } from '../../../charts/trend/trend-layout';
import { chartEventsFor, eventChoiceOf, EventsControl } from '../../../components/events';
import type { SetSearch } from '../../../lib/search';
import { SourceLine, sourceText } from '../../../components/source-line';
import { Loading } from '../../../components/states';
import type { ShareSearch } from '../route';
import { KIND_LABELS, trendCompaniesOf, trendKindOf, trendSpanOf } from '../share-view';
import { EmptySelection, Filters } from './share-filters';

/**
 * The chosen vendors' shares over time, one period length per line, with the market's events
 * marked, the vendor and period filters, and the sources.
 */
export function TrendPanel({
  market,
  marketVendors,
  selected,
  from,
  to,
  search,
  shown,
  pending,
  events,
  parentOf,
  colorOf,
  width,
  subtitle,
  setParams,
}: {
  market: MarketSummary;
  marketVendors: Vendor[];
  selected: string[];
  from: string | undefined;
  to: string | undefined;
  search: ShareSearch;
  shown: ShareFigureWithSource[];
  pending: boolean;
  events: readonly MarketEvent[] | undefined;
  parentOf: (vendorId: string) => string;
  colorOf: (vendorIds: readonly string[], kind: 'vendor' | 'group') => string;
  width: number;
  subtitle: string;
  setParams: SetSearch;
}) {
  const { kinds, kind, figures } = trendKindOf(shown, search.kind);
  const eventChoice = eventChoiceOf(search.events ?? null, 'all');
  const trend = layoutTrend(figures, {
    width,
    height: width < 520 ? 300 : 380,
    colorOf: (f) => colorOf(f.vendorIds, f.subjectKind),
    events: chartEventsFor(events, trendCompaniesOf(figures, parentOf), eventChoice),
  });
  const eventsMarked = trend.events.reduce((n, m) => n + m.events.length, 0);
  const span = trendSpanOf(figures);
  return (
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
        marked={events ? eventsMarked : null}
        label="Events marked"
      />
      {pending ? (
        <Loading what="figures" />
      ) : figures.length === 0 ? (
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
              subtitle: `${METRIC_BASIS_LABELS[market.metricBasis]} · ${market.region} · ${kind ? KIND_LABELS[kind].toLowerCase() : ''} figures · ${span.text}`,
              source: sourceText(figures),
              notes: [...trend.notes, ...eventExportNotes(trend.events)],
              legend: trend.legend
                ? trend.series.map((s) => ({ label: s.label.text, color: s.color, dashed: s.dashed }))
                : undefined,
              fileBase: exportFileBase(market.id, 'trend', span.label),
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
          {new Set(figures.map((f) => f.period.label)).size === 1 ? (
            <p className="chart-note">Only one period of this length has figures so far: no trend to draw yet.</p>
          ) : null}
          {trend.notes.map((n) => (
            <p key={n} className="chart-note">
              {n}
            </p>
          ))}
          {kinds.length > 1 ? (
            <p className="chart-note">
              Showing {figures.length} {kind ? KIND_LABELS[kind].toLowerCase() : ''} figures; periods of other lengths
              are not mixed into one line. All {shown.length} are in the table.
            </p>
          ) : null}
          <SourceLine figures={figures} />
        </>
      )}
    </section>
  );
}
