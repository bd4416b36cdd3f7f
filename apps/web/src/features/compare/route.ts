import { lazyRouteComponent } from '@tanstack/react-router';
import { DEFAULT_COMPARE_IDS } from '@dash/domain';
import { eventsQueryOptions } from '../../lib/events';
import { settle, type PageRoute } from '../../lib/page-route';
import { vendorsQueryOptions } from '../../lib/reference-queries';
import { searchValidator, type SearchOf } from '../../lib/search';
import { compareQueryOptions } from './api/queries';

const fields = { vendors: 'list', view: ['absolute'], events: 'text' } as const;
export type CompareSearch = SearchOf<typeof fields>;

/** The companies or vendors compared: the URL's when it names two or more, else Alibaba and ByteDance. */
export const comparedIds = (search: CompareSearch): string[] =>
  search.vendors && search.vendors.length >= 2 ? search.vendors : [...DEFAULT_COMPARE_IDS];

export const compareRoute: PageRoute<CompareSearch, { ids: string[] }> = {
  path: '/compare',
  label: 'Compare',
  validateSearch: searchValidator(fields),
  loaderDeps: (search) => ({ ids: comparedIds(search) }),
  loader: (client, { ids }) =>
    settle(
      client.ensureQueryData(vendorsQueryOptions()),
      client.ensureQueryData(eventsQueryOptions()),
      client.ensureQueryData(compareQueryOptions(ids)),
    ),
  component: lazyRouteComponent(() => import('./components/compare-page'), 'ComparePage'),
};
