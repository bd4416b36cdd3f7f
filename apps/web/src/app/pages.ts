import type { PageRoute } from '../lib/page-route';
import { compareRoute } from '../features/compare/route';
import { marketSharesRoute } from '../features/market-shares/route';
import { opennessRoute } from '../features/openness/route';
import { pricingRoute } from '../features/pricing/route';

/** The pages, in navigation order. Features never import each other; they meet here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page has its own search type
export type AnyPage = PageRoute<any, any>;
export const PAGES: readonly AnyPage[] = [marketSharesRoute, compareRoute, opennessRoute, pricingRoute];
