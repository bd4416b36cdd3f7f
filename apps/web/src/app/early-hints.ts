/*
 * What each page needs first, for the server to announce with the HTML (HTTP `Link` preload
 * headers): the page's own code (its lazily loaded chunk, found at build time by the Vite plugin
 * in vite.config.ts, which writes dist/preload.json) and the API answers it asks for before any
 * other. The browser then fetches them while it is still downloading the app's main code, and the
 * page's own requests find them ready. Only URLs the page requests exactly as written here (same
 * path and query) help; `unlessQuery` skips an entry when the page's URL has one of those
 * parameters (it would ask for something else). Plain data: no browser code, so the build can read it.
 */
export interface EarlyHints {
  /** The page's module, relative to apps/web. */
  module: string;
  data: Array<{ url: string; unlessQuery?: string[] }>;
}

export const EARLY_HINTS: Record<string, EarlyHints> = {
  '/': {
    module: 'src/features/market-shares/components/market-share-page.tsx',
    data: [{ url: '/api/v1/markets' }, { url: '/api/v1/vendors' }, { url: '/api/v1/events' }],
  },
  '/compare': {
    module: 'src/features/compare/components/compare-page.tsx',
    data: [{ url: '/api/v1/vendors' }, { url: '/api/v1/events' }, { url: '/api/v1/compare?vendors=alibaba%2Cbytedance', unlessQuery: ['vendors'] }],
  },
  '/openness': {
    module: 'src/features/openness/components/openness-page.tsx',
    data: [{ url: '/api/v1/openness' }, { url: '/api/v1/markets' }],
  },
  '/prices': {
    module: 'src/features/pricing/components/pricing-page.tsx',
    data: [{ url: '/api/v1/price-models' }, { url: '/api/v1/prices', unlessQuery: ['currency', 'at'] }],
  },
};
