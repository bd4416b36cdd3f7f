// Dev helper: screenshots a page of the running dashboard in headless Chromium.
// usage: node scripts/screenshot.mjs URL OUT.png [width] [height] [--viewport]
// (the whole page, or with --viewport only the first width × height pixels)
import { chromium } from 'playwright-core';

const [url, out, width = '1200', height = '900'] = process.argv.slice(2).filter((a) => a !== '--viewport');
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [width] [height]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`console.${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
await page.goto(url, { waitUntil: 'networkidle' });
await page.screenshot({ path: out, fullPage: !process.argv.includes('--viewport') });
await browser.close();
