import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium, waitForBars } from './browser.js';

const baseUrl = inject('baseUrl');
const { browser, withPage } = useChromium();

const barLabels = (page: Page) =>
  page
    .getByRole('group', { name: /Bar chart/ })
    .getByRole('img')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));

describe('market-share page in Chromium', () => {
  it('loads with a bar chart whose bars name real vendors, a headline and a source line', async () => {
    await withPage(async (page) => {
      await page.goto(baseUrl);
      await waitForBars(page);
      const vendors = (await (await fetch(`${baseUrl}/api/v1/vendors`)).json()) as { data: Array<{ name: string }> };
      const names = vendors.data.map((v) => v.name);
      const labels = await barLabels(page);
      const vendorBars = labels.filter((l) => !l.startsWith('Others'));
      expect(vendorBars.length).toBeGreaterThan(0);
      for (const label of vendorBars) expect(names.some((n) => label.startsWith(`${n}:`))).toBe(true);
      // The default market is China cloud infrastructure; its latest period is Omdia's 2025 Q4.
      expect(labels).toContain('Alibaba Cloud: 37% (Omdia)');
      expect(labels.some((l) => l.startsWith('Others or not reported: 46%'))).toBe(true);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Alibaba Cloud leads China cloud infrastructure services with 37% (Omdia, 2025 Q4)');
      const sourceLine = page.locator('.source-line').first();
      expect(await sourceLine.textContent()).toContain('Omdia');
      expect(await sourceLine.getByRole('link').first().getAttribute('href')).toMatch(/^https?:\/\//);
    });
  });

  it('changing the market changes the chart, the headline and the URL', async () => {
    await withPage(async (page) => {
      await page.goto(baseUrl);
      await waitForBars(page);
      await page.getByRole('combobox', { name: /^Market/ }).selectOption('china-ai-cloud');
      await page.waitForURL(/market=china-ai-cloud/);
      await expect.poll(() => barLabels(page)).toContain('Volcano Engine: 14.8% (Omdia)');
      const labels = await barLabels(page);
      expect(labels).toContain('Alibaba Cloud: 35.8% (Omdia)');
      expect(labels.some((l) => l.startsWith('Others or not reported: 23.2%'))).toBe(true);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('35.8%');
    });
  });

  it('shows both values where two sources disagree on one figure', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-cloud-infra&period=2021Q3`);
      await waitForBars(page);
      expect(await barLabels(page)).toContain('Baidu AI Cloud: 8.2–8.8% (Canalys)');
      await page.getByRole('tab', { name: 'Table' }).click();
      await page.getByLabel('Search figures').fill('Baidu 2021 Q3');
      const rows = page.locator('.share-table tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: /^2021 Q3$/ }) });
      await expect.poll(() => rows.count()).toBe(2);
      const texts = await rows.allTextContents();
      expect(texts.some((t) => t.includes('8.8%') && t.includes('sources differ'))).toBe(true);
      expect(texts.some((t) => t.includes('8.2%') && t.includes('sources differ'))).toBe(true);
    });
  });

  it('the displayed-data CSV download holds exactly the displayed rows, each with its source', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-cloud-infra`);
      await waitForBars(page);
      const full = page.getByRole('link', { name: /Download full data/ });
      const displayed = page.getByRole('link', { name: /Download displayed data/ });
      await page.getByRole('checkbox', { name: 'AWS' }).uncheck();
      await page.waitForURL(/vendors=/);
      const countOf = async (link: typeof full) => Number((await link.textContent())!.match(/(\d+) rows?\)/)![1]);
      await expect.poll(() => countOf(displayed)).toBeLessThan(await countOf(full));
      const expected = await countOf(displayed);

      const [download] = await Promise.all([page.waitForEvent('download'), displayed.click()]);
      expect(download.suggestedFilename()).toMatch(/^market-shares_china-cloud-infra_.*\.csv$/);
      const text = readFileSync((await download.path())!, 'utf8');
      const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(expected);
      expect(rows.every((r) => r.market_id === 'china-cloud-infra')).toBe(true);
      expect(rows.some((r) => r.subject === 'AWS')).toBe(false);
      expect(rows.every((r) => /^https?:\/\//.test(r.source_url ?? '') && (r.quote ?? '') !== '')).toBe(true);

      // The table shows the same rows.
      await page.getByRole('tab', { name: 'Table' }).click();
      await expect.poll(() => page.locator('.table-count').textContent()).toBe(`${expected} of ${expected} figures`);
    });
  });

  it('keeps the view in the URL: reload and back/forward restore it', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await waitForBars(page);
      await page.getByRole('tab', { name: 'Table' }).click();
      await page.waitForURL(/tab=table/);
      await page.locator('.share-table').waitFor();
      await page.goBack();
      await waitForBars(page);
      expect(page.url()).not.toContain('tab=table');
      await page.goForward();
      await page.locator('.share-table').waitFor();
      await page.reload();
      await page.locator('.share-table').waitFor();
      expect(await page.getByRole('combobox', { name: /^Market/ }).inputValue()).toBe('china-ai-cloud');
      expect(await page.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
    });
  });

  it('sorts the table by share when the column header is clicked', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-ai-cloud&tab=table`);
      await page.locator('.share-table').waitFor();
      const header = page.getByRole('columnheader', { name: /Share/ });
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      const shares = async () =>
        (await page.locator('.share-table tbody tr td:nth-child(3)').allTextContents()).map((t) => parseFloat(t));
      const desc = await shares();
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      expect(desc[0]).toBe(38.1);
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      expect((await shares())[0]).toBe(6.1);
    });
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    await withPage(
      async (page) => {
        await page.goto(`${baseUrl}/?market=global-cloud-infra`);
        await waitForBars(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.getByRole('list', { name: 'Series' }).waitFor();
      },
      { width: 375, height: 800 },
    );
  });

  it('switches the bars to derived absolute values from the same publisher’s total, and back', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      await waitForBars(page);
      await page.getByRole('button', { name: 'Absolute (derived)' }).click();
      await page.waitForURL(/view=absolute/);
      await expect.poll(() => barLabels(page)).toContain(
        "Alibaba Cloud: about CNY 7.98 bn, derived from 35.8% of Omdia (via Caizhongshe)'s total of 22.3 CNY billions",
      );
      expect((await barLabels(page)).some((l) => l.startsWith('Others'))).toBe(false);
      expect(await page.getByRole('note').filter({ hasText: 'Derived' }).textContent()).toContain('CNY 22.3 bn (Omdia (via Caizhongshe)');
      await page.goBack();
      await expect.poll(() => barLabels(page)).toContain('Alibaba Cloud: 35.8% (Omdia)');
    });
  });

  it('falls back to a known market and says so for an unknown one in the URL', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-clod`);
      await waitForBars(page);
      expect(await page.getByRole('status').filter({ hasText: 'china-clod' }).textContent()).toContain('There is no market');
    });
  });

  it('says so and offers a retry when the figures cannot be loaded', async () => {
    const { page, errors, close } = await openPage(browser());
    try {
      let fail = true;
      await page.route('**/api/v1/shares?*', (route) =>
        fail
          ? route.fulfill({
              status: 503,
              contentType: 'application/json',
              body: JSON.stringify({ error: { code: 'unavailable', message: 'database unavailable' } }),
            })
          : route.continue(),
      );
      await page.goto(`${baseUrl}/?market=china-ai-cloud`);
      const alert = page.getByRole('alert').filter({ hasText: 'database unavailable' });
      await alert.first().waitFor();
      fail = false;
      await alert.first().getByRole('button', { name: 'Try again' }).click();
      await waitForBars(page);
      // The only console errors are the browser's reports of the refused requests.
      expect(errors.every((e) => e.includes('503'))).toBe(true);
    } finally {
      await close();
    }
  });
});

describe('API docs page in Chromium', () => {
  it('renders the OpenAPI document under the CSP without console errors', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/api/docs`);
      await page.getByText('/api/v1/shares.csv').first().waitFor();
      await page.getByRole('heading', { name: /market dashboard API/ }).waitFor();
    });
  });
});
