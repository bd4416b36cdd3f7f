import type { QueryClient } from '@tanstack/react-query';
import type { RouteComponent } from '@tanstack/react-router';

/**
 * One page as its feature declares it, for app/routes.tsx to mount (at its path, and again under
 * `/embed`): its path and navigation label, how its URL's view state is read, the parts of that
 * state its first data depends on, the first data itself, and its lazily loaded component. The
 * loader asks the query cache (`ensureQueryData`) for what the page's own queries will ask for,
 * so the page renders whole, with its data, the first time; a failed request is left for the
 * page to show.
 */
export interface PageRoute<S, D = S> {
  path: string;
  label: string;
  validateSearch: (raw: Record<string, unknown>) => S;
  loaderDeps: (search: S) => D;
  loader: (queryClient: QueryClient, deps: D) => Promise<unknown>;
  component: RouteComponent;
}

/** Waits for every request of a loader, successful or not (the page shows its own error). */
export const settle = (...requests: Array<Promise<unknown>>) => Promise.allSettled(requests);
