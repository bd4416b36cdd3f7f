// Runs deploy/nginx/dashboard.conf unprivileged in a temporary folder, in front of a running
// server: for the nginx test (apps/api/src/nginx.test.ts) and the benchmark (scripts/bench).
// The config is used as shipped but for three addresses: the upstream, the port it listens on
// and its cache folder. Around it, the `http` settings of Debian's stock nginx.conf that matter
// here (sendfile, tcp_nopush), one worker, and every path nginx writes inside the folder.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_CONF = fileURLToPath(new URL('./dashboard.conf', import.meta.url));
/** Debian's nginx, or NGINX_PATH. */
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const nginxInstalled = () => existsSync(NGINX);

export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** dashboard.conf with `from` → `to` for each pair, each `from` found exactly once. */
export function renderDashboardConf(replacements) {
  let text = readFileSync(DASHBOARD_CONF, 'utf8');
  for (const [from, to] of replacements) {
    const n = text.split(from).length - 1;
    if (n !== 1) throw new Error(`${DASHBOARD_CONF}: expected "${from}" once, found it ${n} times`);
    text = text.replace(from, to);
  }
  return text;
}

const listening = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts nginx in the foreground (`nginx -p DIR -c nginx.conf -e error.log -g 'daemon off;'`)
 * with dashboard.conf proxying to `upstream` (`127.0.0.1:PORT`) and `extra` (more `http`-level
 * config, e.g. a server for a static file) added. Resolves once it accepts connections.
 */
export async function startNginx({ upstream, extra = '' }) {
  const dir = mkdtempSync(join(tmpdir(), 'dash-nginx-'));
  // Run as root, nginx's workers run as nobody: they must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  writeFileSync(
    join(dir, 'dashboard.conf'),
    renderDashboardConf([
      ['server 127.0.0.1:8080;', `server ${upstream};`],
      ['listen 80;', `listen 127.0.0.1:${port};`],
      ['/var/cache/nginx/dashboard', join(dir, 'cache')],
    ]),
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `    ${t}_temp_path ${join(dir, `${t}-temp`)};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;\npid ${join(dir, 'nginx.pid')};\nevents { worker_connections 1024; }\n` +
      `http {\n    sendfile on;\n    tcp_nopush on;\n    default_type application/octet-stream;\n    access_log off;\n${temp}\n` +
      `    include ${join(dir, 'dashboard.conf')};\n${extra}\n}\n`,
  );
  let log = '';
  const child = spawn(
    NGINX,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const output = () =>
    `${log}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`;
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const out = output();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    dir,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    /** The worker processes' ids (children of the master). */
    workers: () =>
      readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    output,
    /** SIGQUIT (graceful stop), SIGKILL after 5 s, then removes the folder. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
