import {
  absoluteEstimates,
  aggregateByStrategy,
  comparePeriods,
  compareMarkets,
  deriveStrategies,
  figureStrategy,
  OPENNESS_GRADE_LABELS,
  OPENNESS_RULE,
  resolveEntities,
  STRATEGY_LABELS,
  summarizeComparison,
  toBinary,
  type CompareResponse,
  type FigureWithEstimates,
  type MarketSize,
  type OpennessResponse,
  type ShareFigureWithSource,
  type StrategySharesResponse,
} from '@dash/domain';
import { findShares, listCompanies, listFamilies, listMarkets, listMarketSizes, listReleases, listVendors, type Store } from '@dash/store';
import { badValue } from '../plugins/errors.js';

/** Everything the comparison and openness views are computed from, read once per request. */
export async function loadInsights(store: Store) {
  const [figures, vendors, companies, markets, families, releases, sizes] = await Promise.all([
    findShares(store.db, {}),
    listVendors(store.db),
    listCompanies(store.db),
    listMarkets(store.db),
    listFamilies(store.db),
    listReleases(store.db),
    listMarketSizes(store.db),
  ]);
  return { figures, vendors, companies, markets, families, releases, sizes, strategies: deriveStrategies(releases) };
}
export type Insights = Awaited<ReturnType<typeof loadInsights>>;

const withEstimates = (f: ShareFigureWithSource, sizes: readonly MarketSize[]): FigureWithEstimates => ({
  ...f,
  estimates: absoluteEstimates(f, sizes).map(({ value, display, unit, size }) => ({ value, display, unit, total: size })),
});

/** The comparison of `ids` (company or vendor ids); 400 naming the unknown ones. */
export function buildComparison(ins: Insights, ids: readonly string[]): CompareResponse & { ids: string[] } {
  const { entities, unknown } = resolveEntities(ids, ins.vendors, ins.companies);
  if (unknown.length > 0) {
    const known = [...ins.companies.map((c) => c.id), ...ins.vendors.map((v) => v.id)];
    throw badValue('vendors', `unknown company or vendor ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${[...new Set(known)].join(', ')}`);
  }
  const comparisons = compareMarkets(ins.figures, entities, ins.markets);
  const attach = (list: ShareFigureWithSource[]) => list.map((f) => withEstimates(f, ins.sizes));
  return {
    ids: [...ids],
    entities,
    summary: summarizeComparison(comparisons),
    markets: comparisons.map((c) => ({
      market: {
        id: c.market.id,
        name: c.market.name,
        shortName: c.market.shortName,
        metricBasis: c.market.metricBasis,
        metric: c.market.metric,
        scope: c.market.scope,
        region: c.market.region,
      },
      status: c.status,
      period: c.period,
      entries: c.entries.map((e) => ({ ...e, figures: attach(e.figures) })),
      missing: c.missing,
      leaderId: c.leaderId,
      sentence: c.sentence,
      series: c.series.map((s) => ({ entityId: s.entityId, figures: attach(s.figures) })),
    })),
    datasetVersion: '',
  };
}

/** Companies with their strategy, families with theirs, and every graded release. */
export function buildOpenness(ins: Insights): OpennessResponse {
  const { byCompany, byFamily } = ins.strategies;
  const companyIds = new Set([...ins.releases.map((r) => r.companyId), ...ins.families.map((f) => f.companyId)]);
  return {
    rule: OPENNESS_RULE,
    gradeLabels: OPENNESS_GRADE_LABELS,
    strategyLabels: STRATEGY_LABELS,
    companies: ins.companies
      .filter((c) => companyIds.has(c.id))
      .map((c) => {
        const strategy = byCompany.get(c.id) ?? 'not-classified';
        return {
          id: c.id,
          name: c.name,
          color: c.color,
          strategy,
          binary: toBinary(strategy),
          releaseCount: ins.releases.filter((r) => r.companyId === c.id && r.kind === 'release').length,
          familyIds: ins.families.filter((f) => f.companyId === c.id).map((f) => f.id),
        };
      }),
    families: ins.families.map((f) => {
      const strategy = byFamily.get(f.id) ?? 'not-classified';
      return { ...f, strategy, binary: toBinary(strategy) };
    }),
    releases: ins.releases,
  };
}

/** Shares per market and period added up by strategy; 400 for an unknown market. */
export function buildStrategyShares(ins: Insights, marketId: string | undefined, view: 'graded' | 'binary'): StrategySharesResponse {
  if (marketId && !ins.markets.some((m) => m.id === marketId)) {
    throw badValue('market', `unknown market "${marketId}"; known: ${ins.markets.map((m) => m.id).join(', ')}`);
  }
  const vendors = new Map(ins.vendors.map((v) => [v.id, v]));
  const strategyOf = (f: ShareFigureWithSource) =>
    figureStrategy(f, { vendors, families: ins.families, byCompany: ins.strategies.byCompany, byFamily: ins.strategies.byFamily });
  return {
    rule: OPENNESS_RULE,
    view,
    markets: ins.markets
      .filter((m) => !marketId || m.id === marketId)
      .map((m) => {
        const inMarket = ins.figures.filter((f) => f.marketId === m.id);
        const periods = [...new Map(inMarket.map((f) => [f.period.label, f.period])).values()].sort(comparePeriods);
        return {
          marketId: m.id,
          periods: periods.map((period) => ({
            period,
            ...aggregateByStrategy(
              inMarket.filter((f) => f.period.label === period.label),
              strategyOf,
              view,
            ),
          })),
        };
      }),
  };
}
