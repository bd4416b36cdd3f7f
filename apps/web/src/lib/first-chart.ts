import { createContext } from 'react';

/**
 * The Performance API mark set when the page's first chart has been drawn with its data and the
 * page is shown (`scripts/bench/web.mjs` reads its startTime as the time to first chart).
 */
export const FIRST_CHART_MARK = 'dash:first-chart';

/**
 * The mark set when a page's first data has arrived and the page is shown (`PageReveal`): the
 * time to first view for a page whose first view holds no chart (the price calculator).
 */
export const PAGE_SHOWN_MARK = 'dash:page-shown';

/**
 * Whether the page around a chart is shown: `PageReveal` keeps a page laid out but invisible
 * until its first data has arrived, and a chart drawn in a hidden page is not seen yet. Outside
 * a `PageReveal` (tests, isolated components) everything counts as shown.
 */
export const PageShownContext = createContext(true);

let marked = false;
let shownMarked = false;

/** Sets {@link PAGE_SHOWN_MARK} once per page load. */
export function markPageShown() {
  if (shownMarked || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  shownMarked = true;
  performance.mark(PAGE_SHOWN_MARK);
}

/** Sets {@link FIRST_CHART_MARK} once per page load (later charts and client-side navigation add nothing). */
export function markFirstChart() {
  if (marked || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  marked = true;
  performance.mark(FIRST_CHART_MARK);
}
