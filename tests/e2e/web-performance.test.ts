import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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
    // The page imports only the domain's plain entry point: no zod in any file it loads first.
    for (const file of m.initialFiles) {
      const code = await (await fetch(`${baseUrl}${file}`)).text();
      expect(/\bZod(?:Error|Type|Object)\b/.test(code), file).toBe(false);
    }
    // Everything / loads is loaded by its first chart (the response-check worker that came after it is gone).
    expect(m.totalJs).toBeGreaterThanOrEqual(m.initialJs);
  });
});
