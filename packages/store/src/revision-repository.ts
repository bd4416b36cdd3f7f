import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  checkSumsWithHeld,
  countChanges,
  planBundledLoad,
  planImport,
  stateOf,
  type FigureChangeKind,
  type FigureState,
  type HeldFigure,
  type IncomingFigure,
  type PlannedChange,
  type RowIssue,
  type ShareFigure,
  type ShareFigureWithSource,
  type Source,
  type VendorGroup,
} from '@dash/domain';
import { recordAudit, type AuditInput } from './audit-repository.js';
import { DATA_REVISION_KEY } from './data-revision.js';
import { insertChunked } from './insert-chunked.js';
import type { Database } from './schema.js';
import { writeTransaction } from './sqlite-writes.js';

type Db = Kysely<Database> | Transaction<Database>;
type RevisionRow = Database['share_figure_revisions'];

export type ChangesetKind = 'bundled' | 'import' | 'api';

/** Who is writing and what, recorded with every revision the write creates. */
export interface ChangesetInput {
  kind: ChangesetKind;
  /** `bundled dataset ds-…`, the importing user, `token alice (t-…)`. */
  actor: string;
  /** The file, request or dataset version. */
  description: string;
}

/** Normalized share figures to write, with the sources they cite and the groups they are about. */
export interface ShareWrite {
  figures: readonly ShareFigure[];
  sources: readonly Source[];
  groups: readonly VendorGroup[];
}

export interface ShareWriteOptions {
  /** `import` for files and editors (added/revised/unchanged); `bundled` for the bundled dataset (three-way merge, withdrawals). */
  mode: 'import' | 'bundled';
  changeset: ChangesetInput;
  /** Plan only: compute what would change, write nothing. */
  dryRun?: boolean;
  now?: Date;
  /** Write into this change set (created by the caller in this transaction) instead of a new one. */
  changesetId?: number;
  /** Refuse (an issue on column `figure_id`) any figure the database already holds: creating, not revising. */
  requireNew?: boolean;
  /** Called while revisions are written: rows done of rows to write. */
  onProgress?: (done: number, total: number) => void;
}

export interface ShareWriteResult {
  /** One entry per incoming figure (and per figure touched through its source or withdrawn). */
  changes: PlannedChange[];
  counts: Record<FigureChangeKind, number>;
  /** Problems that stop the write (e.g. a market-period summing over 100% with the figures held); nothing was written when non-empty. */
  issues: RowIssue[];
  /** The change set written; null for a dry run, a write with issues, or one that changed nothing. */
  changesetId: number | null;
  recordedAt: string | null;
}

/**
 * Serializes writers: every write transaction starts by updating one row, so on PostgreSQL a
 * second writer (another API instance, an import) waits for the first to commit, and on SQLite
 * the transaction takes the write lock before reading. Returns the time to record the write at:
 * now, or the latest change set's time if a clock behind it would otherwise go backwards.
 */
export async function lockForWrite(trx: Transaction<Database>, now: Date): Promise<string> {
  const at = now.toISOString();
  await trx
    .insertInto('dataset_meta')
    .values({ key: 'write_lock', value: 'held by the current writer', updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ updated_at: at }))
    .execute();

  const last = await trx
    .selectFrom('changesets')
    .select('recorded_at')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last && last.recorded_at > at ? last.recorded_at : at;
}

/**
 * Records a change set (who, what, when) and returns its id, the next after the latest; call
 * with the write lock held. `details` (e.g. conflicts a bundled load left alone) is kept as JSON.
 */
export async function createChangeset(
  trx: Transaction<Database>,
  input: ChangesetInput,
  recordedAt: string,
  counts: { added: number; revised: number; withdrawn: number } = { added: 0, revised: 0, withdrawn: 0 },
  details: unknown[] = [],
): Promise<number> {
  const id = await nextChangesetId(trx);
  // Every write that changes data records a change set: a new data revision with it, so caches
  // keyed by it (Store.dataRevision) see the change once it commits. Random, never a counter: a
  // rolled-back write's token is never seen again.
  const revision = { key: DATA_REVISION_KEY, value: randomUUID(), updated_at: recordedAt };
  await trx
    .insertInto('dataset_meta')
    .values(revision)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: revision.value, updated_at: recordedAt }))
    .execute();
  await trx
    .insertInto('changesets')
    .values({
      id,
      kind: input.kind,
      actor: input.actor,
      description: input.description,
      recorded_at: recordedAt,
      ...counts,
      details: details.length > 0 ? JSON.stringify(details) : null,
    })
    .execute();
  return id;
}

