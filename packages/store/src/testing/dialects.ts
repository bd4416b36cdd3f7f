import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { isPostgresUrl, openStore, type Dialect, type Store } from '../database.js';

/**
 * The databases every store test runs on: SQLite and PGlite (PostgreSQL compiled to WebAssembly,
 * in-process) always, and a real PostgreSQL server when `DATABASE_URL` names one. Test titles
 * carry the name, so a run without a server shows no "postgres" test rather than a postgres test
 * that passed without a server (CI checks for them).
 */
export interface TestDialect {
  /** `pglite` is PostgreSQL too (`dialect: 'postgres'`), reached over the same `pg` driver. */
  name: 'sqlite' | 'pglite' | 'postgres';
  /** What the store reports: the SQL dialect the code under test speaks. */
  dialect: Dialect;
  /** Connections other processes may open to it (`DATABASE_POOL_SIZE`); unlimited when absent. */
  poolSize?: number;
  /**
   * A fresh, empty database (not migrated), its URL (to open more connections to it, as a second
   * server would) and a cleanup that closes the store and deletes the database.
   */
  open(): Promise<{ store: Store; url: string; cleanup(): Promise<void> }>;
}

const sqlite: TestDialect = {
  name: 'sqlite',
  dialect: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'dash-store-'));
    const url = join(dir, 'test.sqlite');
    const store = openStore(url);
    return {
      store,
      url,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

let created = 0;

/**
 * One uniquely named database per test, created through a maintenance connection to
 * `DATABASE_URL` and dropped afterwards, so tests (and test files running in parallel) never see
 * each other's tables. Where the server has ICU, the database sorts text like a typical en-US
 * deployment rather than byte-wise, so results that depend on collation show up as failures.
 */
function postgres(url: string): TestDialect {
  const withMaintenance = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    dialect: 'postgres',
    async open() {
      created += 1;
      const name = `dash_test_${process.pid}_${created}_${randomBytes(3).toString('hex')}`;
      await withMaintenance(async (client) => {
        try {
          await client.query(
            `create database "${name}" template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US'`,
          );
        } catch {
          await client.query(`create database "${name}" template template0 encoding 'UTF8'`);
        }
      });
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const store = openStore(dbUrl.toString());
      return {
        store,
        url: dbUrl.toString(),
        async cleanup() {
          await store.close();
          await withMaintenance(async (client) => {
            // The pool has asked its connections to end; wait until the server has let them go,
            // so dropping the database never kills a connection that would then raise an error.
            for (let i = 0; i < 50; i++) {
              const { rows } = await client.query<{ n: string }>(
                'select count(*) as n from pg_stat_activity where datname = $1',
                [name],
              );
              if (Number(rows[0]?.n) === 0) break;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
            await client.query(`drop database if exists "${name}"`);
          });
        },
      };
    },
  };
}

// One PGlite per test worker process, kept on globalThis so the test files a worker runs share it
// (starting one costs seconds). It is served over a socket, so the store talks to it through the
// very `pg` Pool and PostgresDialect that production uses; the socket server multiplexes the pool's
// connections onto PGlite's single session and keeps a transaction's statements together.
const PGLITE_KEY = Symbol.for('dash.test.pglite');
type PgliteServer = { url: string };
function pgliteServer(): Promise<PgliteServer> {
  const g = globalThis as unknown as Record<symbol, Promise<PgliteServer> | undefined>;
  g[PGLITE_KEY] ??= (async () => {
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    return { url: `postgres://postgres@${server.getServerConn()}/postgres` };
  })();
  return g[PGLITE_KEY];
}

/**
 * PGlite holds one database: each test gets it empty by dropping and recreating the public schema
 * (tests in a worker run one at a time). The previous test's pool has been closed by then.
 */
const pglite: TestDialect = {
  name: 'pglite',
  dialect: 'postgres',
  poolSize: 1,
  async open() {
    const { url } = await pgliteServer();
    const reset = new pg.Client({ connectionString: url });
    await reset.connect();
    try {
      await reset.query('drop schema if exists public cascade; create schema public');
    } finally {
      await reset.end();
    }
    // One connection: the socket server multiplexes connections onto PGlite's single session
    // message by message, so two connections' extended-protocol messages (Parse, Bind, …) can
    // interleave. Code under test must never need a second connection inside a transaction
    // anyway, and a pool of one makes sure it does not.
    const store = openStore(url, { poolSize: 1 });
    return { store, url, cleanup: () => store.close() };
  },
};

function configuredDialects(): TestDialect[] {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') return [sqlite, pglite];
  if (!isPostgresUrl(url)) {
    throw new Error(`DATABASE_URL is set but is not a postgres:// URL (${url}); unset it to test on SQLite and PGlite only`);
  }
  return [sqlite, pglite, postgres(url)];
}

export const TEST_DIALECTS: readonly TestDialect[] = configuredDialects();
