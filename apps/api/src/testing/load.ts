import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { residentBytes, type ServerProcess } from './server-process.js';

/** The part of autocannon 9's programmatic API the load tests use (it ships no types). */
export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void;
}
interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
export interface LoadResult {
  requests: Histogram & { total: number; sent: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  duration: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
  timeout?: number;
}) => Promise<LoadResult>;

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** One memory reading: seconds since sampling started, resident set size in bytes. */
export interface RssSample {
  at: number;
  rss: number;
}

/** Reads `pid`'s RSS every `everyMs` until `stop()`, which returns the samples. */
export function sampleRss(pid: number, everyMs = 1000): { stop(): RssSample[] } {
  const started = Date.now();
  const samples: RssSample[] = [{ at: 0, rss: residentBytes(pid) }];
  const timer = setInterval(() => {
    try {
      samples.push({ at: (Date.now() - started) / 1000, rss: residentBytes(pid) });
    } catch {
      // The process is gone: the test fails on its own account.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

const MB = 1024 * 1024;
export const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** Node options that load the memory probe into the server: `spawnServer(env, { nodeArgs: MEMORY_PROBE_ARGS })`. */
export const MEMORY_PROBE_ARGS = [
  '--expose-gc',
  '--import',
  fileURLToPath(new URL('./memory-probe.mjs', import.meta.url)),
];

/** What the server holds after a full garbage collection (bytes), at `at` seconds. */
export interface Retained {
  at: number;
  rss: number;
  heapUsed: number;
}

/**
 * Asks the server (spawned with {@link MEMORY_PROBE_ARGS}) to collect its garbage and report the
 * memory it still uses: the level a leak raises and the collector's sawtooth does not.
 */
export function probeMemory(server: ServerProcess, at: number): Promise<Retained> {
  const stderr = server.child.stderr!;
  return new Promise((done, fail) => {
    let buffered = '';
    const timer = setTimeout(() => {
      stderr.off('data', onData);
      fail(new Error('the memory probe did not answer within 10 s'));
    }, 10_000);
    const onData = (d: Buffer) => {
      buffered += d.toString();
      const m = /^memory-probe (\{.*\})$/m.exec(buffered);
      if (!m) return;
      clearTimeout(timer);
      stderr.off('data', onData);
      const { rss, heapUsed } = JSON.parse(m[1]!) as { rss: number; heapUsed: number };
      done({ at, rss, heapUsed });
    };
    stderr.on('data', onData);
    server.child.kill('SIGUSR2');
  });
}
