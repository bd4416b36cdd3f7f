import type { ComponentType } from 'react';
import { ComparePage } from '../features/compare/components/compare-page';
import { MarketSharePage } from '../features/market-shares/components/market-share-page';
import { OpennessPage } from '../features/openness/components/openness-page';
import { PricingPage } from '../features/pricing/components/pricing-page';

/** One entry per page: its path, its label in the navigation, and the component that renders it. */
export interface PageRoute {
  path: string;
  label: string;
  component: ComponentType;
}

/** The pages, in navigation order. Features never import each other; they meet here. */
export const ROUTES: PageRoute[] = [
  { path: '/', label: 'Market shares', component: MarketSharePage },
  { path: '/compare', label: 'Compare', component: ComparePage },
  { path: '/openness', label: 'Open vs closed', component: OpennessPage },
  { path: '/prices', label: 'Prices', component: PricingPage },
];
