import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The compiled server and data CLI, as `npm start` and `npm run data` run them (tests run after `tsc -b`). */
export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
export const CLI_JS = fileURLToPath(new URL('../../dist/cli/data.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`); resolves the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Spawns the built server on a free loopback port (PORT=0) with `env` added to a minimal
 * environment (and `nodeArgs` before the script), and resolves once it listens. Rejects, with what it printed, if it exits first.
 */
export async function spawnServer(
  env: Record<string, string>,
  options: { nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS], {
    env: { PATH: process.env.PATH, TZ: 'UTC', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const onData = () => {
      const m = /dashboard: http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        done(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    void exited.then((code) => fail(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  return {
    child,
    pid: child.pid!,
    port,
    origin: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs the built data CLI with `args` to the end; resolves its exit code and output. */
export function runCliProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], {
      env: { PATH: process.env.PATH, TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Creates a `shares:write` token with the data CLI and returns its secret. */
export async function createTokenWithCli(env: Record<string, string>, name: string): Promise<string> {
  const run = await runCliProcess(['token', 'create', '--name', name, '--by', 'test'], env);
  const secret = /^\s{2}(\S+)\s*$/m.exec(run.stdout)?.[1];
  if (run.code !== 0 || !secret) throw new Error(`token create failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  return secret;
}

/** A process's resident set size in bytes (Linux: /proc/PID/status VmRSS). */
export function residentBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

/**
 * Sends a POST /api/v1/shares whose body stops after `sentFirst` characters (the rest comes with
 * `socket.write` later, or never): a request in flight. `response` is everything the server
 * answered, once it closes the connection.
 */
export async function startSlowRequest(
  port: number,
  { body, sentFirst = 5, token }: { body: string; sentFirst?: number; token?: string },
): Promise<{ socket: Socket; response: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((ok) => socket.once('connect', ok));
  let received = '';
  const response = new Promise<string>((done) => {
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('close', () => done(received));
    socket.on('error', () => done(received));
  });
  socket.write(
    `POST /api/v1/shares HTTP/1.1\r\nHost: 127.0.0.1\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
  );
  socket.write(body.slice(0, sentFirst));
  return { socket, response };
}
