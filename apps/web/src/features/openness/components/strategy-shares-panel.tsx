import { useMemo } from 'react';
import { METRIC_BASIS_LABELS, comparePeriods, formatPeriod, type MarketSummary } from '@dash/domain';
import { Link } from '@tanstack/react-router';
import { SourceLine, sourceText } from '../../../components/source-line';
import { ChartFrame } from '../../../charts/frame/chart-frame';
import { exportFileBase } from '../../../charts/export/compose-svg';
import { stackedTable, summarizeStacked } from '../../../charts/chart-text';
import { useElementWidth } from '../../../lib/use-element-width';
import { layoutStacked, type StackedRowInput } from '../../../charts/stacked/stacked-layout';
import { StackedChart } from '../../../charts/stacked/stacked-chart';
import { strategySharesCsvUrl, useStrategyShares, type StrategyView } from '../api/queries';
import { CAMP_SHORT_NAMES, campOrder, type CampKey } from '../camps';
import { campStyle } from '../camp-style';
import { sharesSentence } from '../headline';
import { MarketSelect } from '../../../components/market-select';
import { ErrorState, Loading } from '../../../components/states';
import { StrategySources } from './strategy-sources';
import { StrategyTable } from './strategy-table';

const PREFERRED_MARK = ' †';

function Legend({ keys }: { keys: readonly CampKey[] }) {
  return (
    <ul className="legend" aria-label="Bands">
      {keys.map((k) => (
        <li key={k}>
          <span className={`band-swatch band-${k}`} aria-hidden="true" />
          {CAMP_SHORT_NAMES[k]}
        </li>
      ))}
      <li>
        <span className="band-swatch band-remainder" aria-hidden="true" />
        Others / not reported
      </li>
    </ul>
  );
}

/**
 * Shares of one market added up by the strategy of each figure's subject: a 100% stacked bar per
 * period (newest first, so the current split is read without scrolling past a long history), the
 * explicit remainder, notes on disagreeing sources and on model-family figures, sources and the
 * CSV of exactly the figures counted. A table shows the same numbers.
 */
