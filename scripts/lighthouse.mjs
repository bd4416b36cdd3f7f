// Lighthouse scores of every page: `npm run lighthouse` (after `npm run build`; this builds nothing).
// Starts the built server on a free loopback port over a temporary SQLite file, runs Lighthouse
// 12.2.3 in Debian's headless Chromium against each page, once with the mobile preset (Moto G
// Power, simulated slow 4G and 4x CPU slowdown: Lighthouse's default) and once with the desktop
// preset, prints a table of the accessibility, best-practices and performance scores, and writes
// the scores and every failing audit as JSON (default `.lighthouse/summary.json`; `--out FILE`).
// Exits 1 when a page scores under 100 on accessibility or best practices or under 95 on
// performance, so it can gate a release; it is not part of the test suite (no timings in tests).
// Single runs are noisy: each page is run `--runs N` times (default 3) and the median score of
// each category is reported (metrics and failing audits are those of the run with the median
// performance score). A run that ends in a Lighthouse runtime error (NO_NAVSTART,
// NO_FCP, …: a trace Lighthouse could not read) is retried, up to 3 times per run.
//
// usage: node scripts/lighthouse.mjs [--out FILE] [--preset mobile|desktop|both] [--runs N] [path …]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { startBuiltServer } from './bench/lib.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PAGES = ['/', '/compare', '/openness', '/prices', '/prices?view=history', '/embed?market=china-ai-cloud&chart=shares'];
const CATEGORIES = ['accessibility', 'best-practices', 'performance'];
const MINIMUM = { accessibility: 100, 'best-practices': 100, performance: 95 };

const { values, positionals } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, '.lighthouse/summary.json') },
    preset: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '3' },
  },
  allowPositionals: true,
});
const presets = values.preset === 'both' ? ['mobile', 'desktop'] : [values.preset];
if (!presets.every((p) => p === 'mobile' || p === 'desktop')) throw new Error(`--preset: expected mobile, desktop or both, got ${values.preset}`);
const pages = positionals.length > 0 ? positionals : PAGES;
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a whole number ≥ 1, got ${values.runs}`);
const RETRIES = 3;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
};

for (const built of ['apps/api/dist/server.js', 'apps/web/dist/index.html']) {
  if (!existsSync(join(ROOT, built))) {
    console.error(`lighthouse: ${built} is missing; run npm run build first (this script builds nothing)`);
    process.exit(2);
  }
}
if (!existsSync(CHROME_PATH)) {
  console.error(`lighthouse: no Chromium at ${CHROME_PATH} (set CHROME_PATH, or apt-get install -y chromium)`);
  process.exit(2);
}

const server = await startBuiltServer('dash-lighthouse-');
const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  // The flags STACK.md gives for this machine's closed network; chrome-launcher adds its own profile.
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  logLevel: 'silent',
});

/** One Lighthouse run of a page, retried when Lighthouse itself fails (a runtime error, not a score). */
async function runOnce(url, preset, path) {
  for (let attempt = 1; ; attempt += 1) {
    let lhr;
    try {
      const runner = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
        preset === 'desktop' ? desktopConfig : undefined,
      );
      lhr = runner.lhr;
    } catch (e) {
      // Lighthouse throws some of its runtime errors instead of reporting them in the result.
      lhr = { runtimeError: { code: e?.code ?? e?.lhrRuntimeError ?? 'ERROR', message: e?.friendlyMessage ?? e?.message ?? String(e) } };
    }
    if (lhr.runtimeError) {
      const message = `${preset} ${path}: Lighthouse ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
      if (attempt >= RETRIES) throw new Error(`${message} (${attempt} attempts)`);
      console.error(`${message}; retrying`);
      continue;
    }
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    const failing = CATEGORIES.flatMap((c) =>
      lhr.categories[c].auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => ({
          category: c,
          id: ref.id,
          score: lhr.audits[ref.id].score,
          title: lhr.audits[ref.id].title,
          value: lhr.audits[ref.id].displayValue ?? null,
        })),
    );
    const metrics = Object.fromEntries(
      ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((id) => [
        id,
        lhr.audits[id]?.displayValue ?? null,
      ]),
    );
    return { scores, failing, metrics };
  }
}

const results = [];
let failed = false;
try {
  // One unscored visit first, so the server's first-request work (opening the database) is not
  // charged to the first page.
  await fetch(`${server.base}/`);
  for (const preset of presets) {
    for (const path of pages) {
      const url = `${server.base}${path}`;
      const samples = [];
      for (let run = 0; run < runs; run += 1) samples.push(await runOnce(url, preset, path));
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(samples.map((x) => x.scores[c]))]));
      // Metrics and failing audits of the run whose performance score is the median.
      const byPerf = [...samples].sort((a, b) => a.scores.performance - b.scores.performance);
      const { metrics, failing } = byPerf[(byPerf.length - 1) >> 1];
      const runsSeen = samples.map((x) => x.scores.performance);
      const ok = CATEGORIES.every((c) => scores[c] >= MINIMUM[c]);
      if (!ok) failed = true;
      results.push({ preset, path, runs, scores, performanceRuns: runsSeen, ok, metrics, failing });
      console.error(`${preset.padEnd(8)} ${path.padEnd(48)} ${CATEGORIES.map((c) => String(scores[c]).padStart(4)).join(' ')}  (performance: ${runsSeen.join(', ')})${ok ? '' : '  <-'}`);
    }
  }
} finally {
  await chrome.kill();
  await server.stop();
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\nLighthouse 12.2.3, headless Chromium (${CHROME_PATH}); median of ${runs} run(s) per page; minimum: accessibility 100, best practices 100, performance 95\n`);
console.log(`${pad('preset', 9)}${pad('page', 50)}${pad('a11y', 6)}${pad('best', 6)}${pad('perf', 6)}LCP / TBT / CLS`);
for (const r of results) {
  console.log(
    `${pad(r.preset, 9)}${pad(r.path, 50)}${pad(r.scores.accessibility, 6)}${pad(r.scores['best-practices'], 6)}${pad(r.scores.performance, 6)}${r.metrics['largest-contentful-paint']} / ${r.metrics['total-blocking-time']} / ${r.metrics['cumulative-layout-shift']}${r.ok ? '' : '   below minimum'}`,
  );
}
for (const r of results.filter((x) => x.failing.length > 0)) {
  console.log(`\n${r.preset} ${r.path}: ${r.failing.map((f) => `${f.id}${f.value ? ` (${f.value})` : ''}`).join(', ')}`);
}
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ lighthouse: '12.2.3', chrome: CHROME_PATH, runs, minimum: MINIMUM, results }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
process.exit(failed ? 1 : 0);
