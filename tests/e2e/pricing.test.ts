import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from './browser.js';

const baseUrl = inject('baseUrl');
const { withPage } = useChromium();

/** The monthly-cost cell of the calculator row of `model` (and region). */
const costOf = (page: Page, model: string, region = 'China') =>
  page
    .locator('.cost-table tbody tr')
    .filter({ has: page.locator('strong', { hasText: new RegExp(`^${model.replace(/[.]/g, '\\.')}$`) }) })
    .filter({ hasText: region })
    .locator('td.cost-cell strong');

describe('pricing page in Chromium', () => {
  it('answers the done-when question today: 10M in + 2M out on Qwen-Plus vs Doubao-Seed-1.6, in CNY', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?models=qwen-plus,doubao-seed-1.6&currency=CNY`);
      await expect.poll(() => costOf(page, 'Qwen-Plus').textContent()).toBe('¥12.00');
      expect(await costOf(page, 'Doubao-Seed-1.6').textContent()).toBe('¥24.00');
      // BytePlus sells it abroad in USD: 6.5 USD converted at a dated rate, stated in the row.
      const intl = page.locator('.cost-table tbody tr').filter({ hasText: 'International' });
      expect(await intl.locator('td.cost-cell').textContent()).toMatch(/= \$6\.50 at \d\.\d+ \(\d{4}-\d{2}-\d{2}\)/);
      expect(await page.locator('.source-line').filter({ hasText: 'Exchange rates used' }).textContent()).toContain(
        'CNY per USD',
      );
      // Every row links its source.
      for (const href of await page
        .locator('.cost-table .price-source a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        expect(href).toMatch(/^https?:\/\//);
      }
    });
  });

  it('and in May 2024, in USD: Qwen-Plus 9.002546 USD at the 2024-05-27 fixing; no price known for Doubao-Seed-1.6', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?models=qwen-plus,doubao-seed-1.6&currency=USD&at=2024-05-31`);
      await expect.poll(() => costOf(page, 'Qwen-Plus').textContent()).toBe('$9.002546');
      expect(await page.locator('.cost-table td.cost-cell').first().textContent()).toContain(
        '= ¥64.00 at 7.1091 (2024-05-27)',
      );
      await page.getByText('no price known for doubao-seed-1.6 on 2024-05-31').waitFor();
    });
  });

  it('recomputes when the workload changes, and keeps the workload in the URL', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?models=qwen-plus&currency=CNY`);
      await expect.poll(() => costOf(page, 'Qwen-Plus').textContent()).toBe('¥12.00');
      await page.getByLabel('Input tokens per request').fill('20000');
      // 20M × 0.8 + 2M × 2 = 20 CNY.
      await expect.poll(() => costOf(page, 'Qwen-Plus').textContent()).toBe('¥20.00');
      await page.waitForURL(/in=20000/);
      await page.getByLabel('Requests per month').fill('abc');
      await page.getByText('a whole number').waitFor();
      expect(await costOf(page, 'Qwen-Plus').textContent()).toBe('¥20.00');
      await page.reload();
      await expect.poll(() => costOf(page, 'Qwen-Plus').textContent()).toBe('¥20.00');
      expect(await page.getByLabel('Input tokens per request').inputValue()).toBe('20000');
    });
  });

  it('sorts the price table by input price and by model when a header is clicked', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?view=table&currency=CNY`);
      await page.locator('.price-table tbody tr').first().waitFor();
      const inputs = async () =>
        (await page.locator('.price-table tbody tr td:nth-child(4)').allTextContents()).map((t) =>
          t === '—' ? NaN : Number(t.replace(/[¥,]/g, '')),
        );
      const asc = await inputs();
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
      const header = page.getByRole('columnheader', { name: /Input \/ 1M/ });
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      const desc = await inputs();
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      expect(desc[0]).toBeGreaterThan(desc[desc.length - 1]!);
      await page.getByRole('columnheader', { name: /Model/ }).getByRole('button').click();
      const names = await page.locator('.price-table tbody tr td:first-child strong').allTextContents();
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    });
  });

  it('filters the table by vendor and openness, and the CSV download matches the API, row for row', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?view=table&currency=USD`);
      await page.locator('.price-table tbody tr').first().waitFor();
      await page.getByLabel('Openness').selectOption('open');
      await page.waitForURL(/open=open/);
      const open = await page.locator('.price-table tbody tr td:first-child strong').allTextContents();
      expect(new Set(open)).toEqual(new Set(['deepseek-chat', 'deepseek-reasoner (R1)', 'MiniMax-M1']));
      await page.getByLabel('Openness').selectOption('');

      const api = (await (await fetch(`${baseUrl}/api/v1/prices?currency=USD`)).json()) as {
        data: Array<{ id: string }>;
        meta: { count: number };
      };
      const link = page.getByRole('link', { name: /Download these prices/ });
      expect(await link.textContent()).toContain(`${api.meta.count} rows`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('prices_USD.csv');
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Array<
        Record<string, string>
      >;
      expect(rows.map((r) => r.price_id)).toEqual(api.data.map((r) => r.id));
      expect(await page.locator('.table-count').textContent()).toBe(`${rows.length} of ${rows.length} prices`);
      for (const r of rows) {
        expect(r.source_url).toMatch(/^https?:\/\//);
        if (r.currency === 'CNY') expect(r.fx_cny_per_usd).toMatch(/^\d\.\d+$/);
      }
    });
  });

  it('draws the price history with the May 2024 cuts, each chart described in words', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?view=history&hist=qwen-long,doubao-pro-32k`);
      const chart = page.getByRole('group', { name: /^Price history of Qwen-Long/ });
      await chart.waitFor();
      expect(await chart.getAttribute('aria-label')).toContain(
        '¥20 in / — out before 2024-05-21 (approx.) → ¥0.5 in / — out from 2024-05-21',
      );
      expect(await page.locator('.step-marker text').allTextContents()).toEqual(
        expect.arrayContaining(['May 15: Doubao', 'May 21: ERNIE, Qwen']),
      );
      const steps = await chart.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      expect(steps.some((s) => s?.includes('input ¥0.5 per 1M tokens, from 2024-05-21'))).toBe(true);
      await page.getByText('Price-war rules:').waitFor();
    });
  });

  it('sets Qwen against Doubao tier by tier, saying where no price is known', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?view=qwen-vs-doubao&currency=CNY`);
      const table = page.getByRole('table', { name: /Qwen3-Max vs Doubao-Seed-1.6, china/ });
      await table.waitFor();
      const rows = await table.locator('tbody tr').allTextContents();
      expect(rows[0]).toContain('0–32K');
      expect(rows[0]).toContain('¥2.5 / ¥10');
      expect(rows[0]).toContain('¥0.8 / ¥8');
      expect(rows[1]).toContain('no price known');
    });
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    await withPage(
      async (page) => {
        for (const view of ['calculator', 'table', 'history', 'qwen-vs-doubao']) {
          await page.goto(`${baseUrl}/prices?view=${view}&currency=USD&models=qwen-plus,doubao-seed-1.6`);
          await page.getByRole('tabpanel').locator('table, svg, .state').first().waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, view).toBeLessThanOrEqual(0);
        }
      },
      { width: 375, height: 800 },
    );
  });
});
