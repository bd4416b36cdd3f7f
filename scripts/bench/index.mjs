// `npm run bench`: the performance budgets of issue 7, measured against the BUILT app (run
// `npm run build` first; this builds nothing). Every server is a real child process on loopback
// over a fresh temporary SQLite file; memory figures are the server's own RSS from /proc.
//
//   api     api.mjs: autocannon on the main JSON and CSV endpoints with a browser's
//           Accept-Encoding, in rounds of 1 s each: the bare Fastify route returning a small
//           constant, the endpoint, and the bare route returning the endpoint's exact answer
//           (bytes, type, encoding) as a constant (bare-server.mjs; same Node, own process);
//           ratios are medians of the rounds. Each round reads both servers' CPU time from /proc:
//           the server's throughput is requests per CPU-second of the server process (the client
//           shares the 2 cores, so req/s measures it as much as the server). Budget: every main
//           JSON endpoint's server throughput >= 0.6 x the bare route's sending the same bytes
//           (stock plugins, request logging off); req/s and the ratios against the small constant
//           are printed beside it. Also a repeat request with If-None-Match (304), the JSON
//           endpoints without compression, and the same reads from a second instance without the
//           answer cache (RESPONSE_CACHE_MB=0), in the same run (not budgeted).
//   nginx   nginx.mjs: repeat reads through deploy/nginx/dashboard.conf (cache HITs) against the
//           same nginx serving a static file of the same bytes. Budget: nginx's throughput per
//           CPU-second >= 0.9 x the file's.
//   import  1,000,000 synthetic figures (clearly synthetic, in a temp dir) through the data CLI
//           (`data import`, the real import path) in files of 100,000 rows: rows/s, peak RSS.
//   csv     GET /api/v1/shares.csv of all those figures from the spawned server: rows/s, bytes,
//           rows checked, and the server's peak RSS growth over idle (sampled every 50 ms).
//           Budget: growth < 100 MB. Needs the import (it runs it when not selected). Meanwhile
//           /api/v1/health is asked one request after another: its slowest answer shows how long
//           the export ever kept the server from other requests. --csv-client curl reads with
//           curl (faster than this script's fetch, so the server writes as fast as it can).
//   cold    spawn to first 200 on /api/v1/health, on a fresh file (migrations + bundled load) and
//           on a file already holding the bundled dataset: median of --runs.
//   web     scripts/bench/web.mjs (benchWeb) against a running server: JS/CSS bytes per page,
//           time to first chart. Budgets there.
//
// Prints a table, writes .bench/results.json (machine, node, date, commit, rows), and exits 1
// when a budget fails (unless --no-fail). Not a test: nothing here runs in `npm test` or CI.
//
// usage: node scripts/bench/index.mjs [--only api,nginx,import,csv,cold,web] [--quick] [--no-fail]
//          [--duration S] [--connections N] [--rows N] [--file-rows N] [--runs N] [--out FILE]
//          [--db FILE]   keep the imported SQLite file there (FILE.json records its rows); when it
//                        already exists, the import is skipped and csv exports it again
//          [--csv-client fetch|curl]   who downloads the export (default fetch)
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchApi } from './api.mjs';
import { DATA_CLI, ROOT, median, rssOf, sampleRss, sleep, startDashboard } from './lib.mjs';
import { benchNginx } from './nginx.mjs';
import { writeSyntheticShares } from './synthetic.mjs';

