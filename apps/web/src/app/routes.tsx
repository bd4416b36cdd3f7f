import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter } from '@tanstack/react-router';
import { EMBED_PREFIX } from '../lib/embed';
import { parseSearch, stringifySearch } from '../lib/search';
import { NotFound, PageLoading, Root } from './app';
import { PAGES, type AnyPage } from './pages';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Root,
  notFoundComponent: NotFound,
});

/** Each page at its path, and again under `/embed` (the page's charts without the site's chrome). */
const pageRoutes = [false, true].flatMap((embedded) =>
  PAGES.map((page) =>
    createRoute({
      getParentRoute: () => rootRoute,
      path: embedded ? `${EMBED_PREFIX}${page.path === '/' ? '' : page.path}` : page.path,
      staticData: { page },
      validateSearch: page.validateSearch,
      loaderDeps: ({ search }) => page.loaderDeps(search),
      loader: ({ context, deps }) => page.loader(context.queryClient, deps),
      component: page.component,
    }),
  ),
);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree: rootRoute.addChildren(pageRoutes),
    context: { queryClient },
    parseSearch,
    stringifySearch,
    trailingSlash: 'never',
    // Client-side navigation to a page whose code or first data takes a while.
    defaultPendingComponent: PageLoading,
  });
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    page?: AnyPage;
  }
}
