import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useChromium, waitForBars } from './browser.js';

const baseUrl = inject('baseUrl');
const { withPage } = useChromium();

const eventLabels = (page: Page, chart: string) =>
  page.locator(`${chart} .event`).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));

describe('market events on the charts in Chromium', () => {
  it('marks the events of the vendors shown on the share trend, month-dated ones as months, with title and source on focus', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-cloud-infra`);
      await waitForBars(page);
      await expect.poll(async () => (await eventLabels(page, '.trend-chart')).length).toBeGreaterThan(3);
      const labels = (await eventLabels(page, '.trend-chart')).join('\n');
      // Month precision is said, never turned into a day.
      expect(labels).toContain('Apr 2023 (sometime that month): Alibaba unveils Tongyi Qianwen LLM at Alibaba Cloud Summit (release; Alibaba; source: ettoday.net, press source)');
      expect(labels).toContain('12 Sep 2023: New CEO Eddie Wu');
      // ByteDance has no series in this market: events about ByteDance alone are not marked.
      expect(labels).not.toMatch(/\(\w+; ByteDance; source/);
      expect(labels).not.toContain('ByteDance launches Doubao models');
      // The month-dated event is drawn as a bracket over its month, the exact day as a rule.
      const first = page.locator('.trend-chart .event').first();
      expect(await first.locator('path.event-bracket').count()).toBe(1);
      expect(await first.locator('line.event-rule').count()).toBe(0);

      // Focus (from the keyboard) shows the event's date, title and source.
      await first.focus();
      const tip = page.getByRole('tooltip');
      await expect.poll(() => tip.textContent()).toContain('Alibaba unveils Tongyi Qianwen');
      expect(await tip.textContent()).toContain('Apr 2023 (sometime that month)');
      expect(await tip.textContent()).toContain('ettoday.net');

      // The data table lists the marked events too.
      const frame = page.locator('.chart-frame[data-chart-id="trend"]');
      await frame.getByRole('button', { name: 'Data table' }).click();
      const events = frame.getByRole('table', { name: 'Market events marked on the chart' });
      expect(await events.locator('tbody tr').first().textContent()).toContain('Apr 2023 (month)');
    });
  });

  it('the events are toggleable, the choice lives in the URL, and they follow the vendor filter', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/?market=china-cloud-infra`);
      await waitForBars(page);
      await expect.poll(async () => (await eventLabels(page, '.trend-chart')).length).toBeGreaterThan(3);
      await page.getByLabel('Events marked').selectOption('none');
      await page.waitForURL(/events=none/);
      await expect.poll(async () => (await eventLabels(page, '.trend-chart')).length).toBe(0);
      await page.getByLabel('Events marked').selectOption('pricing');
      await expect.poll(async () => (await eventLabels(page, '.trend-chart')).length).toBeGreaterThan(0);
      expect((await eventLabels(page, '.trend-chart')).every((l) => l.includes('(pricing;'))).toBe(true);
      // Without Alibaba Cloud in the selection, Alibaba's events go too.
      await page.getByLabel('Events marked').selectOption('all');
      for (const name of ['Alibaba Cloud']) await page.getByRole('checkbox', { name }).uncheck();
      await page.waitForURL(/vendors=/);
      await expect.poll(async () => (await eventLabels(page, '.trend-chart')).join('\n')).not.toContain('Tongyi Qianwen');
    });
  });

  it('marks the price war on the price-history chart of Qwen-Long, and lists the events in its export', async () => {
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/prices?view=history&hist=qwen-long`);
      const chart = '.chart-frame[data-chart-id="history-qwen-long_china_CNY"] .step-chart';
      await expect.poll(async () => (await eventLabels(page, chart)).join('\n')).toContain(
        '21 May 2024: Alibaba Cloud cuts prices of 9 Qwen models, Qwen-Long input down 97% (pricing; Alibaba;',
      );
      const frame = page.locator('.chart-frame[data-chart-id="history-qwen-long_china_CNY"]');
      const [file] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Download SVG' }).click()]);
      const { readFileSync } = await import('node:fs');
      const svg = readFileSync((await file.path())!, 'utf8');
      expect(svg).toContain('Events marked');
      expect(svg).toContain('21 May 2024 · Alibaba Cloud cuts prices of 9 Qwen models');
    });
  });

  it('serves the same events as the API', async () => {
    const res = await fetch(`${baseUrl}/api/v1/events?vendor=alibaba&kind=pricing`);
    const body = (await res.json()) as { data: Array<{ date: string }> };
    expect(body.data.map((e) => e.date)).toContain('2024-05-21');
  });
});
