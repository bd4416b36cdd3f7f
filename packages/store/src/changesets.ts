import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { DATA_REVISION_KEY } from './data-revision.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** Who is writing and what, recorded with every revision the write creates. */
export interface ChangesetInput {
  kind: 'bundled' | 'import' | 'api';
  /** `bundled dataset ds-…`, the importing user, `token alice (t-…)`. */
  actor: string;
  /** The file, request or dataset version. */
  description: string;
}

/**
 * Serializes writers: every write transaction starts by updating one row, so on PostgreSQL a
 * second writer (another API instance, an import) waits for the first to commit, and on SQLite
 * the transaction takes the write lock before reading. Returns the time to record the write at:
 * now, or the latest change set's time if a clock behind it would otherwise go backwards.
 */
export async function lockForWrite(trx: Trx, now: Date): Promise<string> {
  const at = now.toISOString();
  await trx
    .insertInto('dataset_meta')
    .values({ key: 'write_lock', value: 'held by the current writer', updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ updated_at: at }))
    .execute();
  const last = await latestChangeset(trx);
  return last && last.recordedAt > at ? last.recordedAt : at;
}

/** Records a change set and returns its id, the next after the latest; call with the write lock held. */
export async function createChangeset(trx: Trx, input: ChangesetInput, recordedAt: string): Promise<number> {
  const id = ((await latestChangeset(trx))?.id ?? 0) + 1;
  await newDataRevision(trx, recordedAt);
  await trx
    .insertInto('changesets')
    .values({ id, ...input, recorded_at: recordedAt, added: 0, revised: 0, withdrawn: 0, details: null })
    .execute();
  return id;
}

/**
 * Writes a new data revision token. Every write that changes data records a change set, and with
 * it a new data revision, so caches keyed by it (Store.dataRevision) see the change once it
 * commits (a bundled load also when only reference data or its version changed). Random, never
 * a counter: a rolled-back write's token is never seen again.
 */
export async function newDataRevision(trx: Trx, at: string) {
  const revision = { key: DATA_REVISION_KEY, value: randomUUID(), updated_at: at };
  await trx
    .insertInto('dataset_meta')
    .values(revision)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: revision.value, updated_at: at }))
    .execute();
}

/** The latest change set, or null before the first write. */
export async function latestChangeset(db: Db): Promise<{ id: number; recordedAt: string } | null> {
  const row = await db
    .selectFrom('changesets')
    .select(['id', 'recorded_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: Number(row.id), recordedAt: row.recorded_at } : null;
}
