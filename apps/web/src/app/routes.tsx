import { lazy, type ComponentType } from 'react';

/** One entry per page: its path, its label in the navigation, and the component that renders it. */
export interface PageRoute {
  path: string;
  label: string;
  component: ComponentType;
}

// Each page is its own chunk, loaded when first visited, so the first page does not carry the
// code of the others.
const MarketSharePage = lazy(() =>
  import('../features/market-shares/components/market-share-page').then((m) => ({ default: m.MarketSharePage })),
);
const ComparePage = lazy(() => import('../features/compare/components/compare-page').then((m) => ({ default: m.ComparePage })));
const OpennessPage = lazy(() => import('../features/openness/components/openness-page').then((m) => ({ default: m.OpennessPage })));
const PricingPage = lazy(() => import('../features/pricing/components/pricing-page').then((m) => ({ default: m.PricingPage })));

/** The pages, in navigation order. Features never import each other; they meet here. */
export const ROUTES: PageRoute[] = [
  { path: '/', label: 'Market shares', component: MarketSharePage },
  { path: '/compare', label: 'Compare', component: ComparePage },
  { path: '/openness', label: 'Open vs closed', component: OpennessPage },
  { path: '/prices', label: 'Prices', component: PricingPage },
];
