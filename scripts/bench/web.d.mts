// Types of scripts/bench/web.mjs, for the TypeScript tests that use it (tests/e2e/web-performance.test.ts).
import type { Browser } from 'playwright-core';

export interface Row {
  group: 'web';
  name: string;
  value: number;
  unit: string;
  budget?: { max?: number; min?: number };
  ok?: boolean;
  note?: string;
}
export interface WebPage {
  path: string;
  mark: 'dash:first-chart' | 'dash:page-shown';
}
export interface PageMeasure {
  path: string;
  mark: WebPage['mark'];
  /** Median time of the mark, ms since navigation start. */
  firstChartMs: number;
  samplesMs: number[];
  /** gzip bytes (zlib level 6) of the JS requested before the mark. */
  initialJs: number;
  totalJs: number;
  css: number;
  initialFiles: string[];
}
export const WEB_PAGES: WebPage[];
export const BUDGET: { initialJsKb: number; firstChartMs: number };
export function measurePage(browser: Browser, baseUrl: string, page: WebPage, runs: number): Promise<PageMeasure>;
export function benchWeb(options: { root?: string; baseUrl: string; runs?: number }): Promise<Row[]>;
