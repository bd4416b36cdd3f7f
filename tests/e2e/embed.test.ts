import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, inject, it } from 'vitest';
import { useChromium, waitForBars } from './browser.js';

const baseUrl = inject('baseUrl');
const { withPage } = useChromium();

describe('embedded charts in Chromium', () => {
  it('gives an iframe code for a chart in the current view', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await waitForBars(page);
      const frame = page.locator('.chart-frame[data-chart-id="shares"]');
      await frame.getByRole('button', { name: 'Embed' }).click();
      const code = await frame.getByLabel(/Embed code/).inputValue();
      expect(code).toMatch(new RegExp(`^<iframe src="${baseUrl}/embed\\?market=china-ai-cloud&amp;chart=shares" title="Alibaba Cloud leads China AI cloud services with 35.8% \\(Omdia, 2025 H1\\)" width="100%" height="\\d+"`));
    });
  });

  it('renders the chart alone, with title, subtitle, source and a link to the full view, in the URL’s state', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/embed?market=china-ai-cloud&chart=shares`);
      await waitForBars(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Alibaba Cloud leads China AI cloud services with 35.8% (Omdia, 2025 H1)');
      expect(await page.getByText('China AI cloud services · Revenue / spend share · China · 2025 H1').isVisible()).toBe(true);
      expect(await page.locator('[data-embed-target] .source-line').textContent()).toMatch(/^Source: Omdia, 2025 H1, published 2025-09-10/);
      // No site chrome, no controls, no other chart.
      expect(await page.getByRole('navigation').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Share over time' }).isVisible()).toBe(false);
      expect(await page.getByRole('combobox', { name: /^Market/ }).isVisible()).toBe(false);
      expect(await page.locator('.trend-chart').isVisible()).toBe(false);
      const bars = await page.locator('.bar-chart [role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      expect(bars).toContain('Alibaba Cloud: 35.8% (Omdia)');
      // The chart uses the frame's width.
      expect(await page.locator('.bar-chart').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(600);
      const full = page.getByRole('link', { name: /Open in China cloud/ });
      expect(await full.getAttribute('href')).toBe(`${baseUrl}/?market=china-ai-cloud`);
      // Its data table is there too.
      await page.getByRole('button', { name: 'Data table' }).click();
      expect(await page.locator('table.data-table tbody tr').count()).toBe(6);
    });
  });

  it('works inside an iframe on another page, and on other pages’ charts', async () => {
    await withPage(async (page) => {
      // A page of another origin (localhost, not 127.0.0.1) that embeds the chart.
      const article = createServer((_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(
          `<!doctype html><title>An article</title><iframe src="${baseUrl}/embed/prices?view=history&hist=qwen-long&chart=history-qwen-long_china_CNY" title="embed" width="640" height="600"></iframe>`,
        );
      });
      await new Promise<void>((resolve) => article.listen(0, '127.0.0.1', resolve));
      const { port } = article.address() as AddressInfo;
      try {
        await page.goto(`http://localhost:${port}/article`);
        const frame = page.frameLocator('iframe');
        await frame.locator('.step-chart').waitFor();
        expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe('Qwen-Long input price: ¥20 → ¥0.5 per 1M tokens');
        expect(await frame.locator('.event').count()).toBeGreaterThan(0);
      } finally {
        article.close();
      }
    });
  });

  it('fits a 360 px frame', async () => {
    await withPage(
      async (page) => {
        await page.goto(`${baseUrl}/embed/compare?chart=compare-revenue`);
        await page.locator('.dumbbell-point').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        expect(await page.locator('.summary').isVisible()).toBe(false);
      },
      { width: 360, height: 640 },
    );
  });
});