async function nextChangesetId(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .selectFrom('changesets')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

const chunks = <T>(xs: readonly T[], n = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

const stateOfRow = (r: RevisionRow): FigureState => ({
  sharePctText: r.share_pct,
  quote: r.quote,
  subjectName: r.subject_name,
  modelFamily: r.model_family,
  vendorIds: r.vendor_ids === '' ? [] : r.vendor_ids.split(';'),
  publisher: r.publisher,
  publishedDate: r.published_date,
  quality: r.source_quality as FigureState['quality'],
});

interface Latest {
  row: RevisionRow;
  kind: string;
  actor: string;
}

/** The latest revision of each figure (all figures, or those listed), with its change set's kind and actor. */
async function loadLatest(db: Db, ids: readonly string[] | 'all'): Promise<Map<string, Latest>> {
  const base = () =>
    db
      .selectFrom('share_figure_revisions as r')
      .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
      .selectAll('r')
      .select(['c.kind as changeset_kind', 'c.actor as changeset_actor'])
      .where('r.valid_to', 'is', null);
  const rows =
    ids === 'all'
      ? await base().execute()
      : (
          await Promise.all(chunks([...new Set(ids)]).map((c) => base().where('r.figure_id', 'in', c).execute()))
        ).flat();
  const out = new Map<string, Latest>();
  for (const { changeset_kind, changeset_actor, ...row } of rows) {
    out.set(row.figure_id, {
      row: { ...row, revision: Number(row.revision), dataset_row: Number(row.dataset_row) },
      kind: changeset_kind,
      actor: changeset_actor,
    });
  }
  return out;
}

/** The state the bundled data last gave each figure (its latest revision written by a bundled load), unless that was a withdrawal. */
async function loadBundledBase(db: Db): Promise<Map<string, FigureState>> {
  const rows = await db
    .selectFrom('share_figure_revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .selectAll('r')
    .where('c.kind', '=', 'bundled')
    .where((eb) =>
      eb(
        'r.revision',
        '=',
        eb
          .selectFrom('share_figure_revisions as r2')
          .innerJoin('changesets as c2', 'c2.id', 'r2.changeset_id')
          .select((e) => e.fn.max('r2.revision').as('m'))
          .whereRef('r2.figure_id', '=', 'r.figure_id')
          .where('c2.kind', '=', 'bundled'),
      ),
    )
    .execute();
  return new Map(rows.filter((r) => r.change !== 'withdrawn').map((r) => [r.figure_id, stateOfRow(r)]));
}

function describeActor(l: Latest) {
  return l.kind === 'bundled' ? 'the bundled data' : l.actor;
}

/**
 * Writes share figures as new revisions, or plans the write (`dryRun`). Figures the database does
 * not hold are added; figures whose value, quote, subject or source details differ get a new
 * revision (the old one stays, closed at this write's time); equal figures are left alone, so
 * writing the same file twice changes nothing. When a file gives new details for a source page
 * the database holds (publisher, date, quality), every current figure citing that page is
 * revised too. In `bundled` mode the plan is the three-way merge of {@link planBundledLoad} and
 * figures the bundled data dropped are withdrawn.
 *
 * Runs inside the caller's transaction (`trx`), which must hold the write lock
 * ({@link lockForWrite}) unless this is a dry run; all or nothing is the caller's transaction.
 */
export async function writeShareFigures(
  trx: Transaction<Database>,
  write: ShareWrite,
  options: ShareWriteOptions & { recordedAt: string },
): Promise<ShareWriteResult> {
  const sourceById = new Map(write.sources.map((s) => [s.id, s]));
  const incoming: IncomingFigure[] = [];
  const figureById = new Map<string, ShareFigure>();
  for (const f of write.figures) {
    const source = sourceById.get(f.sourceId);
    if (!source) throw new Error(`figure ${f.id} cites source ${f.sourceId}, which is not among the sources to write`);
    incoming.push({ figureId: f.id, state: stateOf(f, source), row: f.datasetRow });
    figureById.set(f.id, f);
  }

  // Source pages whose details change: every current figure citing them changes with them.
  const heldSources = new Map<string, Database['sources']>();
  for (const c of chunks([...sourceById.keys()])) {
    for (const s of await trx.selectFrom('sources').selectAll().where('id', 'in', c).execute())
      heldSources.set(s.id, s);
  }
  const changedSources = write.sources.filter((s) => {
    const h = heldSources.get(s.id);
    return h && (h.publisher !== s.publisher || h.published_date !== s.publishedDate || h.quality !== s.quality);
  });
  if (changedSources.length > 0) {
    const rowOfSource = new Map<string, number>();
    for (const f of write.figures) if (!rowOfSource.has(f.sourceId)) rowOfSource.set(f.sourceId, f.datasetRow);
    const citing = (
      await Promise.all(
        chunks(changedSources.map((s) => s.id)).map((c) =>
          trx.selectFrom('share_figures').select(['id', 'source_id']).where('source_id', 'in', c).execute(),
        ),
      )
    ).flat();
    const others = citing.filter((c) => !figureById.has(c.id));
    const held = await loadLatest(
      trx,
      others.map((o) => o.id),
    );
    for (const o of others) {
      const h = held.get(o.id);
      const s = sourceById.get(o.source_id)!;
      if (!h) continue;
      incoming.push({
        figureId: o.id,
        state: {
          ...stateOfRow(h.row),
          publisher: s.publisher,
          publishedDate: s.publishedDate,
          quality: s.quality as FigureState['quality'],
        },
        row: rowOfSource.get(o.source_id)!,
      });
    }
  }

  const latest = await loadLatest(trx, options.mode === 'bundled' ? 'all' : incoming.map((i) => i.figureId));
  const held = new Map<string, Latest>([...latest].filter(([, l]) => l.row.change !== 'withdrawn'));

  let changes: PlannedChange[];
  if (options.mode === 'bundled') {
    const current = new Map<string, HeldFigure>(
      [...held].map(([id, l]) => [
        id,
        { state: stateOfRow(l.row), currentFromBundle: l.kind === 'bundled', currentActor: describeActor(l) },
      ]),
    );
    changes = planBundledLoad(current, await loadBundledBase(trx), incoming);
  } else {
    changes = planImport(new Map([...held].map(([id, l]) => [id, stateOfRow(l.row)])), incoming);
  }
  const counts = countChanges(changes);
  if (options.requireNew) {
    const existing = changes.filter((c) => c.kind !== 'added');
    if (existing.length > 0) {
      const issues = existing.map((c) => ({
        row: c.row,
        column: 'figure_id',
        message: `figure ${c.figureId} already exists; revise it with PATCH /api/v1/shares/${c.figureId}`,
      }));
      return { changes, counts, issues, changesetId: null, recordedAt: null };
    }
  }

  // A market-period of one publisher must not sum over 100% with what the database holds.
  let issues: RowIssue[] = [];
  if (options.mode === 'import') {
    const applied = changes.filter((c) => c.kind === 'added' || c.kind === 'revised');
    const incomingSums = applied.map((c) => {
      const f = figureById.get(c.figureId) ?? figureFromRow(held.get(c.figureId)!.row);
      return {
        figure: { ...f, sharePctText: c.after!.sharePctText, sharePct: Number(c.after!.sharePctText) },
        publisher: c.after!.publisher,
        row: c.row ?? 0,
      };
    });
    issues = checkSumsWithHeld(await heldFiguresOfSets(trx, incomingSums), incomingSums);
  }
  const none = { changes, counts, issues, changesetId: null, recordedAt: null };
  const writes = changes.filter((c) => c.kind === 'added' || c.kind === 'revised' || c.kind === 'withdrawn');
  if (options.dryRun || issues.length > 0 || writes.length === 0) return none;

  const at = options.recordedAt;
  const details = changes
    .filter((c) => c.kind === 'conflict' || c.kind === 'kept')
    .map((c) => ({ figureId: c.figureId, kind: c.kind, reason: c.reason, bundled: c.after?.sharePctText ?? null, current: c.before?.sharePctText ?? null }));
  const changesetId =
    options.changesetId ??
    (await createChangeset(trx, options.changeset, at, { added: counts.added, revised: counts.revised, withdrawn: counts.withdrawn }, details));

  // Sources and groups first (figures reference them), then close the previous revisions, add
  // the new ones and rewrite the current-state rows of the figures that changed.
  const usedSources = new Set(
    writes
      .filter((c) => c.kind !== 'withdrawn')
      .map((c) => (figureById.get(c.figureId) ?? { sourceId: held.get(c.figureId)!.row.source_id }).sourceId),
  );
  for (const c of chunks(write.sources.filter((s) => usedSources.has(s.id)))) {
    await trx
      .insertInto('sources')
      .values(
        c.map((s) => ({
          id: s.id,
          publisher: s.publisher,
          title: s.title,
          url: s.url,
          published_date: s.publishedDate,
          quality: s.quality,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          publisher: eb.ref('excluded.publisher'),
          published_date: eb.ref('excluded.published_date'),
          quality: eb.ref('excluded.quality'),
        })),
      )
      .execute();
  }
  const usedGroups = new Set(
    writes.filter((c) => c.kind !== 'withdrawn').map((c) => figureById.get(c.figureId)?.subjectId),
  );
  await upsertGroups(
    trx,
    write.groups.filter((g) => usedGroups.has(g.id)),
  );

  const ids = writes.map((c) => c.figureId);
  for (const c of chunks(ids)) {
    await trx
      .updateTable('share_figure_revisions')
      .set({ valid_to: at })
      .where('figure_id', 'in', c)
      .where('valid_to', 'is', null)
      .execute();
    await trx.deleteFrom('share_figure_vendors').where('figure_id', 'in', c).execute();
    await trx.deleteFrom('share_figures').where('id', 'in', c).execute();
  }
  const revisions: RevisionRow[] = writes.map((c) => {
    const previous = latest.get(c.figureId)?.row;
    const revision = (previous?.revision ?? 0) + 1;
    const common = {
      figure_id: c.figureId,
      revision,
      changeset_id: changesetId,
      change: c.kind,
      changed_fields: c.fields.join(','),
      valid_from: at,
      valid_to: null,
    };
    if (c.kind === 'withdrawn') return { ...previous!, ...common };
    const f = figureById.get(c.figureId);
    const s = c.after!;
    const identity = f
      ? {
          market_id: f.marketId,
          subject_kind: f.subjectKind,
          subject_id: f.subjectId,
          period_label: f.period.label,
          period_kind: f.period.kind,
          period_start: f.period.startDate,
          period_end: f.period.endDate,
          source_id: f.sourceId,
          source_title: sourceById.get(f.sourceId)!.title,
          source_url: sourceById.get(f.sourceId)!.url,
          dataset_row: f.datasetRow,
        }
      : previous!;
    return {
      ...common,
      market_id: identity.market_id,
      subject_kind: identity.subject_kind,
      subject_id: identity.subject_id,
      period_label: identity.period_label,
      period_kind: identity.period_kind,
      period_start: identity.period_start,
      period_end: identity.period_end,
      source_id: identity.source_id,
      source_title: identity.source_title,
      source_url: identity.source_url,
      dataset_row: identity.dataset_row,
      subject_name: s.subjectName,
      model_family: s.modelFamily,
      vendor_ids: s.vendorIds.join(';'),
      share_pct: s.sharePctText,
      quote: s.quote,
      publisher: s.publisher,
      published_date: s.publishedDate,
      source_quality: s.quality,
    };
  });
  let done = 0;
  options.onProgress?.(0, revisions.length);
  for (const c of chunks(revisions, 250)) {
    await insertChunked(trx, 'share_figure_revisions', c);
    const current = c.filter((r) => r.change !== 'withdrawn');
    await insertChunked(
      trx,
      'share_figures',
      current.map((r) => ({
        id: r.figure_id,
        market_id: r.market_id,
        subject_kind: r.subject_kind,
        subject_id: r.subject_id,
        subject_name: r.subject_name,
        model_family: r.model_family,
        period_label: r.period_label,
        period_kind: r.period_kind,
        period_start: r.period_start,
        period_end: r.period_end,
        share_pct: r.share_pct,
        source_id: r.source_id,
        quote: r.quote,
        dataset_row: r.dataset_row,
      })),
    );
    await insertChunked(
      trx,
      'share_figure_vendors',
      current.flatMap((r) =>
        r.vendor_ids.split(';').map((vendor_id, position) => ({ figure_id: r.figure_id, vendor_id, position })),
      ),
    );
    done += c.length;
    options.onProgress?.(done, revisions.length);
  }

  if (counts.withdrawn > 0) {
    // Sources and groups no current figure uses any more; their history lives in the revisions.
    await trx
      .deleteFrom('sources')
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('share_figures as f').select('f.id').whereRef('f.source_id', '=', 'sources.id')),
        ),
      )
      .execute();
    const orphanGroups = trx
      .selectFrom('vendor_groups as g')
      .select('g.id')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('share_figures as f').select('f.id').whereRef('f.subject_id', '=', 'g.id'))),
      );
    await trx.deleteFrom('vendor_group_members').where('group_id', 'in', orphanGroups).execute();
    await trx
      .deleteFrom('vendor_groups')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('share_figures as f').select('f.id').whereRef('f.subject_id', '=', 'vendor_groups.id'),
          ),
        ),
      )
      .execute();
  }
  return { changes, counts, issues, changesetId, recordedAt: at };
}

