import type { Kysely, Transaction } from 'kysely';
import type { FigureChangeKind, PlannedChange, RowIssue, ShareFigure, ShareFigureWithSource } from '@dash/domain';
import { recordAudit, type AuditInput } from './audit-repository.js';
import type { ChangesetInput } from './changesets.js';
import { chunks, loadLatest, writeChangeSet, type RevisionKind } from './engine.js';
import type { Database } from './schema.js';
import { plannedChange, shareKind, sharesOf, type ShareWrite } from './share-kind.js';

export { createChangeset, latestChangeset, lockForWrite, type ChangesetInput } from './changesets.js';
export { upsertGroups, type ShareWrite } from './share-kind.js';

type Db = Kysely<Database> | Transaction<Database>;
export type ChangesetKind = ChangesetInput['kind'];

export interface ShareWriteOptions {
  /** `import` for files and editors (added/revised/unchanged). */
  mode: 'import';
  changeset: ChangesetInput;
  /** Plan and check only: the write is rolled back. */
  dryRun?: boolean;
  now?: Date;
  /** Refuse (an issue on column `figure_id`) any figure the database already holds: creating, not revising. */
  requireNew?: boolean;
  /** Called as chunks are written: figures done of figures to write. */
  onProgress?: (done: number, total: number) => void;
  /** The audit entry, written in the write's transaction (so it exists exactly when the write committed). */
  audit?: Omit<AuditInput, 'outcome' | 'changesetId'>;
}

export interface ShareWriteResult {
  /** One entry per incoming figure (and per figure touched through its source). */
  changes: PlannedChange[];
  counts: Record<FigureChangeKind, number>;
  /** Problems that stop the write (e.g. a market-period summing over 100% with the figures held); nothing was written when non-empty. */
  issues: RowIssue[];
  /** The change set written; null for a dry run, a write with issues, or one that changed nothing. */
  changesetId: number | null;
  recordedAt: string | null;
}

/** Figures a chunk of an import holds: planned against the database and written before the next. */
const CHUNK = 1000;

/**
 * Imports share figures as one change set in one transaction: figures the database does not hold
 * are added, changed ones revised (the old revision stays, closed at this write's time), equal
 * ones left alone, so the same file twice changes nothing. Sums are checked with the figures
 * held; any issue, a failure anywhere or the process dying leaves the database as it was.
 */
export async function importShareFigures(
  db: Kysely<Database>,
  write: ShareWrite,
  options: ShareWriteOptions,
): Promise<ShareWriteResult> {
  return (await writeShares(db, async () => write, options))!;
}

/** A revision of one figure: the fields given replace the figure's as it stands when the write runs. */
export type ShareFigureChange = Partial<Pick<ShareFigure, 'sharePct' | 'sharePctText' | 'quote'>>;

/**
 * Revises one figure (value and/or quote): reads it once the write lock is held, so each of two
 * concurrent revisions applies to the other's result and neither is lost. Null, writing nothing,
 * when no current figure has that id (e.g. withdrawn meanwhile).
 */
export async function reviseShareFigure(
  db: Kysely<Database>,
  figureId: string,
  change: ShareFigureChange,
  options: ShareWriteOptions,
): Promise<ShareWriteResult | null> {
  return writeShares(
    db,
    async (trx) => {
      const current = await getCurrentFigure(trx, figureId);
      if (!current) return null;
      const { source, ...figure } = current;
      return { figures: [{ ...figure, ...change }], sources: [source], groups: [] };
    },
    options,
  );
}

async function writeShares(
  db: Kysely<Database>,
  build: (trx: Transaction<Database>) => Promise<ShareWrite | null>,
  options: ShareWriteOptions,
): Promise<ShareWriteResult | null> {
  return writeChangeSet(
    db,
    options,
    async (set) => {
      const write = await build(set.trx);
      if (!write) return null;
      const figures = sharesOf(write);
      const kind = set.kind(shareKind({ groups: write.groups, exclude: new Set(figures.map((f) => f.id)) }), options);
      options.onProgress?.(0, figures.length);
      let done = 0;
      for (const chunk of chunks(figures, CHUNK)) {
        await kind.write(chunk);
        options.onProgress?.((done += chunk.length), figures.length);
      }
      const { changes, counts, issues } = await kind.end();
      return { changes: changes.map(plannedChange), counts, issues };
    },
    async (trx, result) => {
      if (!options.audit) return;
      const { added, revised, unchanged } = result.counts;
      await recordAudit(trx, {
        ...options.audit,
        at: result.recordedAt!,
        outcome: 'ok',
        changesetId: result.changesetId,
        detail: { ...options.audit.detail, added, revised, unchanged },
      });
    },
  );
}

/** A figure as it currently stands (its latest revision), or null when unknown or withdrawn. */
export async function getCurrentFigure(db: Db, figureId: string): Promise<ShareFigureWithSource | null> {
  const latest = (await loadLatest<ShareFigureWithSource>(db, 'share', [figureId])).get(figureId);
  return latest && !latest.withdrawn ? latest.held.state : null;
}

/** One revision of a record with who wrote it, when, and what changed. */
export interface Revision<S> {
  state: S;
  revision: number;
  change: 'added' | 'revised' | 'withdrawn';
  changedFields: string[];
  validFrom: string;
  validTo: string | null;
  changeset: { id: number; kind: ChangesetKind; actor: string; description: string };
}

