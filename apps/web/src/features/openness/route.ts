import { lazyRouteComponent } from '@tanstack/react-router';
import type { MarketSummary } from '@dash/domain';
import { settle, type PageRoute } from '../../lib/page-route';
import { marketsQueryOptions } from '../../lib/reference-queries';
import { searchValidator, type SearchOf } from '../../lib/search';
import { opennessQueryOptions, strategySharesQueryOptions, type StrategyView } from './api/queries';

const fields = { market: 'text', view: ['binary'], tab: ['table'] } as const;
export type OpennessSearch = SearchOf<typeof fields>;

/** The strategy view: binary when the URL says so, else graded. */
export const strategyView = (search: OpennessSearch): StrategyView => search.view ?? 'graded';

/**
 * The market the shares by strategy are shown for: the URL's, else the first whose figures are
 * about model families (where a family's own openness counts), else the first.
 */
export const shownMarket = (markets: readonly MarketSummary[], requested: string | undefined) =>
  markets.find((m) => m.id === requested) ?? markets.find((m) => m.subjectLevel === 'model-family') ?? markets[0];

export const opennessRoute: PageRoute<OpennessSearch, { market?: string; view: StrategyView }> = {
  path: '/openness',
  label: 'Open vs closed',
  validateSearch: searchValidator(fields),
  loaderDeps: (search) => ({ market: search.market, view: strategyView(search) }),
  loader: (client, { market, view }) =>
    settle(
      client.ensureQueryData(opennessQueryOptions()),
      client.ensureQueryData(marketsQueryOptions()).then((markets) => {
        const shown = shownMarket(markets.data, market);
        return shown ? client.ensureQueryData(strategySharesQueryOptions({ market: shown.id, view })) : undefined;
      }),
    ),
  component: lazyRouteComponent(() => import('./components/openness-page'), 'OpennessPage'),
};
