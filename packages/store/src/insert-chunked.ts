import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

const CHUNK = 500;

/** Inserts rows in chunks that stay under both dialects' limits on bound parameters. */
export async function insertChunked<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: ReadonlyArray<Database[T]>,
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely's insert types are per-table; the rows were built from the same table's interface.
    await trx.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}