/** A figure's revision: {@link Revision} with the state named `figure`. */
export type FigureRevision = Omit<Revision<ShareFigureWithSource>, 'state'> & { figure: ShareFigureWithSource };

const revisionRows = (db: Db, kind: RevisionKind) =>
  db
    .selectFrom('revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .select([
      'r.record_id',
      'r.revision',
      'r.change',
      'r.changed_fields',
      'r.valid_from',
      'r.valid_to',
      'r.data',
      'r.changeset_id',
    ])
    .select(['c.kind', 'c.actor', 'c.description'])
    .where('r.kind', '=', kind);

type RevisionRow = Awaited<ReturnType<ReturnType<typeof revisionRows>['executeTakeFirstOrThrow']>>;

const toRevision = <S>(r: RevisionRow): Revision<S> => ({
  state: JSON.parse(r.data) as S,
  revision: Number(r.revision),
  change: r.change as Revision<S>['change'],
  changedFields: r.changed_fields === '' ? [] : r.changed_fields.split(','),
  validFrom: r.valid_from,
  validTo: r.valid_to,
  changeset: { id: Number(r.changeset_id), kind: r.kind as ChangesetKind, actor: r.actor, description: r.description },
});

const asFigure = ({ state, ...r }: Revision<ShareFigureWithSource>): FigureRevision => ({ figure: state, ...r });

/** Every revision of one record of `kind`, oldest first; empty when the id is unknown. */
export async function listRevisions<S>(db: Db, kind: RevisionKind, id: string): Promise<Revision<S>[]> {
  const rows = await revisionRows(db, kind).where('r.record_id', '=', id).orderBy('r.revision').execute();
  return rows.map((r) => toRevision<S>(r));
}

/** Every revision of one figure, oldest first; empty when the id is unknown. */
export async function listFigureRevisions(db: Db, figureId: string): Promise<FigureRevision[]> {
  return (await listRevisions<ShareFigureWithSource>(db, 'share', figureId)).map(asFigure);
}

export interface ChangeFilter {
  /** Only changes after this change set id (a cursor). */
  afterChangeset?: number | undefined;
  /** Only changes recorded at or after this instant. */
  since?: string | undefined;
  market?: string | undefined;
  /** At most this many, newest first. */
  limit: number;
}

/**
 * Figure revisions newest first (by change set, then figure id), for the change feed. Each comes
 * with the state it replaced (`previous`), so a feed can say "33% → 35%".
 */
export async function listChanges(
  db: Db,
  filter: ChangeFilter,
): Promise<Array<FigureRevision & { previous: ShareFigureWithSource | null }>> {
  let q = revisionRows(db, 'share');
  if (filter.afterChangeset !== undefined) q = q.where('r.changeset_id', '>', filter.afterChangeset);
  if (filter.since) q = q.where('r.valid_from', '>=', filter.since);
  if (filter.market) q = q.where('r.scope', '=', filter.market);
  const rows = await q.orderBy('r.changeset_id', 'desc').orderBy('r.record_id').limit(filter.limit).execute();
  const previous = new Map<string, ShareFigureWithSource>();
  for (const c of chunks(
    rows.filter((r) => Number(r.revision) > 1),
    200,
  )) {
    const found = await db
      .selectFrom('revisions')
      .select(['record_id', 'revision', 'data'])
      .where('kind', '=', 'share')
      .where((eb) =>
        eb.or(c.map((r) => eb.and([eb('record_id', '=', r.record_id), eb('revision', '=', Number(r.revision) - 1)]))),
      )
      .execute();
    for (const p of found)
      previous.set(`${p.record_id}#${Number(p.revision) + 1}`, JSON.parse(p.data) as ShareFigureWithSource);
  }
  return rows.map((r) => ({
    ...asFigure(toRevision(r)),
    previous: previous.get(`${r.record_id}#${Number(r.revision)}`) ?? null,
  }));
}

/** Revisions of share figures valid at `instant` (`valid_from <= instant < valid_to`), not withdrawals, as a query. */
export function shareRevisionsAsOf(db: Db, instant: string, market?: string) {
  let q = db
    .selectFrom('revisions')
    .select(['record_id', 'data'])
    .where('kind', '=', 'share')
    .where('valid_from', '<=', instant)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', instant)]))
    .where('change', '<>', 'withdrawn');
  if (market) q = q.where('scope', '=', market);
  return q;
}

/**
 * Figures as they stood at `instant` (an ISO timestamp): for each figure, the revision valid
 * then, unless it had been withdrawn; snapshot values, so a source page's details and a subject's
 * name are also as they were. Filters by market in SQL and by period dates here; the caller
 * filters the rest.
 */
export async function findRevisionsAsOf(
  db: Db,
  instant: string,
  filter: { market?: string | undefined; fromStart?: string | undefined; toEnd?: string | undefined } = {},
): Promise<ShareFigureWithSource[]> {
  const rows = await shareRevisionsAsOf(db, instant, filter.market).execute();
  return rows
    .map((r) => JSON.parse(r.data) as ShareFigureWithSource)
    .filter(
      (f) =>
        (!filter.fromStart || f.period.startDate >= filter.fromStart) &&
        (!filter.toEnd || f.period.endDate <= filter.toEnd),
    );
}
