import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });

let server: ChildProcess | undefined;
let dir: string | undefined;

/**
 * Starts the real, built server (the one `npm start` runs) on a free loopback port over a fresh
 * SQLite file, and hands its URL to the tests. Refuses loudly when Chromium or the build is missing.
 */
export async function setup(project: TestProject) {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(
      `end-to-end tests need Chromium at ${CHROME_PATH} (set CHROME_PATH, or install it: apt-get install -y chromium)`,
    );
  }
  for (const built of ['apps/api/dist/server.js', 'apps/web/dist/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`end-to-end tests need the build: ${built} is missing (npm run build)`);
  }
  dir = mkdtempSync(join(tmpdir(), 'dash-e2e-'));
  const port = await freePort();
  let log = '';
  server = spawn(process.execPath, [join(ROOT, 'apps/api/dist/server.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: join(dir, 'e2e.sqlite'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer within 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  project.provide('baseUrl', baseUrl);
}

export async function teardown() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}
