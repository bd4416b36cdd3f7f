import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROME_PATH } from './global-setup.js';

/** Headless Debian Chromium with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page that records console errors and uncaught exceptions, so a test can demand none. */
export async function openPage(browser: Browser, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return { page, errors, close: () => context.close() };
}

/** Waits until the snapshot bar chart has drawn its bars. */
export async function waitForBars(page: Page) {
  await page.getByRole('group', { name: /Bar chart/ }).getByRole('img').first().waitFor();
}

/**
 * Chromium for one test file: launched before its tests, closed after them. `withPage` runs `fn`
 * on a fresh page and fails the test on any console error or uncaught exception; `browser()` is
 * for the tests that open pages themselves (expected errors, several contexts).
 */
export function useChromium() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const current = (): Browser => {
    if (browser === undefined) throw new Error('Chromium is not running yet: use browser() inside a test');
    return browser;
  };
  async function withPage(fn: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
    const { page, errors, close } = await openPage(current(), viewport);
    try {
      await fn(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }
  return { browser: current, withPage };
}
