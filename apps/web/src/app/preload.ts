import type { QueryClient } from '@tanstack/react-query';
import { DEFAULT_COMPARE_IDS } from '@dash/domain';
import { embeddedPath } from '../lib/embed';
import { eventsQueryOptions } from '../lib/events';
import { marketsQueryOptions, vendorsQueryOptions } from '../lib/reference-queries';
import { listParam } from '../lib/url-state';
import { marketSizesQueryOptions, sharesQueryOptions } from '../features/market-shares/api/queries';
import { compareQueryOptions } from '../features/compare/api/queries';
import { opennessQueryOptions, strategySharesQueryOptions } from '../features/openness/api/queries';
import { costEstimateQueryOptions, priceHistoryQueryOptions, priceModelsQueryOptions, pricesQueryOptions } from '../features/pricing/api/queries';
import { costQueryOf, DEFAULT_WORKLOAD, WORKLOAD_URL_KEYS } from '../features/pricing/workload';
import { ROUTES } from './routes';

/**
 * Starts what the first page needs as soon as the app's code runs, all at once: the page's own
 * code (a lazily loaded chunk) and its first data, instead of one after the other (page code,
 * then its queries, then the queries that depend on them). The pages ask for the same query keys,
 * so they find the answers in the cache (or in flight). Only the common first view is prefetched;
 * anything else is fetched by the page as usual. Returns a promise settled once the page's code and
 * that first data are in (whether or not a request failed: the page shows its own error), for
 * main.tsx to render the page whole, at once.
 */
export function preloadRoute(client: QueryClient, location: Pick<Location, 'pathname' | 'search'>): Promise<unknown> {
  const raw = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : location.pathname;
  const path = embeddedPath(raw) ?? raw;
  const params = new URLSearchParams(location.search);
  const route = ROUTES.find((r) => r.path === path);
  if (!route) return Promise.resolve();
  const first: Array<Promise<unknown>> = [route.load()];
  const prefetch = (promise: Promise<unknown>) => first.push(promise);
  switch (path) {
    case '/': {
      prefetch(client.prefetchQuery(vendorsQueryOptions()));
      prefetch(client.prefetchQuery(eventsQueryOptions()));
      // The market in the URL (or the first): its figures (the page filters the same query
      // client-side only when vendors or periods are chosen, which is another key).
      prefetch(
        client.fetchQuery(marketsQueryOptions()).then(
          (markets) => {
            const market = markets.data.find((m) => m.id === params.get('market')) ?? markets.data[0];
            if (!market) return undefined;
            return Promise.all([
              client.prefetchQuery(sharesQueryOptions({ market: market.id })),
              client.prefetchQuery(marketSizesQueryOptions(market.id)),
            ]);
          },
          () => undefined,
        ),
      );
      break;
    }
    case '/compare': {
      const ids = listParam(params.get('vendors'));
      prefetch(client.prefetchQuery(vendorsQueryOptions()));
      prefetch(client.prefetchQuery(eventsQueryOptions()));
      prefetch(client.prefetchQuery(compareQueryOptions(ids.length >= 2 ? ids : [...DEFAULT_COMPARE_IDS])));
      break;
    }
    case '/openness': {
      prefetch(client.prefetchQuery(opennessQueryOptions()));
      const view = params.get('view') === 'binary' ? 'binary' : 'graded';
      prefetch(
        client.fetchQuery(marketsQueryOptions()).then(
          (markets) => {
            const market =
              markets.data.find((m) => m.id === params.get('market')) ??
              markets.data.find((m) => m.subjectLevel === 'model-family') ??
              markets.data[0];
            return market ? client.prefetchQuery(strategySharesQueryOptions({ market: market.id, view })) : undefined;
          },
          () => undefined,
        ),
      );
      break;
    }
    case '/prices': {
      prefetch(client.prefetchQuery(priceModelsQueryOptions()));
      if (!params.has('currency') && !params.has('at')) prefetch(client.prefetchQuery(pricesQueryOptions({})));
      const view = params.get('view');
      const plain = ['currency', 'at', 'models', ...Object.values(WORKLOAD_URL_KEYS)].every((k) => !params.has(k));
      // The calculator's first estimate (the default workload in CNY for every model) …
      if (view === null && plain) prefetch(client.prefetchQuery(costEstimateQueryOptions(costQueryOf(DEFAULT_WORKLOAD, 'CNY', undefined, []))));
      // … or the price history with what its charts mark.
      if (view === 'history') {
        if (!params.has('currency')) prefetch(client.prefetchQuery(priceHistoryQueryOptions({})));
        prefetch(client.prefetchQuery(vendorsQueryOptions()));
        prefetch(client.prefetchQuery(eventsQueryOptions()));
      }
      break;
    }
  }
  return Promise.allSettled(first);
}
