import type { QueryClient } from '@tanstack/react-query';
import { DEFAULT_COMPARE_IDS } from '@dash/domain';
import { embeddedPath } from '../lib/embed';
import { eventsQueryOptions } from '../lib/events';
import { marketsQueryOptions, vendorsQueryOptions } from '../lib/reference-queries';
import { listParam } from '../lib/url-state';
import { marketSizesQueryOptions, sharesQueryOptions } from '../features/market-shares/api/queries';
import { compareQueryOptions } from '../features/compare/api/queries';
import { opennessQueryOptions, strategySharesQueryOptions } from '../features/openness/api/queries';
import { priceModelsQueryOptions, pricesQueryOptions } from '../features/pricing/api/queries';
import { ROUTES } from './routes';

/**
 * Starts what the first page needs as soon as the app's code runs, all at once: the page's own
 * code (a lazily loaded chunk) and its first data, instead of one after the other (page code,
 * then its queries, then the queries that depend on them). The pages ask for the same query keys,
 * so they find the answers in the cache (or in flight). Only the common first view is prefetched;
 * anything else is fetched by the page as usual. Returns the page's code loading (undefined for an
 * unknown path), for main.tsx to render once it is in.
 */
export function preloadRoute(client: QueryClient, location: Pick<Location, 'pathname' | 'search'>): Promise<unknown> | undefined {
  const raw = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : location.pathname;
  const path = embeddedPath(raw) ?? raw;
  const params = new URLSearchParams(location.search);
  const route = ROUTES.find((r) => r.path === path);
  if (!route) return undefined;
  const code = route.load();
  switch (path) {
    case '/': {
      void client.prefetchQuery(vendorsQueryOptions());
      void client.prefetchQuery(eventsQueryOptions());
      // The market in the URL (or the first): its figures (the page filters the same query
      // client-side only when vendors or periods are chosen, which is another key).
      void client.fetchQuery(marketsQueryOptions()).then(
        (markets) => {
          const market = markets.data.find((m) => m.id === params.get('market')) ?? markets.data[0];
          if (!market) return;
          void client.prefetchQuery(sharesQueryOptions({ market: market.id }));
          void client.prefetchQuery(marketSizesQueryOptions(market.id));
        },
        () => undefined,
      );
      break;
    }
    case '/compare': {
      const ids = listParam(params.get('vendors'));
      void client.prefetchQuery(vendorsQueryOptions());
      void client.prefetchQuery(eventsQueryOptions());
      void client.prefetchQuery(compareQueryOptions(ids.length >= 2 ? ids : [...DEFAULT_COMPARE_IDS]));
      break;
    }
    case '/openness': {
      void client.prefetchQuery(opennessQueryOptions());
      const view = params.get('view') === 'binary' ? 'binary' : 'graded';
      void client.fetchQuery(marketsQueryOptions()).then(
        (markets) => {
          const market =
            markets.data.find((m) => m.id === params.get('market')) ??
            markets.data.find((m) => m.subjectLevel === 'model-family') ??
            markets.data[0];
          if (market) void client.prefetchQuery(strategySharesQueryOptions({ market: market.id, view }));
        },
        () => undefined,
      );
      break;
    }
    case '/prices': {
      void client.prefetchQuery(priceModelsQueryOptions());
      if (!params.has('currency') && !params.has('at')) void client.prefetchQuery(pricesQueryOptions({}));
      break;
    }
  }
  return code;
}