export function StrategySharesPanel({
  market,
  markets,
  view,
  tab,
  onMarket,
  onTab,
}: {
  market: MarketSummary;
  markets: readonly MarketSummary[];
  view: StrategyView;
  tab: 'chart' | 'table';
  onMarket: (id: string) => void;
  onTab: (tab: 'chart' | 'table') => void;
}) {
  const [measureRef, width] = useElementWidth<HTMLDivElement>();
  const shares = useStrategyShares({ market: market.id, view });
  const periods = useMemo(() => {
    const found = shares.data?.markets.find((m) => m.marketId === market.id)?.periods ?? [];
    return [...found].sort((a, b) => comparePeriods(a.period, b.period)).reverse();
  }, [shares.data, market.id]);
  const order = campOrder(view);
  const keys = order.filter((k) => periods.some((p) => p.bands.some((b) => b.key === k)));
  const figures = periods.flatMap((p) => p.bands.flatMap((b) => b.figures));
  const rows: StackedRowInput[] = periods.map((p) => ({
    key: p.period.label,
    label: `${formatPeriod(p.period.label)}${p.usedPreferredSource ? PREFERRED_MARK : ''}`,
    segments: p.bands.map((b) => ({
      key: b.key,
      name: b.label,
      shortName: CAMP_SHORT_NAMES[b.key as CampKey] ?? b.label,
      pct: b.pct,
      valueText: b.pctText,
      figures: b.figures,
    })),
    remainder: p.remainder ? { pct: p.remainder.pct, valueText: p.remainder.pctText } : null,
  }));
  const layout = layoutStacked(rows, { width: Math.max(280, width), order });
  const preferred = periods.filter((p) => p.usedPreferredSource);
  const unclassified = [
    ...new Set(
      periods.flatMap((p) =>
        p.bands.filter((b) => b.key === 'not-classified').flatMap((b) => b.figures.map((f) => f.subjectName)),
      ),
    ),
  ];
  const latest = periods[0];
  const viewName = view === 'binary' ? 'open weights vs API only' : 'strategy';

  return (
    <section className="panel strategy-shares" aria-labelledby="shares-title">
      <h2 id="shares-title">Market shares by {viewName}</h2>
      <div className="controls">
        <MarketSelect markets={markets} value={market.id} onChange={onMarket} />
        <div className="tabs" role="tablist" aria-label="Show shares as">
          {(['chart', 'table'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`shares-tab-${t}`}
              aria-selected={tab === t}
              aria-controls="shares-view"
              onClick={() => onTab(t)}
            >
              {t === 'chart' ? 'Chart' : 'Table'}
            </button>
          ))}
        </div>
      </div>
      <p className="subtitle">
        {market.name} · {METRIC_BASIS_LABELS[market.metricBasis]} · {market.region} · newest period first
      </p>
      {market.metricBasis !== 'revenue' ? (
        <p className="notice">
          These shares measure {METRIC_BASIS_LABELS[market.metricBasis].toLowerCase()}, not revenue: do not compare them
          directly with revenue shares of other markets.
        </p>
      ) : null}
      <div ref={measureRef} className="measure" />

      <div id="shares-view" role="tabpanel" aria-labelledby={`shares-tab-${tab}`}>
        {shares.isError ? (
          <ErrorState what="the shares by strategy" error={shares.error} retry={() => void shares.refetch()} />
        ) : shares.isPending ? (
          <Loading what="shares by strategy" />
        ) : periods.length === 0 ? (
          <p className="state">No share figures for {market.name} yet, so there is nothing to add up by strategy.</p>
        ) : (
          <>
            {latest ? <p className="finding">{sharesSentence(latest)}.</p> : null}
            {tab === 'chart' ? (
              <>
                <Legend keys={keys} />
                <ChartFrame
                  id="strategy-shares"
                  summary={`${latest ? `${sharesSentence(latest)}. ` : ''}${summarizeStacked(layout)}`}
                  tables={[stackedTable(layout, `Shares of ${market.name} by ${viewName}`)]}
                  meta={{
                    title: latest ? sharesSentence(latest) : `Market shares by ${viewName}: ${market.name}`,
                    subtitle: `Shares by ${viewName} · ${market.name} · ${METRIC_BASIS_LABELS[market.metricBasis]} · ${market.region} · ${periods.length > 1 ? `${formatPeriod(periods[periods.length - 1]!.period.label)}–${formatPeriod(periods[0]!.period.label)}, newest first` : latest ? formatPeriod(latest.period.label) : ''}`,
                    source: sourceText(figures),
                    notes: [
                      'A figure about a model family counts towards that family’s strategy, any other towards its vendor’s parent company’s; combined figures are never split.',
                      ...(preferred.length > 0 ? ['† Sources disagreed: the better-quality source was used (then the most recent).'] : []),
                    ],
                    legend: [
                      ...keys.map((k) => ({ label: CAMP_SHORT_NAMES[k], color: campStyle(k).fill })),
                      { label: 'Others / not reported (hatched)', color: '#8a8a8a' },
                    ],
                    fileBase: exportFileBase(market.id, 'strategy-shares', view),
                  }}
                >
                  {(describedBy) => (
                    <StackedChart
                      layout={layout}
                      styleOf={campStyle}
                      describedBy={describedBy}
                      label={`Stacked bar chart: shares of ${market.name} by ${viewName}, one 100% bar per period, newest first`}
                    />
                  )}
                </ChartFrame>
              </>
            ) : (
              <StrategyTable periods={periods} order={order} />
            )}
            {preferred.length > 0 ? (
              <p className="chart-note">
                † Sources disagreed on a figure in {preferred.map((p) => formatPeriod(p.period.label)).join(', ')}: the
                better-quality source was used (then the most recent). Every value is on the{' '}
                <Link to="/" search={{ market: market.id, period: preferred[0]!.period.label }}>
                  market-share page
                </Link>.
              </p>
            ) : null}
            <p className="chart-note">
              A share figure about a model family (Qwen, Doubao) counts towards that family’s strategy; any other figure
              towards its vendor’s parent company’s. Combined figures are never split.
            </p>
            {unclassified.length > 0 ? (
              <p className="chart-note">
                Not classified (no releases in the licensing data, or a combined figure whose members differ):{' '}
                {unclassified.join('; ')}.
              </p>
            ) : null}
            <SourceLine figures={figures} />
            <StrategySources figures={figures} />
          </>
        )}
      </div>
      <div className="downloads" role="group" aria-label="Download shares by strategy as CSV">
        <a className="button" href={strategySharesCsvUrl({ market: market.id, view })} download>
          Download shares by {viewName}, {market.name} (CSV,{' '}
          {shares.data ? `${figures.length} ${figures.length === 1 ? 'row' : 'rows'}` : '…'})
        </a>
      </div>
    </section>
  );
}
