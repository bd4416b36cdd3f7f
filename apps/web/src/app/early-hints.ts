/*
 * What each page needs first, for the server to announce with the HTML (HTTP `Link` preload
 * headers): the page's own code (its lazily loaded chunk, found at build time by the Vite plugin
 * in vite.config.ts, which writes dist/preload.json) and the API answers it asks for before any
 * other. The browser then fetches them while it is still downloading the app's main code, and the
 * page's own requests find them ready. Only URLs the page requests exactly as written here (same
 * path and query) help; `unlessQuery` skips an entry when the page's URL has one of those
 * parameters (it would ask for something else). A URL with `{market}` is for the market the page
 * shows first, which the page picks from the markets list: the `market` of the page's URL when it
 * names a market, else the default (`market: 'first'`: the first market; `'model-family'`: the
 * first market of model families, else the first), as src/app/preload.ts and the pages do; the
 * server reads the same list to fill it in, so the figures start loading with the markets, not
 * after them. Plain data: no browser code, so the build can read it.
 */
export interface EarlyHints {
  /** The page's module, relative to apps/web. */
  module: string;
  /** `onlyQuery`: only when the page's URL has these parameters with these values. */
  data: Array<{ url: string; unlessQuery?: string[]; onlyQuery?: Record<string, string>; market?: 'first' | 'model-family' }>;
}

/** What the calculator asks for first on /prices (a unit test checks it against the calculator's query). */
export const DEFAULT_COST_ESTIMATE_URL =
  '/api/v1/cost-estimate?currency=CNY&inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000&cachedInputPct=0&ratio=3%3A1';

export const EARLY_HINTS: Record<string, EarlyHints> = {
  '/': {
    module: 'src/features/market-shares/components/market-share-page.tsx',
    data: [
      { url: '/api/v1/markets' },
      { url: '/api/v1/shares?market={market}', market: 'first' },
      { url: '/api/v1/market-sizes?market={market}', market: 'first' },
      { url: '/api/v1/vendors' },
      { url: '/api/v1/events' },
    ],
  },
  '/compare': {
    module: 'src/features/compare/components/compare-page.tsx',
    data: [{ url: '/api/v1/vendors' }, { url: '/api/v1/events' }, { url: '/api/v1/compare?vendors=alibaba%2Cbytedance', unlessQuery: ['vendors'] }],
  },
  '/openness': {
    module: 'src/features/openness/components/openness-page.tsx',
    data: [
      { url: '/api/v1/openness' },
      { url: '/api/v1/markets' },
      { url: '/api/v1/strategy-shares?market={market}&view=graded', market: 'model-family', unlessQuery: ['view'] },
    ],
  },
  '/prices': {
    module: 'src/features/pricing/components/pricing-page.tsx',
    data: [
      { url: '/api/v1/price-models' },
      { url: '/api/v1/prices', unlessQuery: ['currency', 'at'] },
      // The calculator's first estimate: the default workload (features/pricing/workload.ts) in CNY.
      { url: DEFAULT_COST_ESTIMATE_URL, unlessQuery: ['view', 'currency', 'at', 'models', 'in', 'out', 'req', 'cached', 'ctx', 'ratio'] },
      { url: '/api/v1/price-history', onlyQuery: { view: 'history' }, unlessQuery: ['currency'] },
      { url: '/api/v1/vendors', onlyQuery: { view: 'history' } },
      { url: '/api/v1/events', onlyQuery: { view: 'history' } },
    ],
  },
};
