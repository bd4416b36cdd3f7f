// The `nginx` group of `npm run bench` (index.mjs): repeat reads through deploy/nginx/dashboard.conf
// (answered from nginx's cache) against the same nginx serving a static file of the same bytes.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NGINX, nginxInstalled, startNginx } from '../../deploy/nginx/local.mjs';
import { BROWSER_ACCEPT_ENCODING, CSV_ENDPOINTS, JSON_ENDPOINTS } from './api.mjs';
import { cannon, cpuOf, rawGet } from './lib.mjs';

/**
 * For each endpoint, in rounds of 1 s: the static file, then the endpoint through the cache
 * (every answer a HIT after the warm-up). Server CPU is nginx's (master and worker, from /proc),
 * summed over the rounds; the budget is its throughput through the cache ≥ 0.9 × the static
 * file's. `server` is a running dashboard.
 */
export async function benchNginx({ server, opts, add, check, fmt }) {
  if (!nginxInstalled()) {
    add({
      group: 'nginx',
      name: 'repeat reads through deploy/nginx',
      value: 'not measured',
      unit: '',
      ok: false,
      note: `no nginx at ${NGINX} (apt-get install -y nginx)`,
    });
    return;
  }
  const paths = [...JSON_ENDPOINTS, ...CSV_ENDPOINTS];
  const headers = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };
  const root = mkdtempSync(join(tmpdir(), 'dash-bench-static-'));
  chmodSync(root, 0o755);
  // The static twins: the app's exact bytes, content type and encoding, one location each.
  const locations = [];
  for (const [i, path] of paths.entries()) {
    const answer = await rawGet(server.base + path, headers);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status}`);
    writeFileSync(join(root, `c${i}`), answer.body);
    const encoding = answer.headers['content-encoding'];
    locations.push(
      `location = /c${i} { default_type "${answer.headers['content-type']}";${encoding ? ` add_header Content-Encoding ${encoding};` : ''} }`,
    );
  }
  const staticPort = await freePort();
  const nginx = await startNginx({
    upstream: server.base.replace('http://', ''),
    extra: `    server {\n        listen 127.0.0.1:${staticPort};\n        root ${root};\n        ${locations.join('\n        ')}\n    }`,
  });
  const cpu = () => [nginx.pid, ...nginx.workers()].reduce((sum, pid) => sum + (cpuOf(pid) ?? 0), 0);
  const run = async (url) => {
    const before = cpu();
    const r = await cannon(url, { connections: opts.connections, duration: 1, headers });
    return { ...r, cpuMs: cpu() - before };
  };
  console.error(
    `nginx: ${opts.duration} rounds of 1 s per endpoint, each right after 1 s of the static file, ${opts.connections} connections`,
  );
  try {
    for (const [i, path] of paths.entries()) {
      for (let w = 0; w < 2; w++) await rawGet(nginx.origin + path, headers); // the second is a HIT
      const hit = await rawGet(nginx.origin + path, headers);
      if (hit.headers['x-cache-status'] !== 'HIT')
        throw new Error(`GET ${path} through nginx: X-Cache-Status ${hit.headers['x-cache-status']}, expected HIT`);
      const totals = { proxied: { n: 0, ms: 0, rps: 0 }, file: { n: 0, ms: 0, rps: 0 }, bad: 0 };
      for (let r = 0; r < opts.duration; r++) {
        for (const [what, url] of [
          ['file', `http://127.0.0.1:${staticPort}/c${i}`],
          ['proxied', nginx.origin + path],
        ]) {
          const m = await run(url);
          totals[what].n += m.total;
          totals[what].ms += m.cpuMs;
          totals[what].rps += m.rps / opts.duration;
          totals.bad += m.bad + m.errors;
        }
      }
      const us = (t) => (t.ms * 1000) / Math.max(1, t.n);
      const ratio = us(totals.file) / us(totals.proxied);
      const budget = { min: 0.9 };
      add({
        group: 'nginx',
        name: `GET ${path} through nginx (HIT)`,
        value: Math.round(ratio * 100) / 100,
        unit: '× static file (same bytes, nginx CPU)',
        budget,
        ok: totals.bad > 0 ? false : check(ratio, budget),
        note:
          `nginx CPU ${fmt(us(totals.proxied))} µs/req vs ${fmt(us(totals.file))} for the file of the same ${hit.body.length} B; ` +
          `req/s ${fmt(totals.proxied.rps)} vs ${fmt(totals.file.rps)}${totals.bad ? `; ${totals.bad} non-2xx or errors` : ''}`,
        detail: { path, bytes: hit.body.length, ...totals },
      });
    }
  } finally {
    await nginx.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
