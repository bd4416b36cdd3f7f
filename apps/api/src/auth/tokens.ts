import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findToken, insertToken, type StoredToken, type Store } from '@dash/store';

/** Rights a token can carry. Reads need none: they are public. */
export const RIGHTS = ['shares:write'] as const;
export type Right = (typeof RIGHTS)[number];

const TOKEN = /^dash_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Creates a token: `dash_<id>_<secret>` with a 256-bit random secret. Only the SHA-256 hash of the
 * whole token is stored (a random 256-bit secret needs no slow hash); the token itself is returned
 * once, to be handed to the editor, and can never be shown again.
 */
export async function createToken(
  store: Store,
  input: { name: string; scopes: readonly Right[]; createdBy: string; now?: Date },
): Promise<{ token: string; stored: Omit<StoredToken, 'revokedAt'> }> {
  const id = randomBytes(4).toString('hex');
  const token = `dash_${id}_${randomBytes(32).toString('base64url')}`;
  const stored = {
    id,
    name: input.name,
    secretHash: hashOf(token),
    scopes: [...input.scopes],
    createdAt: (input.now ?? new Date()).toISOString(),
    createdBy: input.createdBy,
  };
  await insertToken(store.db, stored);
  return { token, stored };
}

/**
 * The stored token a presented token string belongs to, or why it does not: malformed, unknown,
 * revoked or a wrong secret all read as "invalid" to the client. Compares hashes in constant time.
 */
export async function verifyToken(
  store: Store,
  presented: string,
): Promise<{ token: StoredToken } | { error: 'invalid' | 'revoked' }> {
  const m = TOKEN.exec(presented);
  if (!m) return { error: 'invalid' };
  const stored = await findToken(store.db, m[1]!);
  if (!stored) return { error: 'invalid' };
  const a = Buffer.from(hashOf(presented), 'hex');
  const b = Buffer.from(stored.secretHash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { error: 'invalid' };
  if (stored.revokedAt !== null) return { error: 'revoked' };
  return { token: stored };
}

/** How a token is named in change sets and the audit log: `token alice (1a2b3c4d)`. */
export const tokenActor = (t: Pick<StoredToken, 'id' | 'name'>) => `token ${t.name} (${t.id})`;
