import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import * as initial from './migrations/0001-initial.js';
import * as pricing from './migrations/0002-pricing.js';
import * as opennessAndSizes from './migrations/0003-openness-and-sizes.js';
import * as events from './migrations/0004-events.js';
import * as revisions from './migrations/0005-revisions.js';
import * as recordRevisions from './migrations/0006-record-revisions.js';
import * as revisionsMarketPeriod from './migrations/0007-revisions-market-period.js';
import * as wideIds from './migrations/0008-wide-ids.js';
import * as oneRevisionsTable from './migrations/0009-revisions.js';
import { DATA_REVISION_KEY, getDataRevision } from './data-revision.js';
import { NonBlockingSqliteDialect } from './sqlite-writes.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
  /**
   * The data revision: a token every committed write changes (imports, the write API, bundled
   * loads, from this process or any other), so answers cached under it are never stale. On
   * SQLite a synchronous read of one row; on PostgreSQL one primary-key lookup.
   */
  dataRevision(): string | Promise<string>;
  /**
   * A connection for one long read (a streamed export), so it never holds the connection other
   * requests use: a read-only SQLite connection of its own (WAL lets it read while others
   * write), or the PostgreSQL pool. Close it when the read ends.
   */
  openReader(): Reader;
}

/** A connection for one long read: see {@link Store.openReader}. */
export interface Reader {
  db: Kysely<Database>;
  /**
   * The rows of `query` (a select built on this reader's `db`), typed as it selects them, `size`
   * at a time. It reads only as fast as the caller asks (Kysely's `stream()`: a SQLite statement
   * stepped on this reader's own connection, a pg-cursor on a pooled connection held until the
   * loop ends). Ending the loop early (`return()`, a thrown error) closes the statement or cursor
   * and gives the connection back.
   */
  batches<O>(query: Streamable<O>, size: number): AsyncGenerator<O[], void, undefined>;
  close(): Promise<void>;
}

/** What {@link Reader.batches} reads: any Kysely select. */
export interface Streamable<O> {
  stream(chunkSize?: number): AsyncIterableIterator<O>;
  execute(): Promise<O[]>;
}

async function* streamed<O>(query: Streamable<O>, size: number) {
  let batch: O[] = [];
  for await (const row of query.stream(size)) {
    if (batch.push(row) < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}

/** True for `postgres://…` and `postgresql://…` URLs; anything else is a SQLite file path. */
export const isPostgresUrl = (url: string) => /^postgres(?:ql)?:\/\//i.test(url);

/**
 * Opens the database named by `url`: a PostgreSQL connection URL, or a SQLite file path (created
 * with its folder if missing; `:memory:` for a private in-memory database). SQLite runs in WAL
 * mode with foreign keys on and a busy timeout, so concurrent readers never see a half-written
 * import. `poolSize` caps PostgreSQL connections (default 10). Does not migrate; call
 * {@link migrate} next.
 */
export function openStore(url: string, options: { poolSize?: number } = {}): Store {
  if (isPostgresUrl(url)) {
    // Connections per process; plan the server's max_connections as instances × poolSize.
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    return {
      db,
      dialect: 'postgres',
      close: () => db.destroy(),
      dataRevision: async () => (await getDataRevision(db)) ?? '',
      openReader: () => ({ db, batches: streamed, close: async () => undefined }),
    };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new NonBlockingSqliteDialect(sqlite) });
  let revisionStatement: SQLite.Statement | undefined;
  const readRevision = (): string | Promise<string> => {
    try {
      revisionStatement ??= sqlite.prepare(`select value from dataset_meta where key = '${DATA_REVISION_KEY}'`).pluck();
      return (revisionStatement.get() as string | undefined) ?? '';
    } catch {
      // Before the first migration, or while this connection is busy iterating: ask through Kysely.
      return getDataRevision(db).then((v) => v ?? '', () => '');
    }
  };
  return {
    db,
    dialect: 'sqlite',
    close: () => db.destroy(),
    dataRevision: readRevision,
    openReader: () => {
      if (url === ':memory:') {
        // A private in-memory database has no second connection; a statement left open between
        // batches would make its one connection busy for every other query, so read it whole (it
        // is in memory already).
        return {
          db,
          async *batches(query, size) {
            const rows = await query.execute();
            for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
          },
          close: async () => undefined,
        };
      }
      const reader = new SQLite(url, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 5000');
      const readerDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) });
      return { db: readerDb, batches: streamed, close: () => readerDb.destroy() };
    },
  };
}



const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-pricing': pricing,
  '0003-openness-and-sizes': opennessAndSizes,
  '0004-events': events,
  '0005-revisions': revisions,
  '0006-record-revisions': recordRevisions,
  '0007-revisions-market-period': revisionsMarketPeriod,
  '0008-wide-ids': wideIds,
  '0009-revisions': oneRevisionsTable,
};

/**
 * Brings the schema up to date (or, with `upTo`, to that migration: for testing upgrades). Throws
 * with the failing migration's name if one fails.
 */
export async function migrate(db: Kysely<Database>, options: { upTo?: string } = {}): Promise<void> {
  // Unordered: migrations written in parallel branches (0002, 0003) may land in either order.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
  const { error, results } = options.upTo ? await migrator.migrateTo(options.upTo) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}
