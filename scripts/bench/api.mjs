// The `api` group of `npm run bench` (index.mjs): the dashboard's reads against a bare Fastify
// route sending the same bytes (bare-server.mjs), and the same reads from an instance without the
// in-process answer cache (RESPONSE_CACHE_MB=0), measured in the same run.
import { cannon, cpuOf, median, rawGet, startBare } from './lib.mjs';

export const JSON_ENDPOINTS = [
  '/api/v1/shares?market=china-cloud-infra',
  '/api/v1/markets',
  '/api/v1/compare?vendors=alibaba,bytedance',
  '/api/v1/prices?currency=USD',
  '/api/v1/cost-estimate?inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000',
];
export const CSV_ENDPOINTS = ['/api/v1/shares.csv?market=china-cloud-infra', '/api/v1/prices.csv?currency=USD'];

/** What Chromium sends: the API is measured as the dashboard's pages fetch it. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/**
 * `server` and `uncached` are running dashboards (the second with RESPONSE_CACHE_MB=0); `add`
 * records a row of the results; `opts` has `duration` (rounds of 1 s) and `connections`.
 */
export async function benchApi({ server, uncached, opts, add, check, fmt }) {
  const rounds = opts.duration;
  console.error(`api: ${rounds} rounds of 1 s per endpoint, each right after 1 s of the bare route, ${opts.connections} connections`);
  const bare = await startBare();
  try {
    /** One second of autocannon, and the server's CPU time per request (µs) meanwhile. */
    const once = async (url, headers, pid) => {
      const before = cpuOf(pid);
      const r = await cannon(url, { connections: opts.connections, duration: 1, headers });
      return { ...r, cpuUs: ((cpuOf(pid) - before) * 1000) / Math.max(1, r.total) };
    };
    /**
     * Round by round (1 s each): the bare constant route, `url`, and (with `same`) the bare route
     * returning the same bytes as `url`; the ratios are the medians of the rounds': client-observed
     * req/s, and server throughput (requests per server CPU-second).
     */
    const interleaved = async (target, url, headers, same) => {
      const runs = [];
      for (let i = 0; i < rounds; i++) {
        const b = await once(`${bare.base}/bare`, undefined, bare.pid);
        const r = await once(url, headers, target.pid);
        const s = same ? await once(`${bare.base}/same/${same}`, undefined, bare.pid) : undefined;
        runs.push({ b, r, s, ratio: r.rps / b.rps, cpuRatio: b.cpuUs / r.cpuUs, sameRatio: s ? r.rps / s.rps : NaN, sameCpuRatio: s ? s.cpuUs / r.cpuUs : NaN });
      }
      const sum = (f) => runs.reduce((a, x) => a + f(x), 0);
      return {
        ratio: median(runs.map((x) => x.ratio)),
        cpuRatio: median(runs.map((x) => x.cpuRatio)),
        sameRatio: median(runs.map((x) => x.sameRatio)),
        sameCpuRatio: median(runs.map((x) => x.sameCpuRatio)),
        cpuUs: median(runs.map((x) => x.r.cpuUs)),
        bareCpuUs: median(runs.map((x) => x.b.cpuUs)),
        sameCpuUs: same ? median(runs.map((x) => x.s.cpuUs)) : NaN,
        rps: median(runs.map((x) => x.r.rps)),
        bareRps: median(runs.map((x) => x.b.rps)),
        sameRps: same ? median(runs.map((x) => x.s.rps)) : NaN,
        p50: median(runs.map((x) => x.r.p50)),
        p99: Math.max(...runs.map((x) => x.r.p99)),
        bad: sum((x) => x.r.bad) + (same ? sum((x) => x.s.bad + x.s.errors) : 0),
        errors: sum((x) => x.r.errors),
        notModified: sum((x) => x.r.notModified),
        total: sum((x) => x.r.total),
        rounds: runs.map((x) => ({
          rps: x.r.rps, bareRps: x.b.rps, sameRps: x.s?.rps, ratio: x.ratio, sameRatio: x.sameRatio,
          cpuUs: x.r.cpuUs, bareCpuUs: x.b.cpuUs, sameCpuUs: x.s?.cpuUs, cpuRatio: x.cpuRatio, sameCpuRatio: x.sameCpuRatio,
        })),
      };
    };
    /** Gives the bare server the exact answer `path` sends for `headers` (bytes, type, encoding). */
    let constants = 0;
    const mirror = async (path, headers) => {
      const answer = await rawGet(server.base + path, headers);
      if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status}`);
      const name = `c${++constants}`;
      const put = await fetch(`${bare.base}/same/${name}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          'x-constant-type': answer.headers['content-type'] ?? 'application/octet-stream',
          ...(answer.headers['content-encoding'] ? { 'x-constant-encoding': answer.headers['content-encoding'] } : {}),
        },
        body: answer.body,
      });
      if (put.status !== 204) throw new Error(`bare server refused the constant for ${path}: ${put.status}`);
      return { name, bytes: answer.body.length, encoding: answer.headers['content-encoding'] ?? 'identity' };
    };
    for (const path of [...JSON_ENDPOINTS, ...CSV_ENDPOINTS]) {
      const res = await fetch(server.base + path); // warm: the first answer fills the cache
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const bareRuns = [];
    const measure = async (path, { json, headers, label, target = server }) => {
      const same = await mirror(path, headers);
      const m = await interleaved(target, target.base + path, headers, same.name);
      bareRuns.push(m.bareRps);
      const failures = m.bad + m.errors;
      // The budget: server throughput (requests per server CPU-second, from /proc) against a bare
      // Fastify route returning the same answer as a constant (same bytes, type and encoding),
      // measured in the same rounds. Client req/s is printed beside it but not budgeted: on two
      // cores autocannon competes with the server, so req/s swings with whichever is the
      // bottleneck (and against the small constant it mostly measures moving a 5-40x bigger body
      // through the kernel and the load generator).
      const budget = json ? { min: 0.6 } : undefined;
      add({
        group: 'api',
        name: label,
        value: Math.round(m.sameCpuRatio * 100) / 100,
        unit: '× bare (same bytes, server CPU)',
        budget,
        ok: failures > 0 ? false : json ? check(m.sameCpuRatio, budget) : undefined,
        note:
          `server CPU ${fmt(m.cpuUs)} µs/req vs ${fmt(m.sameCpuUs)} for the bare route sending the same ${same.bytes} B (${same.encoding}); ` +
          `req/s ${fmt(m.rps)} vs ${fmt(m.sameRps)} (${fmt(m.sameRatio)} ×); ` +
          `against the small constant: req/s ${fmt(m.ratio)} ×, server CPU ${fmt(m.cpuRatio)} × (${fmt(m.bareCpuUs)} µs); ` +
          `p50 ${m.p50} ms, p99 ${m.p99} ms${failures ? `; ${m.bad} non-2xx, ${m.errors} errors` : ''}`,
        detail: { path, headers, bytes: same.bytes, encoding: same.encoding, ...m },
      });
    };
    const browser = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };
    for (const path of JSON_ENDPOINTS) await measure(path, { json: true, headers: browser, label: `GET ${path}` });
    for (const path of CSV_ENDPOINTS) await measure(path, { json: false, headers: browser, label: `GET ${path}` });
    const first = await fetch(server.base + JSON_ENDPOINTS[0]);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    if (!etag) throw new Error(`GET ${JSON_ENDPOINTS[0]} has no ETag`);
    const m = await interleaved(server, server.base + JSON_ENDPOINTS[0], { ...browser, 'if-none-match': etag });
    add({
      group: 'api',
      name: `GET ${JSON_ENDPOINTS[0]}, If-None-Match → 304`,
      value: Math.round(m.ratio * 100) / 100,
      unit: '× bare',
      ok: m.notModified === m.total && m.errors === 0 ? undefined : false,
      note: `empty 304 vs the small constant: ${fmt(m.rps)} vs ${fmt(m.bareRps)} req/s; server CPU ${fmt(m.cpuUs)} µs/req vs ${fmt(m.bareCpuUs)} (${fmt(m.cpuRatio)} ×); ${m.notModified} of ${m.total} answered 304`,
      detail: m,
    });
    // Without Accept-Encoding the bodies travel whole (7-77 KB): informative, not budgeted.
    for (const path of JSON_ENDPOINTS) await measure(path, { json: false, headers: undefined, label: `GET ${path} (no compression)` });
    // What the answer cache is worth: the same reads computed on every request.
    for (const path of JSON_ENDPOINTS) await measure(path, { json: false, headers: browser, label: `GET ${path} (no answer cache)`, target: uncached });
    add({ group: 'api', name: 'bare Fastify route (median of the rounds)', value: median(bareRuns), unit: 'req/s', note: 'GET /bare → constant JSON, same Node, own process' });
  } finally {
    await bare.stop();
  }
}
