// Builds the web app (Vite) only when its inputs changed since the last build: `npm run build`,
// `npm start` and `npm test` run it after `tsc -b`. `--force` builds anyway.
//
// The inputs: everything under apps/web (sources, index.html, vite.config.ts, package.json, …), the
// built workspace packages it imports (their package.json and dist/), and package-lock.json (the
// versions of Vite, React, …). Their SHA-256 is the stamp apps/web/dist.inputs.sha256, written after
// a build. The build goes to a fresh folder (apps/web/dist.next) that is renamed into place when it
// succeeds: a failed or interrupted build leaves the previous dist/ as it was, and a server running
// meanwhile keeps serving it. (A running server still needs a restart after a rebuild: it routes the
// files it found at start-up, plugins/web.ts.)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'apps/web');
const DIST = join(WEB, 'dist');
const NEXT = join(WEB, 'dist.next');
const OLD = join(WEB, 'dist.old');
const STAMP = join(WEB, 'dist.inputs.sha256');
const NOT_INPUTS = new Set(['node_modules', 'dist', 'dist.next', 'dist.old', 'dist.inputs.sha256']);

/** Every file under `dir`, skipping NOT_INPUTS, in a stable order. */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !NOT_INPUTS.has(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The workspace packages apps/web depends on (`@dash/domain` → packages/domain). */
function workspaceDeps() {
  const { dependencies = {} } = JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8'));
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return workspaces
    .map((w) => join(ROOT, w))
    .filter((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name in dependencies);
}

function inputsHash() {
  const files = [
    ...filesUnder(WEB),
    ...workspaceDeps().flatMap((dir) => [join(dir, 'package.json'), ...filesUnder(join(dir, 'dist'))]),
    join(ROOT, 'package-lock.json'),
  ];
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${relative(ROOT, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

const started = performance.now();
const inputs = inputsHash();
const built =
  existsSync(join(DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === inputs;
if (built && !process.argv.includes('--force')) {
  console.log(`web app up to date (inputs unchanged, checked in ${Math.round(performance.now() - started)} ms)`);
  process.exit(0);
}

const { build } = await import('vite');
rmSync(NEXT, { recursive: true, force: true });
try {
  await build({ root: WEB, build: { outDir: NEXT } });
} catch (err) {
  rmSync(NEXT, { recursive: true, force: true });
  console.error(
    `web build failed; ${existsSync(DIST) ? 'the previous build in apps/web/dist is kept' : 'nothing was built'}`,
  );
  throw err;
}
rmSync(OLD, { recursive: true, force: true });
if (existsSync(DIST)) renameSync(DIST, OLD);
renameSync(NEXT, DIST);
rmSync(OLD, { recursive: true, force: true });
writeFileSync(STAMP, `${inputs}\n`);
