import type { Kysely, Transaction } from 'kysely';
import {
  countChanges,
  planChanges,
  type FigureChangeKind,
  type HeldRecord,
  type RecordChange,
  type RowIssue,
} from '@dash/domain';
import { createChangeset, lockForWrite, type ChangesetInput } from './changesets.js';
import { insertChunked } from './insert-chunked.js';
import type { Database } from './schema.js';
import { writeTransaction } from './sqlite-writes.js';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** The kinds of record with revision history; adding one is a descriptor and a migration. */
export type RevisionKind = 'share' | 'release' | 'price' | 'market-size' | 'event';

/** What every stored state has: its identity and the row of the file it came from. */
export interface Stored {
  id: string;
  datasetRow: number;
}

/**
 * How one kind of record is revisioned: the snapshot (`S`, stored as JSON) is the record itself,
 * its `id` the identity; the rest says what is compared and how the current-state tables follow.
 */
export interface Descriptor<S extends Stored> {
  kind: RevisionKind;
  /** The fields that differ between two states (as users name them), empty when equal. */
  diff(a: S, b: S): string[];
  /** What as-of reads filter and order by (a share's market, period end and start). */
  scope?(s: S): { scope: string; sortKey: string };
  /** More states the database implies for a chunk (a changed source page revises every figure citing it). */
  related?(trx: Trx, chunk: readonly S[], seen: ReadonlySet<string>): Promise<Array<{ state: S; row: number }>>;
  /** Brings the current-state rows of what one chunk wrote up to date (`state` null: withdrawn). */
  apply?(trx: Trx, written: ReadonlyArray<{ id: string; state: S | null }>): Promise<void>;
  /** Checks of the whole write, run against the database once every chunk is applied, before commit. */
  check?(trx: Trx, applied: ReadonlyArray<RecordChange<S>>): Promise<RowIssue[]>;
  /** Rewrites a small current-state table from the current records; returns the ids it leaves out. */
  rebuild?(trx: Trx, current: S[]): Promise<string[]>;
}

export interface KindResult<S> {
  changes: RecordChange<S>[];
  counts: Record<FigureChangeKind, number>;
  /** Problems that stop the write; the caller rolls the transaction back when non-empty. */
  issues: RowIssue[];
  /** Current records the rebuilt table leaves out (their family, company or vendor is gone). */
  hidden: string[];
}