/**
 * Imports share figures in one transaction: takes the write lock, plans, checks, writes. A
 * failure anywhere (or the process dying) leaves the database as it was. With `dryRun`, plans in
 * a read transaction and writes nothing.
 */
export async function importShareFigures(
  db: Kysely<Database>,
  write: ShareWrite,
  options: ShareWriteOptions & { audit?: Omit<AuditInput, 'outcome' | 'changesetId'> },
): Promise<ShareWriteResult> {
  return (await writeLocked(db, async () => write, options))!;
}

/** A revision of one figure: the fields given replace the figure's as it stands when the write runs. */
export type ShareFigureChange = Partial<Pick<ShareFigure, 'sharePct' | 'sharePctText' | 'quote'>>;

/**
 * Revises one figure (value and/or quote) in one transaction: takes the write lock first, then
 * reads the figure as it stands, so each of two concurrent revisions applies to the other's result
 * and neither is lost (reading before the lock, a value change could write back a quote another
 * writer had just replaced). Null, writing nothing, when no current figure has that id (e.g.
 * withdrawn meanwhile).
 */
export async function reviseShareFigure(
  db: Kysely<Database>,
  figureId: string,
  change: ShareFigureChange,
  options: ShareWriteOptions & { audit?: Omit<AuditInput, 'outcome' | 'changesetId'> },
): Promise<ShareWriteResult | null> {
  return writeLocked(
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

/** The write lock, then `build` (null: nothing to write), plan, checks, writes and audit in one transaction. */
async function writeLocked(
  db: Kysely<Database>,
  build: (trx: Transaction<Database>) => Promise<ShareWrite | null>,
  options: ShareWriteOptions & { audit?: Omit<AuditInput, 'outcome' | 'changesetId'> },
): Promise<ShareWriteResult | null> {
  return writeTransaction(db, async (trx) => {
    const recordedAt = options.dryRun
      ? (options.now ?? new Date()).toISOString()
      : await lockForWrite(trx, options.now ?? new Date());
    const write = await build(trx);
    if (!write) return null;
    const result = await writeShareFigures(trx, write, { ...options, recordedAt });
    if (options.audit && !options.dryRun && result.issues.length === 0) {
      // In the write's transaction: the entry exists exactly when the write committed.
      await recordAudit(trx, {
        ...options.audit,
        at: recordedAt,
        outcome: 'ok',
        changesetId: result.changesetId,
        detail: {
          ...options.audit.detail,
          added: result.counts.added,
          revised: result.counts.revised,
          unchanged: result.counts.unchanged,
        },
      });
    }
    return result;
  });
}

/** Adds vendor groups the database lacks and renames the ones it holds (members follow from the id). */
export async function upsertGroups(trx: Transaction<Database>, groups: readonly VendorGroup[]) {
  for (const c of chunks(groups)) {
    await trx
      .insertInto('vendor_groups')
      .values(c.map((g) => ({ id: g.id, name: g.name })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute();
    await trx
      .insertInto('vendor_group_members')
      .values(c.flatMap((g) => g.vendorIds.map((vendor_id, position) => ({ group_id: g.id, vendor_id, position }))))
      .onConflict((oc) => oc.columns(['group_id', 'vendor_id']).doNothing())
      .execute();
  }
}

function figureFromRow(r: RevisionRow): ShareFigure {
  return {
    id: r.figure_id,
    marketId: r.market_id,
    subjectKind: r.subject_kind as ShareFigure['subjectKind'],
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    vendorIds: r.vendor_ids === '' ? [] : r.vendor_ids.split(';'),
    modelFamily: r.model_family,
    period: {
      label: r.period_label,
      kind: r.period_kind as ShareFigure['period']['kind'],
      startDate: r.period_start,
      endDate: r.period_end,
    },
    sharePct: Number(r.share_pct),
    sharePctText: r.share_pct,
    sourceId: r.source_id,
    quote: r.quote,
    datasetRow: Number(r.dataset_row),
  };
}

/** A revision row as a figure with its source, as the revision recorded them. */
export function figureWithSourceFromRevision(r: RevisionRow): ShareFigureWithSource {
  return {
    ...figureFromRow(r),
    source: {
      id: r.source_id,
      publisher: r.publisher,
      title: r.source_title,
      url: r.source_url,
      publishedDate: r.published_date,
      quality: r.source_quality as ShareFigureWithSource['source']['quality'],
    },
  };
}

/**
 * The current figures in the same sets (market, period, publisher) as `incoming`: all that
 * {@link checkSumsWithHeld} compares them with. Read by publisher, 500 at a time, and kept only
 * when their set is one of the incoming ones, so an import never loads the figures of other
 * publishers or periods (a large database's whole market).
 */
async function heldFiguresOfSets(
  db: Db,
  incoming: ReadonlyArray<{ figure: ShareFigure; publisher: string }>,
): Promise<ShareFigureWithSource[]> {
  const key = (marketId: string, period: string, publisher: string) => `${marketId}\u0000${period}\u0000${publisher}`;
  const sets = new Set(incoming.map((i) => key(i.figure.marketId, i.figure.period.label, i.publisher)));
  const markets = [...new Set(incoming.map((i) => i.figure.marketId))];
  const out: ShareFigureWithSource[] = [];
  for (const publishers of chunks([...new Set(incoming.map((i) => i.publisher))])) {
    for (const mkts of chunks(markets)) {
      const rows = await db
        .selectFrom('share_figure_revisions')
        .selectAll()
        .where('valid_to', 'is', null)
        .where('change', '<>', 'withdrawn')
        .where('market_id', 'in', mkts)
        .where('publisher', 'in', publishers)
        .execute();
      for (const r of rows) if (sets.has(key(r.market_id, r.period_label, r.publisher))) out.push(figureWithSourceFromRevision(r));
    }
  }
  return out;
}

/**
 * Figures as they stood at `instant` (an ISO timestamp): for each figure, the revision valid then
 * (`valid_from <= instant < valid_to`), unless it had been withdrawn. Filters by market and
 * period dates in SQL; the caller filters the rest. Snapshot values, so a source page's details
 * and a subject's name are also as they were.
 */
export async function findRevisionsAsOf(
  db: Db,
  instant: string,
  filter: { market?: string | undefined; fromStart?: string | undefined; toEnd?: string | undefined } = {},
): Promise<ShareFigureWithSource[]> {
  let q = db
    .selectFrom('share_figure_revisions')
    .selectAll()
    .where('valid_from', '<=', instant)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', instant)]))
    .where('change', '<>', 'withdrawn');
  if (filter.market) q = q.where('market_id', '=', filter.market);
  if (filter.fromStart) q = q.where('period_start', '>=', filter.fromStart);
  if (filter.toEnd) q = q.where('period_end', '<=', filter.toEnd);
  const rows = await q.execute();
  return rows.map(figureWithSourceFromRevision);
}

/** One revision of a figure with who wrote it, when, and what changed. */
export interface FigureRevision {
  figure: ShareFigureWithSource;
  revision: number;
  change: 'added' | 'revised' | 'withdrawn';
  changedFields: string[];
  validFrom: string;
  validTo: string | null;
  changeset: { id: number; kind: ChangesetKind; actor: string; description: string };
}

function toFigureRevision(r: RevisionRow & { kind: string; actor: string; description: string }): FigureRevision {
  return {
    figure: figureWithSourceFromRevision(r),
    revision: Number(r.revision),
    change: r.change as FigureRevision['change'],
    changedFields: r.changed_fields === '' ? [] : r.changed_fields.split(','),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    changeset: {
      id: Number(r.changeset_id),
      kind: r.kind as ChangesetKind,
      actor: r.actor,
      description: r.description,
    },
  };
}

/** Every revision of one figure, oldest first; empty when the id is unknown. */
export async function listFigureRevisions(db: Db, figureId: string): Promise<FigureRevision[]> {
  const rows = await db
    .selectFrom('share_figure_revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .selectAll('r')
    .select(['c.kind', 'c.actor', 'c.description'])
    .where('r.figure_id', '=', figureId)
    .orderBy('r.revision')
    .execute();
  return rows.map(toFigureRevision);
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
 * Revisions newest first (by change set, then figure id), for the change feed. Each comes with the
 * state it replaced (`previous`), so a feed can say "33% → 35%".
 */
export async function listChanges(
  db: Db,
  filter: ChangeFilter,
): Promise<Array<FigureRevision & { previous: ShareFigureWithSource | null }>> {
  let q = db
    .selectFrom('share_figure_revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .selectAll('r')
    .select(['c.kind', 'c.actor', 'c.description']);
  if (filter.afterChangeset !== undefined) q = q.where('r.changeset_id', '>', filter.afterChangeset);
  if (filter.since) q = q.where('r.valid_from', '>=', filter.since);
  if (filter.market) q = q.where('r.market_id', '=', filter.market);
  const rows = await q.orderBy('r.changeset_id', 'desc').orderBy('r.figure_id').limit(filter.limit).execute();
  const previousKeys = rows.filter((r) => Number(r.revision) > 1);
  const previous = new Map<string, RevisionRow>();
  for (const c of chunks(previousKeys, 200)) {
    const found = await db
      .selectFrom('share_figure_revisions')
      .selectAll()
      .where((eb) =>
        eb.or(c.map((r) => eb.and([eb('figure_id', '=', r.figure_id), eb('revision', '=', Number(r.revision) - 1)]))),
      )
      .execute();
    for (const p of found) previous.set(`${p.figure_id}#${Number(p.revision) + 1}`, p);
  }
  return rows.map((r) => {
    const p = previous.get(`${r.figure_id}#${Number(r.revision)}`);
    return { ...toFigureRevision(r), previous: p ? figureWithSourceFromRevision(p) : null };
  });
}

/** A figure as it currently stands (its latest revision), or null when unknown or withdrawn. */
export async function getCurrentFigure(db: Db, figureId: string): Promise<ShareFigureWithSource | null> {
  const row = await db
    .selectFrom('share_figure_revisions')
    .selectAll()
    .where('figure_id', '=', figureId)
    .where('valid_to', 'is', null)
    .where('change', '<>', 'withdrawn')
    .executeTakeFirst();
  return row ? figureWithSourceFromRevision(row) : null;
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
