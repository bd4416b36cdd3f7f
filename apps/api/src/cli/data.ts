#!/usr/bin/env node
import { runCli } from './program.js';

// `npm run data -- <command>`: npm runs scripts from the repository root and says in INIT_CWD
// where it was called from, so relative file names mean what the user typed.
const status = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTTY: process.stderr.isTTY === true,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
});
process.exitCode = status;
