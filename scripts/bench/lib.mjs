// Helpers of the benchmark (scripts/bench/index.mjs): free ports, the built server and the bare
// Fastify baseline as child processes, their memory from /proc, autocannon runs.
import { get as httpGet } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER = join(ROOT, 'apps/api/dist/server.js');
export const DATA_CLI = join(ROOT, 'apps/api/dist/cli/data.js');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const freePort = () =>
  new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });

/** Resident memory of a process in bytes (VmRSS in /proc/PID/status), or null once it is gone. */
export function rssOf(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; `stop()` gives the samples' peak. */
export function sampleRss(pid, everyMs = 50) {
  let peak = rssOf(pid) ?? 0;
  let samples = 1;
  const timer = setInterval(() => {
    const v = rssOf(pid);
    if (v !== null) {
      samples++;
      if (v > peak) peak = v;
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const v = rssOf(pid);
      if (v !== null && v > peak) peak = v;
      return { peak, samples };
    },
  };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Spawns a Node script as a child process that listens on a free loopback port and waits until
 * `readyPath` answers 200. Resolves with the base URL, the pid, the milliseconds from spawn to
 * that first 200, and `stop()` (SIGTERM, then SIGKILL after 15 s).
 */
export async function spawnListening(script, { env = {}, args = [], readyPath = '/api/v1/health', timeoutMs = 120_000 } = {}) {
  const port = await freePort();
  let log = '';
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((r) => child.once('exit', r));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(base + readyPath);
      await res.arrayBuffer();
      if (res.ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not answer within ${timeoutMs} ms:\n${log}`);
    }
    await sleep(5);
  }
  return {
    base,
    pid: child.pid,
    readyMs,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** The built dashboard server over a SQLite file. */
export const startDashboard = (databaseFile, opts = {}) =>
  spawnListening(SERVER, { ...opts, env: { DATABASE_URL: databaseFile, ...(opts.env ?? {}) } });

/**
 * The built dashboard server over a fresh SQLite file in a temporary folder (the bundled dataset
 * loads on start), which `stop()` removes: what the web benchmark and Lighthouse measure.
 */
export async function startBuiltServer(prefix = 'dash-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const server = await startDashboard(join(dir, 'dashboard.sqlite'));
    return {
      ...server,
      async stop() {
        await server.stop();
        remove();
      },
    };
  } catch (err) {
    remove();
    throw err;
  }
}

/** A bare Fastify server with one route returning a constant JSON: the throughput baseline. */
export const startBare = () => spawnListening(join(ROOT, 'scripts/bench/bare-server.mjs'), { readyPath: '/bare' });

/**
 * Runs autocannon against one URL: requests/s (mean), latency p50/p99 (ms), non-2xx answers
 * (304 counts as an answer, not an error, when `expect304`), errors and timeouts.
 */
export async function cannon(url, { connections, duration, headers }) {
  const r = await autocannon({ url, connections, duration, headers, pipelining: 1 });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytesPerSec: r.throughput.average,
    ok: r['2xx'],
    notModified: r['3xx'],
    bad: r.non2xx - r['3xx'],
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

/**
 * CPU time a process has used so far (user + system, from /proc/PID/stat), in milliseconds, or
 * null once it is gone. Clock ticks are 1/100 s on Linux.
 */
export function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * GET `url` with `headers` and return the answer as it travelled: status, headers and the body's
 * bytes still encoded (fetch would decompress them).
 */
export function rawGet(url, headers = {}) {
  return new Promise((resolveGet, reject) => {
    const req = httpGet(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolveGet({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
