import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useChromium, waitForBars } from './browser.js';

const baseUrl = inject('baseUrl');
const { browser, withPage } = useChromium();

/** Width, height and iTXt entries of a PNG file. */
function readPng(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const text: Record<string, string> = {};
  let at = 8;
  while (at < bytes.length) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'iTXt') {
      const data = bytes.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      let p = data.indexOf(0, nul + 3) + 1;
      p = data.indexOf(0, p) + 1;
      text[data.toString('latin1', 0, nul)] = data.toString('utf8', p);
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), text };
}

async function download(page: Page, frame: Locator, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('chart exports in Chromium', () => {
  it('downloads the share chart as PNG and SVG carrying title, subtitle, source, date and URL', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await waitForBars(page);
      const headline = 'Alibaba Cloud leads China AI cloud services with 35.8% (Omdia, 2025 H1)';
      const frame = page.locator('.chart-frame[data-chart-id="shares"]');

      const svg = await download(page, frame, 'Download SVG');
      expect(svg.name).toBe('china-ai-cloud_shares_2025H1.svg');
      const text = svg.bytes.toString('utf8');
      expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(text).toContain(`<title id="export-title">${headline}</title>`);
      expect(text).toContain('China AI cloud services · Revenue / spend share · China · 2025 H1');
      expect(text).toContain('Source: Omdia, 2025 H1, published 2025-09-10');
      expect(text).toContain(`${baseUrl}/?market=china-ai-cloud`);
      // The chart itself, with its bars and values, and the styles it needs inlined.
      expect(text).toContain('aria-label="Alibaba Cloud: 35.8% (Omdia)"');
      expect(text).toContain('.bar-name');
      expect(text).not.toContain('tabindex');

      const png = await download(page, frame, 'Download PNG');
      expect(png.name).toBe('china-ai-cloud_shares_2025H1.png');
      expect(png.bytes.length).toBeGreaterThan(20_000);
      const info = readPng(png.bytes);
      // Drawn at twice the SVG's size.
      const svgWidth = Number(text.match(/^<svg[^>]* width="(\d+)"/)![1]);
      expect(info.width).toBe(svgWidth * 2);
      expect(info.text.Title).toBe(headline);
      expect(info.text.Source).toContain('Omdia');
      expect(info.text.Comment).toContain(`${baseUrl}/?market=china-ai-cloud`);
      await expect.poll(() => frame.getByRole('status').textContent()).toBe('Downloaded china-ai-cloud_shares_2025H1.png');
    });
  });

  it('copies the chart to the clipboard as a PNG', async () => {
    const context = await browser().newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await waitForBars(page);
      const frame = page.locator('.chart-frame[data-chart-id="shares"]');
      await frame.getByRole('button', { name: 'Copy PNG' }).click();
      await expect.poll(() => frame.getByRole('status').textContent()).toBe('Copied the chart as PNG');
      const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((i) => i.types));
      expect(types).toContain('image/png');
    } finally {
      await context.close();
    }
  });

  it('exports a chart of every page, each file named after what is inside', async () => {
    await withPage(async (page) => {
      const cases = [
        { path: '/', chart: 'trend', name: /^china-cloud-infra_trend_\d{4}Q\d-\d{4}Q\d\.svg$/, title: 'Share over time: China cloud infrastructure services' },
        { path: '/compare', chart: 'compare-revenue', name: 'compare_alibaba-vs-bytedance_revenue.svg', title: 'Alibaba Cloud' },
        { path: '/openness?market=china-enterprise-llm-usage', chart: 'strategy-shares', name: 'china-enterprise-llm-usage_strategy-shares_graded.svg', title: 'Frost' },
        { path: '/prices?view=history&hist=qwen-long', chart: 'history-qwen-long_china_CNY', name: 'price-history_qwen-long_china_CNY.svg', title: 'Qwen-Long input price: ¥20 → ¥0.5 per 1M tokens' },
      ];
      for (const c of cases) {
        await page.goto(`${baseUrl}${c.path}`);
        const frame = page.locator(`.chart-frame[data-chart-id="${c.chart}"]`);
        await frame.locator('svg[role="group"]').waitFor();
        const svg = await download(page, frame, 'Download SVG');
        if (typeof c.name === 'string') expect(svg.name).toBe(c.name);
        else expect(svg.name).toMatch(c.name);
        const text = svg.bytes.toString('utf8');
        expect(text, c.path).toContain(c.title);
        expect(text, c.path).toMatch(/class="export-source">Sources?: /);
        expect(text, c.path).toContain(`exported\u00a0`);
      }
    });
  });
});
