import { lazyRouteComponent } from '@tanstack/react-router';
import { eventsQueryOptions } from '../../lib/events';
import { settle, type PageRoute } from '../../lib/page-route';
import { vendorsQueryOptions } from '../../lib/reference-queries';
import { searchValidator, type SearchOf } from '../../lib/search';
import { costEstimateQueryOptions, priceHistoryQueryOptions, priceModelsQueryOptions, pricesQueryOptions } from './api/queries';
import { costQueryOf, DEFAULT_WORKLOAD, WORKLOAD_URL_KEYS } from './workload';

/** The page's views (tabs); the calculator is the default. */
export const VIEWS = [
  { id: 'calculator', label: 'Cost calculator' },
  { id: 'table', label: 'Price table' },
  { id: 'history', label: 'History' },
  { id: 'qwen-vs-doubao', label: 'Qwen vs Doubao' },
] as const;
export type View = (typeof VIEWS)[number]['id'];

const fields = {
  view: VIEWS.map((v) => v.id),
  currency: ['CNY', 'USD'],
  // A day, checked by the page, which says so when it is not one.
  at: 'text',
  models: 'list',
  hist: 'list',
  // The workload as typed (WORKLOAD_URL_KEYS): the calculator reports an invalid field in place.
  in: 'text',
  out: 'text',
  req: 'text',
  cached: 'text',
  ctx: 'text',
  ratio: 'text',
  vendor: 'text',
  open: ['open', 'closed', 'unverified'],
  pub: 'text',
  pair: 'text',
  events: 'text',
} as const;
export type PricingSearch = SearchOf<typeof fields>;

const plainWorkload = (search: PricingSearch) =>
  ['currency', 'at', 'models', ...Object.values(WORKLOAD_URL_KEYS)].every((k) => search[k as keyof PricingSearch] === undefined);

export const pricingRoute: PageRoute<PricingSearch, { view: View; currency?: string; at?: string; plain: boolean }> = {
  path: '/prices',
  label: 'Prices',
  validateSearch: searchValidator(fields),
  loaderDeps: (search) => ({ view: search.view ?? 'calculator', currency: search.currency, at: search.at, plain: plainWorkload(search) }),
  // The models, the current prices, and the first view's own data: the calculator's estimate of
  // the default workload in CNY, or the price history with what its charts mark.
  loader: (client, { view, currency, at, plain }) =>
    settle(
      client.ensureQueryData(priceModelsQueryOptions()),
      ...(currency === undefined && at === undefined ? [client.ensureQueryData(pricesQueryOptions({}))] : []),
      ...(view === 'calculator' && plain
        ? [client.ensureQueryData(costEstimateQueryOptions(costQueryOf(DEFAULT_WORKLOAD, 'CNY', undefined, [])))]
        : []),
      ...(view === 'history'
        ? [
            ...(currency === undefined ? [client.ensureQueryData(priceHistoryQueryOptions({}))] : []),
            client.ensureQueryData(vendorsQueryOptions()),
            client.ensureQueryData(eventsQueryOptions()),
          ]
        : []),
    ),
  component: lazyRouteComponent(() => import('./components/pricing-page'), 'PricingPage'),
};
