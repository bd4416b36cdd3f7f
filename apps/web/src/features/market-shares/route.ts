import { lazyRouteComponent } from '@tanstack/react-router';
import type { MarketSummary } from '@dash/domain';
import { eventsQueryOptions } from '../../lib/events';
import { settle, type PageRoute } from '../../lib/page-route';
import { marketsQueryOptions, vendorsQueryOptions } from '../../lib/reference-queries';
import { searchValidator, type SearchOf } from '../../lib/search';
import { marketSizesQueryOptions, sharesQueryOptions } from './api/queries';

const fields = {
  market: 'text',
  vendors: 'list',
  from: 'text',
  to: 'text',
  period: 'text',
  kind: ['quarter', 'half', 'year'],
  tab: ['table'],
  view: ['absolute'],
  events: 'text',
} as const;
export type ShareSearch = SearchOf<typeof fields>;

/** The market the page shows: the URL's, else the first. */
export const shownMarket = (markets: readonly MarketSummary[], requested: string | undefined) =>
  markets.find((m) => m.id === requested) ?? markets[0];

export const marketSharesRoute: PageRoute<ShareSearch, { market?: string }> = {
  path: '/',
  label: 'Market shares',
  validateSearch: searchValidator(fields),
  loaderDeps: (search) => ({ market: search.market }),
  // The market's figures as a whole (the page filters the same query client-side only when
  // vendors or periods are chosen, which is another key) and its totals.
  loader: (client, { market }) =>
    settle(
      client.ensureQueryData(vendorsQueryOptions()),
      client.ensureQueryData(eventsQueryOptions()),
      client.ensureQueryData(marketsQueryOptions()).then((markets) => {
        const shown = shownMarket(markets.data, market);
        if (!shown) return undefined;
        return settle(
          client.ensureQueryData(sharesQueryOptions({ market: shown.id })),
          client.ensureQueryData(marketSizesQueryOptions(shown.id)),
        );
      }),
    ),
  component: lazyRouteComponent(() => import('./components/market-share-page'), 'MarketSharePage'),
};
