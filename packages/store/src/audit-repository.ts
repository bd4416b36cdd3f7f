import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import { writeTransaction } from './sqlite-writes.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What happened to a write attempt. */
export type AuditOutcome = 'ok' | 'rejected' | 'denied' | 'rate-limited';

/** One audit entry: who tried to write what, and what came of it. Never holds a secret. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  tokenId: string | null;
  /** `import`, `shares.create`, `shares.revise`, `token.create`, `token.revoke`, `bundled.load`. */
  action: string;
  /** The file, figure id or token id acted on. */
  target: string | null;
  outcome: AuditOutcome;
  changesetId: number | null;
  remoteAddr: string | null;
  detail: Record<string, unknown> | null;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'tokenId' | 'changesetId' | 'remoteAddr' | 'detail'> &
  Partial<Pick<AuditEntry, 'tokenId' | 'changesetId' | 'remoteAddr' | 'detail'>> & { at?: string };

/**
 * Appends an audit entry. Call it with the write's transaction so the entry exists exactly when
 * the write committed; refused attempts are recorded on their own, in a write transaction of
 * their own (on SQLite it waits for another process's lock without blocking the server).
 */
export async function recordAudit(db: Db, entry: AuditInput): Promise<AuditEntry> {
  if (!db.isTransaction) return writeTransaction(db, (trx) => recordAudit(trx, entry));
  const row: AuditEntry = {
    id: randomUUID(),
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor,
    tokenId: entry.tokenId ?? null,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    changesetId: entry.changesetId ?? null,
    remoteAddr: entry.remoteAddr ?? null,
    detail: entry.detail ?? null,
  };
  await db
    .insertInto('audit_log')
    .values({
      id: row.id,
      at: row.at,
      actor: row.actor,
      token_id: row.tokenId,
      action: row.action,
      target: row.target,
      outcome: row.outcome,
      changeset_id: row.changesetId,
      remote_addr: row.remoteAddr,
      detail: row.detail ? JSON.stringify(row.detail) : null,
    })
    .execute();
  return row;
}

/** Audit entries, newest first. */
export async function listAudit(db: Db, options: { limit: number; action?: string }): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (options.action) q = q.where('action', '=', options.action);
  const rows = await q.orderBy('at', 'desc').orderBy('id').limit(options.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    tokenId: r.token_id,
    action: r.action,
    target: r.target,
    outcome: r.outcome as AuditOutcome,
    changesetId: r.changeset_id === null ? null : Number(r.changeset_id),
    remoteAddr: r.remote_addr,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}