export const chunks = <T>(xs: readonly T[], n = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

interface Latest<S> {
  held: HeldRecord<S>;
  revision: number;
  withdrawn: boolean;
}

/** The latest revision of each record of `kind` (those listed, or all), with who wrote it. */
export async function loadLatest<S>(
  db: Db,
  kind: RevisionKind,
  ids: readonly string[] | 'all',
): Promise<Map<string, Latest<S>>> {
  const base = () =>
    db
      .selectFrom('revisions as r')
      .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
      .select(['r.record_id', 'r.revision', 'r.change', 'r.data', 'c.kind', 'c.actor'])
      .where('r.kind', '=', kind)
      .where('r.valid_to', 'is', null);
  const rows =
    ids === 'all'
      ? await base().execute()
      : (await Promise.all(chunks(ids).map((c) => base().where('r.record_id', 'in', c).execute()))).flat();
  const out = new Map<string, Latest<S>>();
  for (const r of rows) {
    const fromBundle = r.kind === 'bundled';
    out.set(r.record_id, {
      held: {
        state: JSON.parse(r.data) as S,
        currentFromBundle: fromBundle,
        currentActor: fromBundle ? 'the bundled data' : r.actor,
      },
      revision: Number(r.revision),
      withdrawn: r.change === 'withdrawn',
    });
  }
  return out;
}

/** The state the bundled data last gave each record (those listed, or all), unless it withdrew it. */
export async function loadBundledBase<S>(
  db: Db,
  kind: RevisionKind,
  ids: readonly string[] | 'all',
): Promise<Map<string, S>> {
  const base = () =>
    db
      .selectFrom('revisions as r')
      .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
      .select(['r.record_id', 'r.revision', 'r.change', 'r.data'])
      .where('r.kind', '=', kind)
      .where('c.kind', '=', 'bundled');
  const rows =
    ids === 'all'
      ? await base().execute()
      : (await Promise.all(chunks(ids).map((c) => base().where('r.record_id', 'in', c).execute()))).flat();
  const last = new Map<string, { revision: number; change: string; data: string }>();
  for (const r of rows) {
    const seen = last.get(r.record_id);
    if (!seen || seen.revision < Number(r.revision)) last.set(r.record_id, { ...r, revision: Number(r.revision) });
  }
  return new Map([...last].filter(([, r]) => r.change !== 'withdrawn').map(([id, r]) => [id, JSON.parse(r.data) as S]));
}

/**
 * One change set, written by kind: `write` plans a chunk against the current and bundled-base
 * state of just its ids (the one planner, `planChanges`), and appends the revisions and current
 * rows of what changed; `end` plans the withdrawals (bundled loads), runs the kind's checks and
 * rebuilds. The change set row is created with the first revision (a write that changes nothing
 * records none) and its counts are written by `close`. All in the caller's transaction, which
 * holds the write lock ({@link lockForWrite}).
 */
export class ChangeSetWriter {
  changesetId: number | null = null;
  private readonly totals = { added: 0, revised: 0, withdrawn: 0 };
  private readonly details: unknown[] = [];

  constructor(
    readonly trx: Trx,
    readonly input: ChangesetInput,
    readonly mode: 'import' | 'bundled',
    readonly recordedAt: string,
  ) {}

  kind<S extends Stored>(d: Descriptor<S>, options: { requireNew?: boolean } = {}): KindWriter<S> {
    return new KindWriter(this, d, options.requireNew ?? false);
  }

  /** @internal Appends revisions of `changes` (added, revised, withdrawn) after `latest`. */
  async append<S extends Stored>(d: Descriptor<S>, changes: RecordChange<S>[], latest: ReadonlyMap<string, Latest<S>>) {
    for (const c of changes) this.totals[c.kind as 'added' | 'revised' | 'withdrawn'] += 1;
    if (changes.length === 0) return;
    this.changesetId ??= await createChangeset(this.trx, this.input, this.recordedAt);
    const at = this.recordedAt;
    for (const c of chunks(changes.filter((x) => x.kind !== 'added').map((x) => x.id))) {
      await this.trx
        .updateTable('revisions')
        .set({ valid_to: at })
        .where('kind', '=', d.kind)
        .where('record_id', 'in', c)
        .where('valid_to', 'is', null)
        .execute();
    }
    await insertChunked(
      this.trx,
      'revisions',
      changes.map((c) => {
        const state = (c.after ?? c.before)!;
        const scope = d.scope?.(state);
        return {
          kind: d.kind,
          record_id: c.id,
          revision: (latest.get(c.id)?.revision ?? 0) + 1,
          changeset_id: this.changesetId!,
          change: c.kind,
          changed_fields: c.fields.join(','),
          valid_from: at,
          valid_to: null,
          scope: scope?.scope ?? null,
          sort_key: scope?.sortKey ?? null,
          data: JSON.stringify(state),
        };
      }),
    );
    await d.apply?.(
      this.trx,
      changes.map((c) => ({ id: c.id, state: c.kind === 'withdrawn' ? null : c.after })),
    );
  }

  /** @internal */
  note(d: Descriptor<Stored>, changes: readonly RecordChange<unknown>[]) {
    for (const c of changes)
      if (c.kind === 'conflict' || c.kind === 'kept')
        this.details.push({ kind: c.kind, record: d.kind, id: c.id, reason: c.reason });
  }

  /** Writes the change set's counts and what it left alone; returns its id, null when it wrote nothing. */
  async close(): Promise<number | null> {
    if (this.changesetId === null) return null;
    const details = this.details.length > 0 ? JSON.stringify(this.details) : null;
    await this.trx
      .updateTable('changesets')
      .set({ ...this.totals, details })
      .where('id', '=', this.changesetId)
      .execute();
    return this.changesetId;
  }
}

/** The writes of one kind into a {@link ChangeSetWriter}: `write` each chunk, then `end` once. */
export class KindWriter<S extends Stored> {
  readonly changes: RecordChange<S>[] = [];
  private readonly issues: RowIssue[] = [];
  private readonly seen = new Set<string>();
  private wrote = false;

  constructor(
    private readonly set: ChangeSetWriter,
    private readonly d: Descriptor<S>,
    private readonly requireNew: boolean,
  ) {}

  async write(chunk: readonly S[]): Promise<void> {
    const { trx, mode } = this.set;
    for (const r of chunk) {
      if (this.seen.has(r.id)) throw new Error(`${this.d.kind} ${r.id} appears twice in one write`);
      this.seen.add(r.id);
    }
    const related = (await this.d.related?.(trx, chunk, this.seen)) ?? [];
    for (const r of related) this.seen.add(r.state.id);
    const incoming = [
      ...chunk.map((state) => ({ id: state.id, state, row: state.datasetRow })),
      ...related.map((r) => ({ id: r.state.id, ...r })),
    ];
    const ids = incoming.map((r) => r.id);
    const latest = await loadLatest<S>(trx, this.d.kind, ids);
    const base = mode === 'bundled' ? await loadBundledBase<S>(trx, this.d.kind, ids) : new Map<string, S>();
    const current = new Map([...latest].filter(([, l]) => !l.withdrawn).map(([id, l]) => [id, l.held]));
    const plan = planChanges<S>(mode, current, base, incoming, (a, b) => this.d.diff(a, b));
    if (this.requireNew) {
      for (const c of plan.filter((x) => x.kind !== 'added')) {
        this.issues.push({
          row: c.row,
          column: 'figure_id',
          message: `figure ${c.id} already exists; revise it with PATCH /api/v1/shares/${c.id}`,
        });
      }
    }
    await this.apply(plan, latest);
  }

  private async apply(plan: RecordChange<S>[], latest: ReadonlyMap<string, Latest<S>>) {
    this.changes.push(...plan);
    this.set.note(this.d as unknown as Descriptor<Stored>, plan);
    if (this.issues.length > 0) return;
    const writes = plan.filter((c) => c.kind === 'added' || c.kind === 'revised' || c.kind === 'withdrawn');
    if (writes.length > 0) this.wrote = true;
    await this.set.append(this.d, writes, latest);
  }

  /** Withdrawals (bundled loads), the kind's checks and rebuild; the caller rolls back on issues. */
  async end(): Promise<KindResult<S>> {
    const { trx, mode } = this.set;
    if (mode === 'bundled' && this.issues.length === 0) {
      const latest = await loadLatest<S>(trx, this.d.kind, 'all');
      const unseen = new Map(
        [...latest].filter(([id, l]) => !l.withdrawn && !this.seen.has(id)).map(([id, l]) => [id, l.held]),
      );
      const base = await loadBundledBase<S>(trx, this.d.kind, [...unseen.keys()]);
      await this.apply(
        planChanges<S>('bundled', unseen, base, [], (a, b) => this.d.diff(a, b)),
        latest,
      );
    }
    // Bundled data is checked when it is normalized; imports and editors' writes here.
    if (mode === 'import' && this.issues.length === 0 && this.d.check) {
      this.issues.push(
        ...(await this.d.check(
          trx,
          this.changes.filter((c) => c.kind === 'added' || c.kind === 'revised'),
        )),
      );
    }
    let hidden: string[] = [];
    if (this.issues.length === 0 && this.d.rebuild && (this.wrote || mode === 'bundled')) {
      hidden = await this.d.rebuild(trx, await currentRecords<S>(trx, this.d.kind));
    }
    return { changes: this.changes, counts: countChanges(this.changes), issues: this.issues, hidden };
  }
}

/**
 * The current records of a kind (latest revision, not withdrawn), in display order: records the
 * bundled data gives keep its row numbers; the others follow in the order they were written.
 */
async function currentRecords<S extends Stored>(db: Db, kind: RevisionKind): Promise<S[]> {
  const latest = await loadLatest<S>(db, kind, 'all');
  const base = await loadBundledBase<S>(db, kind, 'all');
  let next = Math.max(0, ...[...base.values()].map((r) => r.datasetRow));
  const held = [...latest].filter(([, l]) => !l.withdrawn);
  const fromBase = held
    .filter(([id]) => base.has(id))
    .map(([id, l]) => ({ ...l.held.state, datasetRow: base.get(id)!.datasetRow }));
  const others = held
    .filter(([id]) => !base.has(id))
    .sort(([a, la], [b, lb]) => la.held.state.datasetRow - lb.held.state.datasetRow || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, l]) => ({ ...l.held.state, datasetRow: ++next }));
  return [...fromBase, ...others];
}

