import {
  formatPeriod,
  formatSize,
  type MarketSize,
  type MarketSummary,
  type Period,
  type ShareFigureWithSource,
  type Snapshot,
  type SnapshotRow,
} from '@dash/domain';
import { BarChart } from '../../../charts/bar/bar-chart';
import { layoutBars } from '../../../charts/bar/bar-layout';
import { barTable, summarizeBars } from '../../../charts/chart-text';
import { exportFileBase } from '../../../charts/export/compose-svg';
import { ChartFrame } from '../../../charts/frame/chart-frame';
import type { SetSearch } from '../../../lib/search';
import { SourceLine, sourceText } from '../../../components/source-line';
import { Loading } from '../../../components/states';
import { absoluteBar, estimatesOf, unitOf } from '../share-view';

/**
 * One period's shares as bars with the explicit remainder, or (the absolute view) each share
 * times the same publisher's total for the market, with the period picker and the sources.
 */
export function SnapshotPanel({
  market,
  periodsDesc,
  period,
  figures,
  snapshot,
  pending,
  absolute,
  sizes,
  colorOf,
  width,
  headline,
  subtitle,
  setParams,
}: {
  market: MarketSummary;
  periodsDesc: readonly Period[];
  period: Period | undefined;
  figures: ShareFigureWithSource[];
  snapshot: Snapshot<ShareFigureWithSource>;
  pending: boolean;
  absolute: boolean;
  sizes: readonly MarketSize[];
  colorOf: (vendorIds: readonly string[], kind: 'vendor' | 'group') => string;
  width: number;
  headline: string;
  subtitle: string;
  setParams: SetSearch;
}) {
  const estimatesFor = (row: SnapshotRow<ShareFigureWithSource>) => estimatesOf(row, sizes);
  const withoutTotal = absolute ? snapshot.rows.filter((r) => estimatesFor(r).length === 0) : [];
  const bars = layoutBars(snapshot, {
    width: Math.min(width, 760),
    colorOf: (row) => colorOf(row.vendorIds, row.subjectKind),
    ...(absolute
      ? {
          valueFor: (row: SnapshotRow<ShareFigureWithSource>) => absoluteBar(row, estimatesFor(row)),
          tickFormat: (t: number) => formatSize(String(t), unitOf(sizes, market.id)),
        }
      : {}),
  });
  return (
    <section className="panel" aria-labelledby="snapshot-title">
      <div className="panel-head">
        <h2 id="snapshot-title">
          {absolute ? 'Derived absolute values' : 'Shares'} in {period ? formatPeriod(period.label) : '—'}
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
          <select value={period?.label ?? ''} onChange={(e) => setParams({ period: e.target.value })}>
            {periodsDesc.map((p) => (
              <option key={p.label} value={p.label}>
                {formatPeriod(p.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {pending ? (
        <Loading what="figures" />
      ) : snapshot.rows.length === 0 ? (
        <p className="state">No figures for this period.</p>
      ) : (
        <>
          {absolute ? (
            <p className="notice" role="note">
              Derived: each share multiplied by the market total that the same publisher gives for the same market and
              period, rounded to the precision of the less precise number. Totals:{' '}
              {[...new Map(snapshot.rows.flatMap(estimatesFor).map((e) => [e.size.id, e.size])).values()].map(
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
                  `${absolute ? 'Derived absolute values' : 'Shares'} of ${market.name}, ${period ? formatPeriod(period.label) : ''}`,
                  absolute ? 'Derived value' : 'Share',
                ),
              ]}
              meta={{
                title: headline,
                subtitle: `${subtitle} · ${period ? formatPeriod(period.label) : ''}${absolute ? ' · derived absolute values (share × the same publisher’s total)' : ''}`,
                source: sourceText(figures),
                notes:
                  absolute && withoutTotal.length > 0
                    ? [
                        `No absolute value (no total from the same publisher): ${withoutTotal.map((r) => r.subjectName).join(', ')}.`,
                      ]
                    : [],
                fileBase: exportFileBase(market.id, absolute ? 'absolute' : 'shares', period?.label),
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
          <SourceLine figures={figures} />
        </>
      )}
    </section>
  );
}
