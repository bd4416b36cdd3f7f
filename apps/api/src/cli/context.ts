import type { Store } from '@dash/store';

/** Where the CLI writes and what it runs against; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  errIsTTY: boolean;
  /** Directory relative paths are resolved against (npm's INIT_CWD under `npm run data`). */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  io: CliIo;
  /** Opens the configured database, migrated and with the current bundled dataset loaded. */
  openPreparedStore(): Promise<Store>;
}
