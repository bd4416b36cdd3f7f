import { lazy, type ComponentType } from 'react';

/** One entry per page: its path, its label in the navigation, and the component that renders it. */
export interface PageRoute {
  path: string;
  label: string;
  component: ComponentType;
  /** Loads the page's chunk (the same promise the lazy component awaits), to start it early. */
  load: () => Promise<unknown>;
}

// Each page is its own chunk, loaded when first visited, so the first page does not carry the
// code of the others.
const loadMarketShares = () => import('../features/market-shares/components/market-share-page');
const loadCompare = () => import('../features/compare/components/compare-page');
const loadOpenness = () => import('../features/openness/components/openness-page');
const loadPricing = () => import('../features/pricing/components/pricing-page');
const MarketSharePage = lazy(() => loadMarketShares().then((m) => ({ default: m.MarketSharePage })));
const ComparePage = lazy(() => loadCompare().then((m) => ({ default: m.ComparePage })));
const OpennessPage = lazy(() => loadOpenness().then((m) => ({ default: m.OpennessPage })));
const PricingPage = lazy(() => loadPricing().then((m) => ({ default: m.PricingPage })));

/** The pages, in navigation order. Features never import each other; they meet here. */
export const ROUTES: PageRoute[] = [
  { path: '/', label: 'Market shares', component: MarketSharePage, load: loadMarketShares },
  { path: '/compare', label: 'Compare', component: ComparePage, load: loadCompare },
  { path: '/openness', label: 'Open vs closed', component: OpennessPage, load: loadOpenness },
  { path: '/prices', label: 'Prices', component: PricingPage, load: loadPricing },
];
