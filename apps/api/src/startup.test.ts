import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig, redactUrl } from './config.js';
import { startServer, type RunningServer } from './startup.js';
import { describeDatabaseError } from './startup-errors.js';
import { startSlowRequest } from './testing/server-process.js';

// The compiled server, as `npm start` runs it (the suite runs after `tsc -b`, like the CLI tests).
const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dash-start-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the server with `env` until it exits by itself (or 30 s pass: then it is killed and fails). */
function runServer(env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SERVER], {
      env: { PATH: process.env.PATH, TZ: 'UTC', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** The one line a failed start prints: the message, never a bare stack trace. */
function expectCleanFailure(run: Run, message: RegExp) {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(/^dashboard failed to start: /);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('configuration', () => {
  it('takes the documented defaults', () => {
    expect(readConfig({})).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATABASE_URL: 'data/dashboard.sqlite',
      DATABASE_POOL_SIZE: 10,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'pretty',
      WRITE_RATE_LIMIT_PER_MINUTE: 30,
      TRUST_PROXY: false,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      HTTP_CACHE_MAX_AGE: 10,
      HTTP_CACHE_STALE_WHILE_REVALIDATE: 20,
      RESPONSE_CACHE_MB: 64,
    });
  });

  it('lists every bad variable with its value and what it expects, in one error', () => {
    expect(() =>
      readConfig({ PORT: '80800', LOG_LEVEL: 'loud', DATABASE_POOL_SIZE: 'ten', TRUST_PROXY: 'yes', SHUTDOWN_TIMEOUT_MS: '-1' }),
    ).toThrow(
      [
        'invalid configuration:',
        '  PORT: expected a port number from 0 to 65535 (got "80800")',
        '  DATABASE_POOL_SIZE: expected a number of connections from 1 to 1000 (got "ten")',
        '  LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        '  TRUST_PROXY: expected true or false (got "yes")',
        '  SHUTDOWN_TIMEOUT_MS: expected milliseconds from 0 to 600000 (got "-1")',
      ].join('\n'),
    );
  });

  it('never repeats a database password', () => {
    expect(redactUrl('postgres://dash:s3cret@db:5432/dashboard')).toBe('postgres://dash@db:5432/dashboard');
    expect(redactUrl('data/dashboard.sqlite')).toBe('data/dashboard.sqlite');
    const message = describeDatabaseError(Object.assign(new Error('password authentication failed'), { code: '28P01' }), 'postgres://dash:s3cret@db:5432/dashboard');
    expect(message).toBe('cannot use the PostgreSQL database at db:5432/dashboard (DATABASE_URL): the password was refused');
  });
});

describe('the server refuses to start, saying why', () => {
  it('on a bad configuration, naming each variable', async () => {
    const run = await runServer({ PORT: 'http', LOG_LEVEL: 'loud', DATABASE_URL: join(dir, 'db.sqlite') });
    expectCleanFailure(run, /invalid configuration:\n {2}PORT: expected a port number from 0 to 65535 \(got "http"\)\n {2}LOG_LEVEL: expected one of/);
  });

  it('on a file that is not an SQLite database, naming the file', async () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database; '.repeat(200));
    const run = await runServer({ DATABASE_URL: file });
    expectCleanFailure(run, new RegExp(`cannot use the SQLite database ${file} \\(DATABASE_URL\\): it is not an SQLite database file`));
  });

  it('on a database path that is a directory or lies under a file', async () => {
    mkdirSync(join(dir, 'folder.sqlite'));
    expectCleanFailure(await runServer({ DATABASE_URL: join(dir, 'folder.sqlite') }), /the file cannot be opened \(is it a directory/);
    writeFileSync(join(dir, 'plain'), 'x');
    expectCleanFailure(await runServer({ DATABASE_URL: join(dir, 'plain', 'db.sqlite') }), /its folder cannot be created \(a file is in the way\)/);
  });

  it('on a PostgreSQL server that is not there, without printing the password', async () => {
    const run = await runServer({ DATABASE_URL: 'postgres://dash:s3cret@127.0.0.1:1/dashboard' });
    expectCleanFailure(run, /cannot use the PostgreSQL database at 127\.0\.0\.1:1\/dashboard \(DATABASE_URL\): connection refused/);
    expect(run.stderr).not.toContain('s3cret');
  });

  it('on a port another program holds', async () => {
    const other = createServer();
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    const port = (other.address() as { port: number }).port;
    try {
      const run = await runServer({ PORT: String(port), DATABASE_URL: join(dir, 'db.sqlite') });
      expectCleanFailure(run, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use by another program; stop it or set PORT`));
    } finally {
      other.close();
    }
  });
});

const canConnect = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });

describe('graceful shutdown', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async (env: Record<string, string> = {}) => {
    const config = readConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: join(dir, 'db.sqlite'), ...env });
    server = await startServer(config, () => undefined);
    return Number(new URL(server.address).port);
  };

  it('finishes a request in flight, refuses new connections meanwhile, then closes', async () => {
    const port = await start();
    const body = JSON.stringify({ vendor: 'Alibaba Cloud' });
    const { socket, response } = await startSlowRequest(port, { body });
    await new Promise((r) => setTimeout(r, 100));
    const closed = server!.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(await canConnect(port)).toBe(false);
    socket.write(body.slice(5));
    const answer = await response;
    // The request ran to the end: a complete HTTP answer (401: it carried no token).
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain('"code":"unauthorized"');
    expect(await closed).toBe('closed');
  });

  it('cuts off what is still in flight after SHUTDOWN_TIMEOUT_MS', async () => {
    const port = await start({ SHUTDOWN_TIMEOUT_MS: '300' });
    const { response } = await startSlowRequest(port, { body: JSON.stringify({ vendor: 'never sent in full' }) });
    await new Promise((r) => setTimeout(r, 100));
    expect(await server!.close()).toBe('forced');
    expect(await response).toBe('');
  });

  it('does not wait for idle keep-alive connections', async () => {
    const port = await start({ SHUTDOWN_TIMEOUT_MS: '20000' });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((ok) => socket.once('connect', ok));
    const first = new Promise<string>((done) => socket.once('data', (d: Buffer) => done(d.toString())));
    socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    expect(await first).toMatch(/^HTTP\/1\.1 200 /);
    const started = Date.now();
    expect(await server!.close()).toBe('closed');
    // Not asserting a time, only that it did not take the 20 s timeout to get here.
    expect(Date.now() - started).toBeLessThan(15_000);
    socket.destroy();
  });

  it('on SIGTERM the server process finishes the request in flight and exits 0', async () => {
    const child = spawn(process.execPath, [SERVER], {
      env: { PATH: process.env.PATH, TZ: 'UTC', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: join(dir, 'db.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const port = await new Promise<number>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /dashboard: http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
        if (m) done(Number(m[1]));
      });
      child.on('exit', () => fail(new Error(`server exited before listening:\n${stdout}`)));
    });
    const body = JSON.stringify({ vendor: 'Alibaba Cloud' });
    const { socket, response } = await startSlowRequest(port, { body });
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    socket.write(body.slice(5));
    expect(await response).toMatch(/^HTTP\/1\.1 401 /);
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM: closing (finishing requests in flight');
  });
});
