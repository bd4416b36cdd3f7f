import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForBars } from './browser.js';

const baseUrl = inject('baseUrl');
const AXE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every page and view, each with an element that says it has finished drawing. */
const VIEWS: Array<{ path: string; ready: string }> = [
  { path: '/', ready: '.bar-chart [role="img"]' },
  { path: '/?market=china-ai-cloud&tab=table', ready: '.share-table tbody tr' },
  { path: '/?market=china-ai-cloud&view=absolute', ready: '.bar-chart [role="img"]' },
  { path: '/compare', ready: '.dumbbell-point' },
  { path: '/openness', ready: '.stacked-chart [role="img"]' },
  { path: '/openness?view=binary&tab=table&market=china-cloud-infra', ready: '.strategy-table' },
  { path: '/prices', ready: '.cost-table tbody tr' },
  { path: '/prices?view=table', ready: '.price-table tbody tr' },
  { path: '/prices?view=history', ready: '.step-chart [role="img"]' },
  { path: '/prices?view=qwen-vs-doubao', ready: '.h2h-table tbody tr' },
  { path: '/embed?market=china-ai-cloud&chart=shares', ready: '[data-embed-target] .bar-chart [role="img"]' },
];

async function axeViolations(page: Page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

/** Presses Tab until the focused element matches `selector` (at most `max` presses); returns how many it took. */
async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focused = (page: Page) =>
  page.evaluate(() => ({
    label: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
    tag: document.activeElement?.tagName.toLowerCase(),
  }));

describe('accessibility in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations on any page or view (${scheme} theme), with the data tables open`, async () => {
      // bypassCSP only lets the test inject axe-core; the app itself runs under its CSP elsewhere.
      const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: scheme === 'light' ? 1200 : 375, height: 900 } });
      const page = await context.newPage();
      try {
        for (const view of VIEWS) {
          await page.goto(`${baseUrl}${view.path}`);
          await page.locator(view.ready).first().waitFor({ state: 'attached' });
          // Pages stay hidden (PageReveal) until their first data has arrived: scan only once the
          // page is revealed and its heading visible, or axe sees a page without one.
          await page.locator('.page-pending').waitFor({ state: 'detached' });
          await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
          const open = page.getByRole('button', { name: 'Data table', expanded: false });
          if ((await open.count()) > 0) await open.first().click();
          expect(await axeViolations(page), view.path).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  }

  it('can be used with the keyboard alone: skip link, chart marks with tooltips, data table, tabs', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await waitForBars(page);
      // The first Tab lands on the skip link, which moves focus to the content.
      await page.keyboard.press('Tab');
      expect((await focused(page)).label).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      // The bar chart is one tab stop; its first bar announces value and source and shows its tooltip.
      await tabTo(page, '.bar-chart [data-mark]');
      expect((await focused(page)).label).toBe('Alibaba Cloud: 35.8% (Omdia)');
      const tip = page.getByRole('tooltip');
      await expect.poll(() => tip.textContent()).toContain('35.8%');
      expect(await tip.textContent()).toContain('Omdia');
      // Arrow keys walk the bars; End reaches the remainder; Escape dismisses the tooltip.
      await page.keyboard.press('ArrowDown');
      expect((await focused(page)).label).toBe('Volcano Engine: 14.8% (Omdia)');
      await page.keyboard.press('End');
      expect((await focused(page)).label).toMatch(/^Others or not reported: 23.2%/);
      await page.keyboard.press('Home');
      await page.keyboard.press('Escape');
      await expect.poll(() => tip.count()).toBe(0);
      // The focus ring is visible: the focused bar's rectangle gets the focus stroke.
      const stroke = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector('rect')!).strokeWidth);
      expect(stroke).toBe('3px');

      // Tab leaves the chart in one press and reaches its tools; Enter opens the data table.
      await page.keyboard.press('Tab');
      expect((await focused(page)).label).toBe('Data table');
      await page.keyboard.press('Enter');
      const table = page.getByRole('table', { name: /Shares of China AI cloud services, 2025 H1/ });
      await table.waitFor();
      expect(await table.locator('tbody tr').first().textContent()).toContain('Alibaba Cloud35.8%');

      // The trend chart's points are reachable the same way, with the same tooltip.
      await tabTo(page, '.trend-chart [data-mark]');
      expect((await focused(page)).label).toMatch(/^.+, 2025 H1: [\d.]+% \(Omdia, secondary source\)$/);
      await expect.poll(() => tip.count()).toBe(1);

      // The chart/table tabs work from the keyboard (from the top of a fresh page).
      await page.reload();
      await waitForBars(page);
      await tabTo(page, '[role="tab"][aria-selected="false"]');
      expect((await focused(page)).label).toBe('Table');
      await page.keyboard.press('Enter');
      await page.waitForURL(/tab=table/);
      await page.locator('.share-table tbody tr').first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('every chart on every page has a text description and a data table', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    try {
      for (const view of ['/', '/compare', '/openness', '/prices?view=history']) {
        await page.goto(`${baseUrl}${view}`);
        await page.locator('.chart-frame svg[role="group"]').first().waitFor();
        const frames = page.locator('.chart-frame');
        const n = await frames.count();
        expect(n, view).toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          const frame = frames.nth(i);
          const describedBy = await frame.locator('svg[role="group"]').getAttribute('aria-describedby');
          expect(describedBy, `${view} chart ${i}`).toBeTruthy();
          const description = await page.evaluate((id) => document.getElementById(id)?.textContent ?? '', describedBy!);
          expect(description.length, `${view} chart ${i}`).toBeGreaterThan(20);
          await frame.getByRole('button', { name: 'Data table' }).click();
          expect(await frame.locator('table.data-table tbody tr').count(), `${view} chart ${i}`).toBeGreaterThan(0);
        }
      }
    } finally {
      await context.close();
    }
  });
});
