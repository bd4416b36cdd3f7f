import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from './browser.js';

const baseUrl = inject('baseUrl');
const { withPage } = useChromium();

const pointLabels = (page: Page) =>
  page.locator('.dumbbell-point').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));

describe('comparison page in Chromium', () => {
  it('compares Alibaba and ByteDance by default on at least three markets, every figure sourced', async () => {
    await withPage(async (page) => {
      await page.goto(baseUrl);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compare' }).click();
      await page.waitForURL(/\/compare$/);
      await page.locator('.dumbbell-point').first().waitFor();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Who leads, Alibaba Group or ByteDance, depends on what is measured',
      );
      const labels = await pointLabels(page);
      expect(labels).toContain('Alibaba Cloud: 35.8% of China AI cloud services, 2025 H1 (Omdia)');
      expect(labels).toContain('Volcano Engine: 14.8% of China AI cloud services, 2025 H1 (Omdia)');
      expect(labels).toContain('Volcano Engine: 49.2% of China public-cloud LLM API token volume, 2025 H1 (IDC)');
      expect(labels).toContain('Qwen: 32.1% of China enterprise LLM usage by model family, 2025 H2 (Frost & Sullivan)');
      // Three markets with both companies, each with a source line linking to its page.
      const details = page.locator('.market-detail');
      expect(await details.count()).toBeGreaterThanOrEqual(3);
      for (const d of await details.all()) {
        expect(await d.locator('.source-line a').first().getAttribute('href')).toMatch(/^https?:\/\//);
      }
      // The generated summary is the charts' accessible description.
      const summary = await page.locator('#compare-summary').textContent();
      expect(summary).toContain('Alibaba Cloud leads on AI-cloud revenue, 35.8% to 14.8% for Volcano Engine (Omdia, 2025 H1)');
      expect(summary).toContain('Volcano Engine leads on model API token volume, 49.2% to 27% for Alibaba Cloud (IDC, 2025 H1)');
      expect(await page.locator('svg.dumbbell-chart').first().getAttribute('aria-describedby')).toBe('compare-summary');
      expect(await page.getByRole('note').first().textContent()).toContain('measure different things');
    });
  });

  it('adds and removes a company with the picker, keeping the choice in the URL', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/compare`);
      await page.locator('.dumbbell-point').first().waitFor();
      await page.getByLabel('Add a company or vendor').fill('huaw');
      await page.getByRole('list', { name: 'Matches' }).getByRole('button', { name: /Huawei/ }).first().click();
      await page.waitForURL(/vendors=alibaba%2Cbytedance%2Chuawei|vendors=alibaba,bytedance,huawei/);
      await expect.poll(() => pointLabels(page)).toContain('Huawei Cloud: 13.1% of China AI cloud services, 2025 H1 (Omdia)');
      await page.getByRole('button', { name: 'Remove Huawei' }).click();
      await expect.poll(() => pointLabels(page)).not.toContain('Huawei Cloud: 13.1% of China AI cloud services, 2025 H1 (Omdia)');
      await page.goBack();
      await expect.poll(() => pointLabels(page)).toContain('Huawei Cloud: 13.1% of China AI cloud services, 2025 H1 (Omdia)');
    });
  });

  it('switches to derived absolute values, only where the same publisher gives the total', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/compare`);
      await page.locator('.dumbbell-point').first().waitFor();
      await page.getByRole('button', { name: 'Absolute (derived)' }).click();
      await page.waitForURL(/view=absolute/);
      await expect.poll(() => pointLabels(page)).toEqual(
        expect.arrayContaining([expect.stringContaining("Alibaba Cloud: about CNY 7.98 bn, derived from 35.8% of Omdia (via Caizhongshe)'s total of 22.3 CNY billions")]),
      );
      expect(await page.locator('.dumbbell-label').allTextContents()).toContain('Volcano Engine ≈ CNY 3.30 bn');
    });
  });

  it('downloads the comparison as CSV with the rows the page states, each with its source', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/compare`);
      const link = page.getByRole('link', { name: /Download this comparison/ });
      await link.waitFor();
      const expected = Number((await link.textContent())!.match(/CSV, (\d+) rows?/)![1]);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('comparison_alibaba-vs-bytedance.csv');
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(expected);
      expect(new Set(rows.map((r) => r.entity_id))).toEqual(new Set(['alibaba', 'bytedance']));
      expect(rows.every((r) => /^https?:\/\//.test(r.source_url ?? ''))).toBe(true);
      expect(rows.find((r) => r.market_id === 'china-ai-cloud' && r.entity_id === 'bytedance')).toMatchObject({ share_pct: '14.8', absolute_estimate: '3.3004' });
    });
  });

  it('fits a phone-width screen', async () => {
    await withPage(
      async (page) => {
        await page.goto(`${baseUrl}/compare`);
        await page.locator('.dumbbell-point').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      },
      { width: 375, height: 800 },
    );
  });
});
