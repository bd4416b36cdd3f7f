import type { Kysely, Transaction } from 'kysely';
import type { FigureChangeKind, ModelRelease, RecordChange } from '@dash/domain';
import { recordAudit, type AuditInput } from './audit-repository.js';
import type { ChangesetInput } from './changesets.js';
import { writeChangeSet, type Descriptor } from './engine.js';
import { priceKind, releaseKind, type PriceRecord } from './record-kinds.js';
import { listRevisions } from './revision-repository.js';
import type { Database } from './schema.js';

export type { PriceRecord } from './record-kinds.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Records imported besides share figures: licensing releases and price points. */
export type RecordKind = 'release' | 'price';
export type RecordOf<K extends RecordKind> = K extends 'release' ? ModelRelease : PriceRecord;

const KINDS = { release: releaseKind, price: priceKind } as const;

export interface RecordWriteResult<S> {
  changes: RecordChange<S>[];
  counts: Record<FigureChangeKind, number>;
}

/** Every revision of one release or price point, oldest first, with who wrote it and when. */
export async function listRecordRevisions<K extends RecordKind>(db: Db, kind: K, id: string) {
  return (await listRevisions<RecordOf<K>>(db, kind, id)).map(({ state, ...r }) => ({ ...r, record: state }));
}

/**
 * Imports licensing releases or price points as one change set in one transaction (lock, plan,
 * write revisions, rebuild the current-state table, audit), or only plans them (`dryRun`).
 * Nothing is written when nothing changes; a failure leaves the database as it was.
 */
export async function importRecords<K extends RecordKind>(
  db: Kysely<Database>,
  kind: K,
  records: ReadonlyArray<RecordOf<K>>,
  options: {
    changeset: ChangesetInput;
    dryRun?: boolean;
    now?: Date;
    audit?: Omit<AuditInput, 'outcome' | 'changesetId'>;
  },
): Promise<RecordWriteResult<RecordOf<K>> & { changesetId: number | null; recordedAt: string | null }> {
  const result = await writeChangeSet(
    db,
    { ...options, mode: 'import' },
    async (set) => {
      const writer = set.kind(KINDS[kind] as unknown as Descriptor<RecordOf<K>>);
      await writer.write(records);
      return writer.end();
    },
    async (trx, r) => {
      if (!options.audit) return;
      const { added, revised, unchanged } = r.counts;
      await recordAudit(trx, {
        ...options.audit,
        at: r.recordedAt!,
        outcome: 'ok',
        changesetId: r.changesetId,
        detail: { ...options.audit.detail, kind, added, revised, unchanged },
      });
    },
  );
  const { changes, counts, changesetId, recordedAt } = result!;
  return { changes, counts, changesetId, recordedAt };
}

/** How the licensing data names companies ("Alibaba (Qwen)" → alibaba). */
export async function listLicensingVendors(db: Db): Promise<Array<{ name: string; companyId: string }>> {
  const rows = await db.selectFrom('licensing_vendors').selectAll().execute();
  return rows
    .map((r) => ({ name: r.name, companyId: r.company_id }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
