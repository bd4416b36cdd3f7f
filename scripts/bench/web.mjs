// Web build benchmark (issue 7): per page, the JavaScript and CSS the browser downloads and the
// time to the first chart, measured in Debian's headless Chromium against the built app.
//
// Definitions (what the numbers mean):
// - initial JS: every JavaScript file Chromium requested, from navigation start until the page set
//   its `dash:first-chart` Performance mark (the first chart drawn with its data in a shown page):
//   the entry, its static imports, the page chunk and every chunk or preload (modulepreload,
//   early hints) fetched before that moment. Read from the Resource Timing entries of the load,
//   not guessed from the manifest. A page whose first view holds no chart (the price
//   calculator, `/prices`) is measured up to `dash:page-shown` (its first data shown) instead,
//   and says so in the row's note.
// - total JS: every JavaScript file requested by the time the network is idle after the load.
// - CSS: every stylesheet requested by then.
// - sizes: each file's bytes as served, gzip-compressed with Node's zlib at its default level
//   (6), in KB of 1000 bytes (as Vite's build report; Vite 8's own figure is within ~1%).
// - time to first chart: the mark's startTime (ms since navigation start), median of `runs`
//   cold loads (a fresh browser context each: empty cache), on localhost, no throttling.
//
// As a module: `benchWeb({ root, baseUrl, runs })` → rows for the bench orchestrator; `baseUrl`
// is a running server of the built app. Alone: `node scripts/bench/web.mjs [--runs N] [--json]`
// starts the built server on a free port over a temporary SQLite file, prints a table, stops it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT, startBuiltServer } from './lib.mjs';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The pages measured, with the mark that ends their first view. */
export const WEB_PAGES = [
  { path: '/', mark: 'dash:first-chart' },
  { path: '/compare', mark: 'dash:first-chart' },
  { path: '/openness', mark: 'dash:first-chart' },
  { path: '/prices', mark: 'dash:page-shown' },
  { path: '/prices?view=history', mark: 'dash:first-chart' },
  { path: '/embed?market=china-ai-cloud&chart=shares', mark: 'dash:first-chart' },
];
export const BUDGET = { initialJsKb: 150, firstChartMs: 500 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (bytes) => Math.round(bytes / 10) / 100;

/** gzip size of a URL's body as served (cached per URL: hashed asset names never change content). */
function gzipSizer() {
  const cache = new Map();
  return (url) => {
    if (!cache.has(url)) {
      cache.set(
        url,
        fetch(url).then(async (res) => {
          if (!res.ok) throw new Error(`${url}: ${res.status}`);
          return gzipSync(Buffer.from(await res.arrayBuffer())).length;
        }),
      );
    }
    return cache.get(url);
  };
}

/**
 * One cold load of `url` in a fresh context: the mark's time and the scripts and stylesheets
 * requested before the mark and by network idle, from the page's Resource Timing entries.
 */
async function loadOnce(browser, url, mark) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    await page
      .waitForFunction((name) => performance.getEntriesByName(name, 'mark').length > 0, mark, { timeout: 20_000 })
      .catch(() => {
        throw new Error(`${url}: no ${mark} mark within 20 s${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
      });
    await page.waitForLoadState('networkidle');
    return await page.evaluate((name) => {
      const at = performance.getEntriesByName(name, 'mark')[0].startTime;
      const resources = performance.getEntriesByType('resource').map((r) => ({ url: r.name, start: r.startTime }));
      return { at, resources };
    }, mark);
  } finally {
    await context.close();
  }
}

/** Measures one page: `runs` cold loads (after one unmeasured warm-up load of the server); sizes in bytes (gzip), times in ms. */
export async function measurePage(browser, baseUrl, { path, mark }, runs, sizeOf = gzipSizer()) {
  const url = new URL(path, baseUrl).toString();
  await loadOnce(browser, url, mark);
  const loads = [];
  for (let i = 0; i < runs; i += 1) loads.push(await loadOnce(browser, url, mark));
  const isJs = (u) => new URL(u).pathname.endsWith('.js');
  const isCss = (u) => new URL(u).pathname.endsWith('.css');
  const sum = async (urls) => (await Promise.all([...new Set(urls)].map(sizeOf))).reduce((a, b) => a + b, 0);
  // Sizes from the median load (the same files every time, barring a race that the median evens out).
  const perLoad = await Promise.all(
    loads.map(async (l) => ({
      initialJs: await sum(l.resources.filter((r) => isJs(r.url) && r.start <= l.at).map((r) => r.url)),
      totalJs: await sum(l.resources.filter((r) => isJs(r.url)).map((r) => r.url)),
      css: await sum(l.resources.filter((r) => isCss(r.url)).map((r) => r.url)),
      files: l.resources.filter((r) => isJs(r.url) && r.start <= l.at).map((r) => new URL(r.url).pathname),
    })),
  );
  return {
    path,
    mark,
    firstChartMs: median(loads.map((l) => l.at)),
    samplesMs: loads.map((l) => Math.round(l.at)),
    initialJs: median(perLoad.map((p) => p.initialJs)),
    totalJs: median(perLoad.map((p) => p.totalJs)),
    css: median(perLoad.map((p) => p.css)),
    initialFiles: perLoad[0].files,
  };
}

/**
 * The web benchmark as rows for the bench orchestrator: per page, initial JS (budget max 150 KB
 * gzip), CSS, total JS loaded, and time to first chart (median of `runs` cold loads, budget max
 * 500 ms). `root` is the repository (unused beyond checking the build); `baseUrl` a running
 * server of the built app.
 */
export async function benchWeb({ root = ROOT, baseUrl, runs = 5 }) {
  if (!existsSync(join(root, 'apps/web/dist/index.html'))) throw new Error('bench web: apps/web/dist is missing; run npm run build');
  if (!existsSync(CHROME_PATH)) throw new Error(`bench web: no Chromium at ${CHROME_PATH} (set CHROME_PATH, or apt-get install -y chromium)`);
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
  const sizeOf = gzipSizer();
  const rows = [];
  try {
    for (const page of WEB_PAGES) {
      const m = await measurePage(browser, baseUrl, page, runs, sizeOf);
      const until = m.mark === 'dash:first-chart' ? 'first chart' : 'first view (no chart on this page)';
      const initialKb = kb(m.initialJs);
      rows.push(
        {
          group: 'web',
          name: `${m.path} initial JS (gzip, until ${until})`,
          value: initialKb,
          unit: 'KB',
          budget: { max: BUDGET.initialJsKb },
          ok: initialKb < BUDGET.initialJsKb,
          note: m.initialFiles.map((f) => f.replace(/^\/assets\//, '')).join(' '),
        },
        { group: 'web', name: `${m.path} CSS (gzip)`, value: kb(m.css), unit: 'KB' },
        { group: 'web', name: `${m.path} total JS loaded (gzip)`, value: kb(m.totalJs), unit: 'KB' },
        {
          group: 'web',
          name: `${m.path} time to ${until}`,
          value: Math.round(m.firstChartMs),
          unit: 'ms',
          budget: { max: BUDGET.firstChartMs },
          ok: m.firstChartMs < BUDGET.firstChartMs,
          note: `median of ${runs} cold loads on localhost (${m.samplesMs.join(', ')} ms), ${m.mark} mark`,
        },
      );
    }
  } finally {
    await browser.close();
  }
  return rows;
}

function printTable(rows) {
  const pad = (s, n) => String(s).padEnd(n);
  console.log(`${pad('measure', 72)}${pad('value', 10)}${pad('budget', 10)}ok`);
  for (const r of rows) {
    const budget = r.budget ? (r.budget.max !== undefined ? `< ${r.budget.max}` : `≥ ${r.budget.min}`) : '';
    console.log(`${pad(r.name, 72)}${pad(`${r.value} ${r.unit}`, 10)}${pad(budget, 10)}${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs: expected a whole number ≥ 1, got ${values.runs}`);
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'apps/api/dist/server.js'))) {
    console.error('bench web: apps/api/dist/server.js is missing; run npm run build first (this script builds nothing)');
    process.exit(2);
  }
  const server = await startBuiltServer('dash-bench-web-');
  let rows;
  try {
    rows = await benchWeb({ root: ROOT, baseUrl: server.base, runs });
  } finally {
    await server.stop();
  }
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else {
    printTable(rows);
    for (const r of rows.filter((x) => x.name.includes('initial JS'))) console.log(`\n${r.name}:\n  ${r.note}`);
  }
  process.exit(rows.every((r) => r.ok !== false) ? 0 : 1);
}
