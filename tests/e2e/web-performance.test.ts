import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CompareResponseSchema,
  EventsResponseSchema,
  MarketSizesResponseSchema,
  MarketsResponseSchema,
  OpennessResponseSchema,
  PriceModelsResponseSchema,
  PricesResponseSchema,
  SharesResponseSchema,
  StrategySharesResponseSchema,
  VendorsResponseSchema,
} from '@dash/domain/schemas';
import { measurePage, WEB_PAGES } from '../../scripts/bench/web.mjs';
import { launchBrowser, openPage } from './browser.js';

// What the web benchmark (scripts/bench/web.mjs) relies on, and the one budget that is a count of
// bytes rather than a timing. Times are measured by the benchmark, never asserted here.

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('first-chart mark', () => {
  for (const { path, mark } of WEB_PAGES) {
    it(`${path} sets ${mark} once, when its first ${mark === 'dash:first-chart' ? 'chart is drawn' : 'data is shown'}`, async () => {
      const { page, errors, close } = await openPage(browser);
      try {
        await page.goto(`${baseUrl}${path}`);
        await page.waitForFunction((name) => performance.getEntriesByName(name, 'mark').length > 0, mark, {
          timeout: 20_000,
        });
        const seen = await page.evaluate(
          (name) => ({
            marks: performance.getEntriesByName(name, 'mark').length,
            // The chart (an SVG group with a name) is in the page and visible when the mark is read.
            charts: Array.from(document.querySelectorAll('.chart-frame svg[role="group"]')).filter(
              (svg) => getComputedStyle(svg).visibility === 'visible' && svg.getBoundingClientRect().height > 0,
            ).length,
          }),
          mark,
        );
        expect(seen.marks).toBe(1);
        if (mark === 'dash:first-chart') expect(seen.charts).toBeGreaterThan(0);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});

describe('initial JavaScript', () => {
  it('/ downloads under 150 KB of JavaScript (gzip) before its first chart, and no zod', async () => {
    const m = await measurePage(browser, baseUrl, { path: '/', mark: 'dash:first-chart' }, 1);
    expect(m.initialJs).toBeGreaterThan(50_000); // measured something: React alone is more
    expect(m.initialJs).toBeLessThan(150_000);
    // The schemas and zod load in the response-check worker, after the first chart.
    expect(m.initialFiles.some((f) => f.includes('response-check.worker'))).toBe(false);
    expect(m.totalJs).toBeGreaterThan(m.initialJs);
  });
});

describe('answers checked against the shared schemas', () => {
  it('a wrong-shaped answer is withdrawn: the page shows an error naming the field, not the figures', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await page.route('**/api/v1/shares?*', async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as { data: Array<Record<string, unknown>> };
        body.data = body.data.map((f) => ({ ...f, sharePct: String(f.sharePct) }));
        await route.fulfill({ response: res, json: body });
      });
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'does not have the expected shape' }).count(), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      expect(await page.getByRole('alert').first().textContent()).toMatch(/data\.0\.sharePct/);
      expect(errors.some((e) => /api\/v1\/shares\?market=china-ai-cloud.*sharePct/.test(e))).toBe(true);
    } finally {
      await close();
    }
  });

  it('every answer the pages read passes its schema unchanged, so the page may use it as received', async () => {
    const cases = [
      ['markets', MarketsResponseSchema],
      ['vendors', VendorsResponseSchema],
      ['events', EventsResponseSchema],
      ['shares?market=china-ai-cloud', SharesResponseSchema],
      ['market-sizes?market=china-ai-cloud', MarketSizesResponseSchema],
      ['compare?vendors=alibaba,bytedance', CompareResponseSchema],
      ['openness', OpennessResponseSchema],
      ['strategy-shares?market=china-ai-cloud', StrategySharesResponseSchema],
      ['price-models', PriceModelsResponseSchema],
      ['prices', PricesResponseSchema],
      ['prices?currency=USD', PricesResponseSchema],
      ['price-history', PricesResponseSchema],
    ] as const;
    for (const [url, schema] of cases) {
      const res = await fetch(`${baseUrl}/api/v1/${url}`);
      expect(res.status, url).toBe(200);
      const body: unknown = await res.json();
      expect(schema.parse(body), url).toEqual(body);
    }
  });
});
