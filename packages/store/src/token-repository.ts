import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A write-API token as stored: never the secret, only its SHA-256 hash. */
export interface StoredToken {
  id: string;
  name: string;
  secretHash: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

const toToken = (r: Database['api_tokens']): StoredToken => ({
  id: r.id,
  name: r.name,
  secretHash: r.secret_hash,
  scopes: r.scopes === '' ? [] : r.scopes.split(' '),
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

export async function insertToken(db: Db, token: Omit<StoredToken, 'revokedAt'>): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      name: token.name,
      secret_hash: token.secretHash,
      scopes: token.scopes.join(' '),
      created_at: token.createdAt,
      created_by: token.createdBy,
      revoked_at: null,
    })
    .execute();
}

/** The token with this id, revoked or not; null when there is none. */
export async function findToken(db: Db, id: string): Promise<StoredToken | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toToken(row) : null;
}

/** Every token, oldest first. */
export async function listTokens(db: Db): Promise<StoredToken[]> {
  return (await db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(toToken);
}

/** Revokes a token; returns false when there is no such token or it was already revoked. */
export async function revokeToken(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