class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}

export interface Written {
  changesetId: number | null;
  recordedAt: string | null;
}

/**
 * One write, all or nothing: a transaction that takes the write lock, hands `body` a
 * {@link ChangeSetWriter}, closes the change set and commits; a result with issues, or a dry run,
 * is rolled back (so a dry run plans and checks exactly what the write would). `body` returning
 * null writes nothing. `after` runs in the transaction before commit (the audit entry).
 */
export async function writeChangeSet<T extends { issues: readonly RowIssue[] }>(
  db: Kysely<Database>,
  options: {
    changeset: ChangesetInput;
    mode: 'import' | 'bundled';
    now?: Date | undefined;
    dryRun?: boolean | undefined;
  },
  body: (set: ChangeSetWriter) => Promise<T | null>,
  after?: (trx: Trx, result: T & Written) => Promise<void>,
): Promise<(T & Written) | null> {
  try {
    return await writeTransaction(db, async (trx) => {
      const recordedAt = await lockForWrite(trx, options.now ?? new Date());
      const set = new ChangeSetWriter(trx, options.changeset, options.mode, recordedAt);
      const result = await body(set);
      if (!result) return null;
      const changesetId = await set.close();
      const written = { ...result, changesetId, recordedAt: changesetId === null ? null : recordedAt };
      if (options.dryRun || result.issues.length > 0)
        throw new Rollback({ ...written, changesetId: null, recordedAt: null });
      await after?.(trx, { ...written, recordedAt });
      return written;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result as T & Written;
    throw err;
  }
}