const GROUPS = ['api', 'nginx', 'import', 'csv', 'cold', 'web'];
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-fail': { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string' },
    rows: { type: 'string' },
    'file-rows': { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string', default: join(ROOT, '.bench/results.json') },
    db: { type: 'string' },
    'csv-client': { type: 'string', default: 'fetch' },
  },
});
if (!['fetch', 'curl'].includes(values['csv-client'])) throw new Error(`--csv-client: expected fetch or curl, got "${values['csv-client']}"`);
const only = values.only ? values.only.split(',').map((s) => s.trim()) : GROUPS;
for (const g of only) if (!GROUPS.includes(g)) throw new Error(`--only: unknown group "${g}"; known: ${GROUPS.join(', ')}`);
const whole = (name, fallback) => {
  const v = values[name] === undefined ? fallback : Number(values[name]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: expected a whole number >= 1, got ${values[name]}`);
  return v;
};
const opts = {
  duration: whole('duration', values.quick ? 2 : 5),
  connections: whole('connections', 10),
  rows: whole('rows', values.quick ? 100_000 : 1_000_000),
  runs: whole('runs', values.quick ? 1 : 3),
  fileRows: whole('file-rows', 100_000),
};

for (const built of ['apps/api/dist/server.js', 'apps/api/dist/cli/data.js', 'apps/web/dist/index.html']) {
  if (!existsSync(join(ROOT, built))) {
    console.error(`bench: ${built} is missing; run npm run build first (this script builds nothing)`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'dash-bench-'));
const rows = [];
const add = (row) => {
  rows.push(row);
  const mark = row.ok === undefined ? ' ' : row.ok ? '✓' : '✗';
  console.error(`  ${mark} ${row.group} ${row.name}: ${fmt(row.value)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
};
const check = (value, budget) =>
  budget === undefined ? undefined : (budget.min === undefined || value >= budget.min) && (budget.max === undefined || value <= budget.max);
const fmt = (v) => (typeof v !== 'number' ? String(v) : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100));
const MB = 1024 * 1024;
let dbCounter = 0;
const freshDb = () => join(work, `bench-${++dbCounter}.sqlite`);


// ------------------------------------------------------------------------------------- import
/**
 * A database holding the bundled dataset and `opts.rows` synthetic figures (the CSV benchmark's
 * input), imported through the data CLI in files of `opts.fileRows` rows: the import reads a
 * whole file into memory (about 11 KB per row), so a million rows go in as several files.
 */
async function benchImport() {
  const keep = values.db === undefined ? undefined : resolve(values.db);
  if (keep && existsSync(keep) && existsSync(`${keep}.json`)) {
    const kept = JSON.parse(readFileSync(`${keep}.json`, 'utf8'));
    console.error(`import: skipped, reusing ${keep} (${kept.figures.toLocaleString('en-US')} synthetic figures)`);
    return { db: keep, figures: kept.figures };
  }
  if (keep) for (const f of [keep, `${keep}-wal`, `${keep}-shm`]) rmSync(f, { force: true });
  console.error(`import: writing ${opts.rows.toLocaleString('en-US')} synthetic rows in files of ${opts.fileRows.toLocaleString('en-US')}…`);
  const gen = await writeSyntheticShares((i) => join(work, `synthetic-shares-${i + 1}.csv`), opts.rows, opts.fileRows);
  // The database gets migrations and the bundled dataset first (as any server start would), so
  // the timing below is the imports alone plus each CLI run's own start.
  const db = keep ?? freshDb();
  const prep = await startDashboard(db);
  await prep.stop();
  let seconds = 0;
  let peak = 0;
  let added = 0;
  let failure = null;
  for (const file of gen.files) {
    const started = performance.now();
    const child = spawn(process.execPath, [DATA_CLI, 'import', file, '--by', 'bench'], {
      env: { ...process.env, DATABASE_URL: db, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const rss = sampleRss(child.pid, 100);
    const status = await new Promise((r) => child.once('exit', (code) => r(code)));
    seconds += (performance.now() - started) / 1000;
    peak = Math.max(peak, rss.stop().peak);
    const imported = /imported \S+ \((\d+) rows\): (\d+) added/.exec(out);
    if (status !== 0 || imported === null) {
      failure = `${file}: exit ${status}: ${out.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
      break;
    }
    added += Number(imported[2]);
    console.error(`import: ${added.toLocaleString('en-US')} of ${gen.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(0)} s`);
    rmSync(file, { force: true });
  }
  const ok = failure === null && added === gen.rows;
  add({
    group: 'import',
    name: `data import of ${gen.rows.toLocaleString('en-US')} synthetic figures (${gen.files.length} files)`,
    value: ok ? gen.rows / seconds : 0,
    unit: 'rows/s',
    ok: ok ? undefined : false,
    note: ok
      ? `${seconds.toFixed(1)} s for ${(gen.bytes / MB).toFixed(0)} MB of CSV, ${added} figures added`
      : `failed after ${added} rows: ${failure ?? `${added} added, expected ${gen.rows}`}`,
    detail: { seconds, peakRss: peak, fileBytes: gen.bytes, files: gen.files.length, rowsPerFile: opts.fileRows, added },
  });
  add({
    group: 'import',
    name: 'data import peak memory (CLI process RSS)',
    value: peak / MB,
    unit: 'MB',
    note: `importing ${opts.fileRows.toLocaleString('en-US')} rows per file`,
  });
  if (ok && keep) writeFileSync(`${keep}.json`, `${JSON.stringify({ figures: gen.rows })}\n`);
  return ok ? { db, figures: gen.rows } : null;
}

// ---------------------------------------------------------------------------------------- csv
async function benchCsv(imported) {
  if (!imported) {
    add({ group: 'csv', name: 'CSV export of the synthetic figures', value: 'n/a', unit: '', ok: false, note: 'the import failed, nothing to export' });
    return;
  }
  const server = await startDashboard(imported.db);
  try {
    const markets = await fetch(`${server.base}/api/v1/health`);
    await markets.arrayBuffer();
    await sleep(1000);
    const idle = rssOf(server.pid);
    const rss = sampleRss(server.pid, 50);
    const started = performance.now();
    // Other requests during the export: /health one after another, 20 ms apart.
    const probe = { running: true, count: 0, slowest: 0 };
    const probing = (async () => {
      while (probe.running) {
        const t = performance.now();
        const h = await fetch(`${server.base}/api/v1/health`);
        await h.arrayBuffer();
        probe.slowest = Math.max(probe.slowest, performance.now() - t);
        probe.count++;
        await sleep(20);
      }
    })();
    const client = values['csv-client'];
    const { bytes, lines, expected } = client === 'curl' ? await downloadWithCurl(`${server.base}/api/v1/shares.csv`) : await downloadWithFetch(`${server.base}/api/v1/shares.csv`);
    const seconds = (performance.now() - started) / 1000;
    const { peak, samples } = rss.stop();
    probe.running = false;
    await probing;
    const dataRows = lines - 1;
    const growth = (peak - idle) / MB;
    const countOk = dataRows === expected && dataRows >= imported.figures;
    add({
      group: 'csv',
      name: `GET /api/v1/shares.csv (all ${dataRows.toLocaleString('en-US')} figures, read by ${client})`,
      value: dataRows / seconds,
      unit: 'rows/s',
      ok: countOk ? undefined : false,
      note: `${seconds.toFixed(1)} s, ${(bytes / MB).toFixed(0)} MB, ${dataRows} rows received, x-row-count ${expected}${countOk ? '' : ' MISMATCH'}`,
      detail: { client, seconds, bytes, dataRows, expected },
    });
    add({
      group: 'csv',
      name: 'slowest /api/v1/health answer during that export',
      value: probe.slowest,
      unit: 'ms',
      note: `${probe.count} requests, one after another`,
      detail: { ...probe },
    });
    const budget = { max: 100 };
    add({
      group: 'csv',
      name: 'server RSS growth during that export',
      value: growth,
      unit: 'MB',
      budget,
      ok: check(growth, budget),
      note: `idle ${(idle / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB over ${samples} samples`,
      detail: { idle, peak, samples },
    });
  } finally {
    await server.stop();
  }
}

/** Downloads `url` with fetch, counting bytes and line feeds as they arrive. */
async function downloadWithFetch(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { bytes, lines, expected: Number(res.headers.get('x-row-count')) };
}

/** Downloads `url` with curl into `wc -lc` (both faster readers than fetch): bytes, lines, x-row-count. */
async function downloadWithCurl(url) {
  const headers = join(work, 'csv-headers.txt');
  const child = spawn('sh', ['-c', 'curl -sS --fail -D "$1" "$2" | wc -lc', 'sh', headers, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const status = await new Promise((r) => child.once('exit', (code) => r(code)));
  const [lines, bytes] = out.trim().split(/\s+/).map(Number);
  const rowCount = /^x-row-count:\s*(\d+)/im.exec(readFileSync(headers, 'utf8'));
  if (status !== 0 || !rowCount) throw new Error(`curl ${url}: exit ${status}`);
  return { bytes, lines, expected: Number(rowCount[1]) };
}

// --------------------------------------------------------------------------------------- cold
async function benchCold() {
  const fresh = [];
  const loaded = [];
  for (let i = 0; i < opts.runs; i++) {
    const db = freshDb();
    const a = await startDashboard(db, { readyPath: '/api/v1/health' });
    fresh.push(a.readyMs);
    await a.stop();
    const b = await startDashboard(db, { readyPath: '/api/v1/health' });
    loaded.push(b.readyMs);
    await b.stop();
  }
  const note = (xs) => `median of ${xs.length}: ${xs.map((x) => x.toFixed(0)).join(', ')} ms`;
  add({ group: 'cold', name: 'start to first 200, bundled dataset already loaded', value: median(loaded), unit: 'ms', note: note(loaded) });
  add({ group: 'cold', name: 'start to first 200, fresh file (migrations + bundled load)', value: median(fresh), unit: 'ms', note: note(fresh) });
}

// ---------------------------------------------------------------------------------------- web
async function benchWebGroup(server) {
  const webModule = join(ROOT, 'scripts/bench/web.mjs');
  if (!existsSync(webModule)) {
    console.error('web: not measured (scripts/bench/web.mjs missing)');
    add({ group: 'web', name: 'web build and first chart', value: 'not measured', unit: '', note: 'scripts/bench/web.mjs missing' });
    return;
  }
  const { benchWeb } = await import(webModule);
  const result = await benchWeb({ root: ROOT, baseUrl: server.base, runs: values.quick ? 3 : 5 });
  for (const r of result) add({ ...r, ok: r.ok ?? check(r.value, r.budget) });
}

// --------------------------------------------------------------------------------------- main
function commit() {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { head, dirty };
  } catch {
    return null;
  }
}

function printTable() {
  const header = ['group', 'measure', 'value', 'unit', 'budget', '', 'ratio / baseline / notes'];
  const budgetText = (b) => (b ? [b.min !== undefined ? `≥ ${fmt(b.min)}` : '', b.max !== undefined ? `< ${fmt(b.max)}` : ''].filter(Boolean).join(', ') : '');
  const lines = rows.map((r) => [r.group, r.name, fmt(r.value), r.unit, budgetText(r.budget), r.ok === undefined ? '' : r.ok ? '✓' : '✗', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (l) => l.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(show(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(show(l));
}

const startedAt = new Date();
let failed = false;
try {
  if (only.includes('cold')) await benchCold();
  if (only.includes('api') || only.includes('nginx') || only.includes('web')) {
    const server = await startDashboard(freshDb());
    try {
      const context = { server, opts, add, check, fmt };
      if (only.includes('api')) {
        const uncached = await startDashboard(freshDb(), { env: { RESPONSE_CACHE_MB: '0' } });
        try {
          await benchApi({ ...context, uncached });
        } finally {
          await uncached.stop();
        }
      }
      if (only.includes('nginx')) await benchNginx(context);
      if (only.includes('web')) await benchWebGroup(server);
    } finally {
      await server.stop();
    }
  }
  if (only.includes('import') || only.includes('csv')) {
    const imported = await benchImport();
    if (only.includes('csv')) await benchCsv(imported);
  }
} catch (err) {
  failed = true;
  console.error(`bench: ${err instanceof Error ? err.stack : String(err)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log('');
printTable();
const failures = rows.filter((r) => r.ok === false);
const result = {
  date: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryBytes: totalmem(), platform: process.platform, arch: process.arch },
  node: process.version,
  commit: commit(),
  options: { ...opts, only, quick: values.quick },
  rows,
  failures: failures.map((r) => `${r.group}: ${r.name}`),
};
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${rows.length} figures, ${failures.length} over budget${failed ? ', and the run broke off (see above)' : ''}; JSON in ${out}`);
if ((failures.length > 0 || failed) && !values['no-fail']) process.exit(1);
