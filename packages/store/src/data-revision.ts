import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The `dataset_meta` key of the data revision (see `Store.dataRevision`). */
export const DATA_REVISION_KEY = 'data_revision';

/** The data revision as stored (null before the first write that recorded one). */
export async function getDataRevision(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('dataset_meta').select('value').where('key', '=', DATA_REVISION_KEY).executeTakeFirst();
  return row?.value ?? null;
}
