import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  type Transaction,
} from 'kysely';
import type { Database } from './schema.js';

/** How long a writer waits for another process's write lock before giving up with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True for SQLite's "database is locked" (another connection holds the write lock). */
export const isSqliteBusy = (err: unknown) => (err as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * SQLite for a process that serves requests while other processes write. Transactions begin
 * IMMEDIATE, taking the write lock before their first read, and without waiting: when another
 * process (an import) holds the lock, `begin` fails at once with SQLITE_BUSY instead of sleeping
 * in better-sqlite3's busy handler, which blocks the whole thread (every request of the server
 * stood still, 3 s while a 20,000-row import committed). {@link writeTransaction} then waits
 * asynchronously and tries again.
 */
export class NonBlockingSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;

  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    const database = this.#database;
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        database.pragma('busy_timeout = 0');
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        } finally {
          database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        }
      }
    })({ database });
  }
}

/**
 * Runs `fn` in a write transaction. On SQLite (see {@link NonBlockingSqliteDialect}), while
 * another process holds the write lock, waits for it without blocking the event loop, trying again
 * every few milliseconds for up to {@link SQLITE_BUSY_TIMEOUT_MS}, then throws that SQLITE_BUSY
 * (the API answers 503 with Retry-After). Only a `begin` that failed is retried: once `fn` has
 * started, its errors are the caller's. On PostgreSQL a plain transaction: the write lock row
 * (`lockForWrite`) queues writers in the server.
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const until = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    let started = false;
    try {
      return await db.transaction().execute((trx) => {
        started = true;
        return fn(trx);
      });
    } catch (err) {
      if (started || !isSqliteBusy(err) || Date.now() >= until) throw err;
    }
    await sleep(pause);
  }
}
