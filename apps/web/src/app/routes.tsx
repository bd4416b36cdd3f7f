import { use, type ComponentType } from 'react';

/** One entry per page: its path, its label in the navigation, and the component that renders it. */
export interface PageRoute {
  path: string;
  label: string;
  component: ComponentType;
  /** Loads the page's chunk (the same promise the component awaits), to start it early. */
  load: () => Promise<unknown>;
}

/**
 * A page whose code is its own chunk, loaded when first needed. Unlike `React.lazy`, whose first
 * render always suspends (it learns of the loaded module only in a later microtask), the promise
 * here records its outcome as React's `use` reads it: a page whose chunk has arrived renders at
 * once. That matters for the first page: main.tsx renders only once the page's chunk is in, so
 * no Suspense fallback is committed; a committed fallback makes React 19 hold the page back until
 * 300 ms after it (its fallback throttle), which was most of the time to first chart.
 */
function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): Pick<PageRoute, 'component' | 'load'> {
  let loading: Promise<ComponentType> | undefined;
  const start = () => {
    if (!loading) {
      // The fields React's `use` reads to take a settled promise's outcome synchronously.
      const p = Object.assign(load().then(pick), { status: 'pending' });
      p.then(
        (value) => Object.assign(p, { status: 'fulfilled', value }),
        (reason: unknown) => Object.assign(p, { status: 'rejected', reason }),
      );
      loading = p;
    }
    return loading;
  };
  function LazyPage() {
    const Page = use(start());
    return <Page />;
  }
  return { component: LazyPage, load: start };
}

// Each page is its own chunk, loaded when first visited, so the first page does not carry the
// code of the others.
const marketShares = lazyPage(
  () => import('../features/market-shares/components/market-share-page'),
  (m) => m.MarketSharePage,
);
const compare = lazyPage(
  () => import('../features/compare/components/compare-page'),
  (m) => m.ComparePage,
);
const openness = lazyPage(
  () => import('../features/openness/components/openness-page'),
  (m) => m.OpennessPage,
);
const pricing = lazyPage(
  () => import('../features/pricing/components/pricing-page'),
  (m) => m.PricingPage,
);

/** The pages, in navigation order. Features never import each other; they meet here. */
export const ROUTES: PageRoute[] = [
  { path: '/', label: 'Market shares', ...marketShares },
  { path: '/compare', label: 'Compare', ...compare },
  { path: '/openness', label: 'Open vs closed', ...openness },
  { path: '/prices', label: 'Prices', ...pricing },
];
