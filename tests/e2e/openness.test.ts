import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from './browser.js';

const baseUrl = inject('baseUrl');
const { browser, withPage } = useChromium();

const marketSelect = (page: Page) => page.getByRole('combobox', { name: /^Market/ });
const chart = (page: Page) => page.getByRole('group', { name: /Stacked bar chart/ });
const bandLabels = (page: Page) =>
  chart(page)
    .getByRole('img')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
const camp = (page: Page, title: string) =>
  page.locator('.camp-group').filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${title}`) }) });
const companyNames = (group: Locator) => group.getByRole('heading', { level: 4 }).allTextContents();
const rowCount = async (link: Locator) => Number((await link.textContent())!.match(/(\d+) rows?\)/)![1]);

describe('openness page in Chromium', () => {
  it('shows both camps, every release with its grade, and the rule as the API states it', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/openness`);
      const api = (await (await fetch(`${baseUrl}/api/v1/openness`)).json()) as { rule: string };
      const rule = page.getByRole('complementary', { name: 'How we classify' });
      await rule.waitFor();
      expect(await rule.locator('p').textContent()).toBe(api.rule);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/companies .*publish open weights/);
      expect(await page.getByRole('link', { name: 'Open vs closed' }).getAttribute('aria-current')).toBe('page');

      // DeepSeek publishes weights of everything listed; ByteDance is mixed, and its Doubao family is API only.
      expect(await companyNames(camp(page, 'Open'))).toContain('DeepSeek (High-Flyer)');
      const bytedance = camp(page, 'Mixed').locator('[data-company="bytedance"]');
      expect(await bytedance.getByRole('heading', { level: 4 }).textContent()).toBe('ByteDance');
      const doubao = bytedance.locator('[data-family="doubao"]');
      expect(await doubao.getByRole('heading', { level: 5 }).textContent()).toBe('Doubao Family: Closed');
      const grades = await doubao.locator('.grade').allTextContents();
      expect(grades.length).toBeGreaterThan(0);
      expect(grades.every((g) => g === 'API only')).toBe(true);
      expect(await bytedance.locator('.evidence').textContent()).toMatch(/^5 releases counted/);

      // Each release names its licence and date and links its source with the quote one click away.
      const r1 = page.locator('.release').filter({ hasText: 'DeepSeek-R1' });
      expect(await r1.locator('.grade').textContent()).toBe('Open weights · permissive');
      expect(await r1.locator('.release-licence').textContent()).toBe('Licence: MIT');
      expect(await r1.locator('.release-date').textContent()).toBe('2025-01-20');
      expect(await r1.getByRole('link').first().getAttribute('href')).toMatch(/^https?:\/\//);
      await r1.getByText('Quote').click();
      await expect.poll(() => r1.locator('blockquote').isVisible()).toBe(true);
      // A strategy statement is shown as such, not graded.
      const statement = page.locator('.release-statement').first();
      expect(await statement.textContent()).toContain('Strategy statement · not counted');
      expect(await statement.locator('.grade').count()).toBe(0);
    });
  });

  it('the binary toggle regroups the companies and the bars, and lives in the URL', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/openness?market=china-enterprise-llm-usage`);
      await chart(page).getByRole('img').first().waitFor();
      await page.getByRole('button', { name: 'Binary' }).click();
      await page.waitForURL(/view=binary/);
      const open = camp(page, 'Publishes open weights');
      await open.waitFor();
      expect(await companyNames(open)).toEqual(expect.arrayContaining(['DeepSeek (High-Flyer)', 'ByteDance']));
      expect(await camp(page, 'Mixed').count()).toBe(0);
      await camp(page, 'API only').waitFor();
      await expect
        .poll(() => bandLabels(page))
        .toContain('API only, 2025 H2: 21.3%; Doubao (Volcano Engine) 21.3% (Frost & Sullivan)');
      expect((await bandLabels(page)).some((l) => l.startsWith('Open weights, 2025 H2: 50.5%'))).toBe(true);

      await page.goBack();
      await camp(page, 'Mixed').waitFor();
      expect(page.url()).not.toContain('view=binary');
      expect(await page.getByRole('button', { name: 'Graded' }).getAttribute('aria-pressed')).toBe('true');
      await page.goForward();
      await camp(page, 'Publishes open weights').waitFor();
      await page.reload();
      await camp(page, 'Publishes open weights').waitFor();
      expect(await page.getByRole('button', { name: 'Binary' }).getAttribute('aria-pressed')).toBe('true');
      expect(await marketSelect(page).inputValue()).toBe('china-enterprise-llm-usage');
    });
  });

  it('stacks the Frost & Sullivan enterprise usage shares by strategy with the exact published values', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/openness?market=china-cloud-infra`);
      await chart(page).getByRole('img').first().waitFor();
      await marketSelect(page).selectOption('china-enterprise-llm-usage');
      await page.waitForURL(/market=china-enterprise-llm-usage/);
      await expect.poll(() => bandLabels(page)).toContain('Open, 2025 H2: 18.4%; DeepSeek 18.4% (Frost & Sullivan)');
      const labels = await bandLabels(page);
      expect(labels.filter((l) => l.includes('2025 H2'))).toEqual([
        'Open, 2025 H2: 18.4%; DeepSeek 18.4% (Frost & Sullivan)',
        'Mixed, 2025 H2: 32.1%; Qwen (Alibaba Cloud) 32.1% (Frost & Sullivan)',
        'Closed, 2025 H2: 21.3%; Doubao (Volcano Engine) 21.3% (Frost & Sullivan)',
        'Others / not reported, 2025 H2: 28.2%; derived as 100% minus the figures counted',
      ]);
      // Newest period first, values drawn on the bands, a legend and a source line.
      expect(await chart(page).locator('.stacked-row-label').allTextContents()).toEqual(['2025 H2', '2025 H1']);
      expect(await chart(page).locator('.stacked-label').allTextContents()).toEqual(
        expect.arrayContaining(['Open 18.4%', 'Mixed 32.1%', 'Closed 21.3%', 'Others 28.2%']),
      );
      expect(await page.getByRole('list', { name: 'Bands' }).textContent()).toContain('Others / not reported');
      expect(await page.locator('.strategy-shares .source-line').textContent()).toContain('Frost & Sullivan');
      expect(await page.locator('.strategy-shares').textContent()).toContain('counts towards that family’s strategy');

      // Keyboard focus on a band shows the figures it adds up.
      await chart(page).getByRole('img').nth(1).focus();
      const tip = page.getByRole('tooltip');
      expect(await tip.textContent()).toContain('Qwen (Alibaba Cloud) 32.1% · Frost & Sullivan');

      // The table shows the same values.
      await page.getByRole('tab', { name: 'Table' }).click();
      await page.waitForURL(/tab=table/);
      const h2 = page.locator('.strategy-table tbody tr').filter({ hasText: '2025 H2' });
      expect(await h2.locator('td.num').allTextContents()).toEqual(['18.4%', '32.1%', '21.3%', '28.2%']);
    });
  });

  it('the CSV downloads hold the rows the API reports', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/openness?market=china-cloud-infra&view=binary`);
      await chart(page).getByRole('img').first().waitFor();
      const api = (await (
        await fetch(`${baseUrl}/api/v1/strategy-shares?market=china-cloud-infra&view=binary`)
      ).json()) as {
        markets: Array<{ periods: Array<{ bands: Array<{ figures: unknown[] }> }> }>;
      };
      const counted = api.markets[0]!.periods.flatMap((p) => p.bands.flatMap((b) => b.figures)).length;
      const shares = page.getByRole('link', { name: /Download shares by open weights vs API only/ });
      expect(await rowCount(shares)).toBe(counted);
      const [download] = await Promise.all([page.waitForEvent('download'), shares.click()]);
      expect(download.suggestedFilename()).toBe('shares-by-strategy_china-cloud-infra_binary.csv');
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Array<
        Record<string, string>
      >;
      expect(rows).toHaveLength(counted);
      expect(rows.every((r) => r.market_id === 'china-cloud-infra' && r.view === 'binary')).toBe(true);
      expect(rows.every((r) => /^https?:\/\//.test(r.source_url ?? '') && (r.quote ?? '') !== '')).toBe(true);

      const releases = page.getByRole('link', { name: /Download releases and licences/ });
      const openness = (await (await fetch(`${baseUrl}/api/v1/openness`)).json()) as { releases: unknown[] };
      expect(await rowCount(releases)).toBe(openness.releases.length);
      const [file] = await Promise.all([page.waitForEvent('download'), releases.click()]);
      const releaseRows = parse(readFileSync((await file.path())!, 'utf8'), { columns: true }) as unknown[];
      expect(releaseRows).toHaveLength(openness.releases.length);
    });
  });

  it('has no axe violations in the graded chart view or the binary table view', async () => {
    const axe = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
    await withPage(async (page) => {
      for (const query of ['', '?view=binary&tab=table&market=china-cloud-infra']) {
        await page.goto(`${baseUrl}/openness${query}`);
        await page.locator('.company').first().waitFor();
        await page.locator('.strategy-shares .source-line').waitFor();
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const run = (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }).axe
            .run;
          return (await run()).violations.map((v) => v.id);
        });
        expect(violations).toEqual([]);
      }
    });
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    await withPage(
      async (page) => {
        await page.goto(`${baseUrl}/openness?market=china-cloud-infra`);
        await chart(page).getByRole('img').first().waitFor();
        await page.locator('.company').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const svgWidth = await chart(page).evaluate((el) => el.getBoundingClientRect().width);
        expect(svgWidth).toBeLessThanOrEqual(375);
      },
      { width: 375, height: 800 },
    );
  });

  it('says so and offers a retry when the licensing data cannot be loaded', async () => {
    const { page, errors, close } = await openPage(browser());
    try {
      let fail = true;
      await page.route('**/api/v1/openness', (route) =>
        fail
          ? route.fulfill({
              status: 503,
              contentType: 'application/json',
              body: JSON.stringify({ error: { code: 'unavailable', message: 'database unavailable' } }),
            })
          : route.continue(),
      );
      await page.goto(`${baseUrl}/openness`);
      const alert = page.getByRole('alert').filter({ hasText: 'database unavailable' });
      await alert.waitFor();
      fail = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('complementary', { name: 'How we classify' }).waitFor();
      // The failed request is the only console error the browser reports.
      expect(errors.filter((e) => !e.includes('503'))).toEqual([]);
    } finally {
      await close();
    }
  });
});
