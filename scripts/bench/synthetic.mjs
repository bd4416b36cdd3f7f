// A synthetic share file for the benchmark: N rows in the import format (the columns of the
// bundled market-shares.csv), written to a temporary file and imported into the benchmark's own
// temporary database, never into the bundled dataset. Every row is plainly synthetic: publishers
// "SYNTHETIC BENCHMARK PUBLISHER n", URLs under https://synthetic.invalid/, quotes saying so, and
// periods from 1990Q1 to 2100Q4. Markets and vendors are the bundled ones (rows are validated
// against the database's reference data), one figure per vendor of a market, period and
// publisher, each well under 100/(vendors) so no set sums past 100%.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ROOT } from './lib.mjs';

const DATA = join(ROOT, 'packages/dataset/data');

/** (market text, region, metric, vendor, parent, market id, vendor id) of every single-vendor subject of a vendor-level market. */
function subjects() {
  const markets = JSON.parse(readFileSync(join(DATA, 'markets.json'), 'utf8'));
  const { vendors } = JSON.parse(readFileSync(join(DATA, 'vendors.json'), 'utf8'));
  const vendorByName = new Map();
  for (const v of vendors) for (const n of [v.id, v.name, ...(v.aliases ?? [])]) vendorByName.set(n.toLowerCase(), v);
  const rows = parse(readFileSync(join(DATA, 'market-shares.csv'), 'utf8'), { columns: true });
  const seen = new Map();
  for (const r of rows) {
    const market = markets.find((m) => m.subjectLevel === 'vendor' && m.sourceNames.some((s) => s.market === r.market && s.metric === r.metric));
    const vendor = vendorByName.get(r.vendor.toLowerCase());
    if (!market || !vendor) continue; // model-family markets, combined figures
    const key = `${market.id}|${vendor.id}`;
    if (!seen.has(key)) seen.set(key, { market: r.market, region: r.region, metric: r.metric, vendor: r.vendor, parent: r.parent_company, marketId: market.id, vendorId: vendor.id });
  }
  return [...seen.values()];
}

const PERIODS = [];
for (let y = 1990; y <= 2100; y++) {
  for (let q = 1; q <= 4; q++) {
    const end = ['03-31', '06-30', '09-30', '12-31'][q - 1];
    PERIODS.push({ label: `${y}Q${q}`, year: y, start: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `${y}-${end}` });
  }
}

export const HEADER = ['vendor', 'parent_company', 'market', 'region', 'period', 'period_start', 'period_end', 'metric', 'value_percent', 'publisher', 'report_title', 'published_date', 'url', 'quote', 'source_quality'];

/**
 * Writes `rows` synthetic share rows as CSV files of at most `perFile` rows each, named by
 * `fileFor(index)` (0, 1, …); every row is a different figure. Resolves with the files and what
 * was written.
 */
export async function writeSyntheticShares(fileFor, rows, perFile = rows) {
  const subs = subjects();
  const byMarket = new Map();
  for (const s of subs) byMarket.set(s.marketId, [...(byMarket.get(s.marketId) ?? []), s]);
  const files = [];
  let out;
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const close = async () => {
    if (!out) return;
    out.end();
    await once(out, 'finish');
    out = undefined;
  };
  let written = 0;
  let bytes = 0;
  let batch = [];
  const flush = async () => {
    if (batch.length === 0) return;
    if (!out) {
      files.push(fileFor(files.length));
      out = createWriteStream(files.at(-1));
      await write(stringify([HEADER], { record_delimiter: '\r\n' }));
    }
    const text = stringify(batch, { record_delimiter: '\r\n' });
    bytes += Buffer.byteLength(text);
    await write(text);
    batch = [];
    if (written % perFile === 0) await close();
  };
  outer: for (let p = 1; ; p++) {
    const publisher = `SYNTHETIC BENCHMARK PUBLISHER ${p}`;
    for (const period of PERIODS) {
      const title = `Synthetic benchmark report ${p} for ${period.year} (not real data)`;
      const url = `https://synthetic.invalid/bench/publisher-${p}/${period.year}`;
      for (const list of byMarket.values()) {
        const value = (Math.floor(1000 / list.length) / 10 - 0.1).toFixed(1);
        for (const s of list) {
          batch.push([s.vendor, s.parent, s.market, s.region, period.label, period.start, period.end, s.metric, value, publisher, title, `${period.year + 1}-01-15`, url, `SYNTHETIC benchmark row ${written + 1}; not a real figure.`, 'secondary']);
          written++;
          if (batch.length === 5000 || written % perFile === 0) await flush();
          if (written === rows) break outer;
        }
      }
    }
  }
  await flush();
  await close();
  return { files, rows: written, bytes };
}
