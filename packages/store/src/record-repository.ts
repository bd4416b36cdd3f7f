import type { Kysely, Transaction } from 'kysely';
import {
  countChanges,
  planRecords,
  type FigureChangeKind,
  type ModelRelease,
  type PricedModel,
  type PricePoint,
  type RecordChange,
} from '@dash/domain';
import { recordAudit, type AuditInput } from './audit-repository.js';
import { insertChunked } from './insert-chunked.js';
import { createChangeset, lockForWrite, type ChangesetInput } from './revision-repository.js';
import type { Database } from './schema.js';
import { writeTransaction } from './sqlite-writes.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Records with revision history besides share figures: licensing releases and price points. */
export type RecordKind = 'release' | 'price';

/** A price point with the model it prices (so the model can be listed even if the bundled data drops it). */
export type PriceRecord = PricePoint & { model: PricedModel | null };
export type RecordOf<K extends RecordKind> = K extends 'release' ? ModelRelease : PriceRecord;

interface Latest<S> {
  data: S;
  revision: number;
  change: string;
  fromBundle: boolean;
  actor: string;
}

async function loadLatest<S>(db: Db, kind: RecordKind): Promise<Map<string, Latest<S>>> {
  const rows = await db
    .selectFrom('record_revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .select(['r.record_id', 'r.revision', 'r.change', 'r.data', 'c.kind', 'c.actor'])
    .where('r.kind', '=', kind)
    .where('r.valid_to', 'is', null)
    .execute();
  return new Map(
    rows.map((r) => [
      r.record_id,
      {
        data: JSON.parse(r.data) as S,
        revision: Number(r.revision),
        change: r.change,
        fromBundle: r.kind === 'bundled',
        actor: r.kind === 'bundled' ? 'the bundled data' : r.actor,
      },
    ]),
  );
}

/** The state the bundled data last gave each record (unless it withdrew it). */
async function loadBundledBase<S>(db: Db, kind: RecordKind): Promise<Map<string, S>> {
  const rows = await db
    .selectFrom('record_revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .select(['r.record_id', 'r.revision', 'r.change', 'r.data'])
    .where('r.kind', '=', kind)
    .where('c.kind', '=', 'bundled')
    .orderBy('r.record_id')
    .orderBy('r.revision')
    .execute();
  const last = new Map<string, { change: string; data: string }>();
  for (const r of rows) last.set(r.record_id, r);
  return new Map([...last].filter(([, r]) => r.change !== 'withdrawn').map(([id, r]) => [id, JSON.parse(r.data) as S]));
}

export interface RecordWriteResult<S> {
  changes: RecordChange<S>[];
  counts: Record<FigureChangeKind, number>;
}

/**
 * Writes licensing releases or price points as revisions into change set `changesetId` (which the
 * caller has created in this transaction), or only plans them (`dryRun`). Same rules as share
 * figures: added, revised (the old revision stays, closed at `recordedAt`), unchanged; in
 * `bundled` mode the three-way merge that never overwrites another author's revision, and
 * withdrawals of what the bundled data dropped. Rebuild the current-state table afterwards
 * ({@link rebuildReleases}, {@link rebuildPricePoints}).
 */
export async function writeRecords<K extends RecordKind>(
  trx: Transaction<Database>,
  kind: K,
  incoming: ReadonlyArray<RecordOf<K>>,
  options: { mode: 'import' | 'bundled'; recordedAt: string; changesetId: number | null; dryRun?: boolean },
): Promise<RecordWriteResult<RecordOf<K>>> {
  type S = RecordOf<K>;
  const ids = new Set<string>();
  for (const r of incoming) {
    if (ids.has(r.id)) throw new Error(`${kind} ${r.id} appears twice in one write`);
    ids.add(r.id);
  }
  const latest = await loadLatest<S>(trx, kind);
  const current = new Map(
    [...latest]
      .filter(([, l]) => l.change !== 'withdrawn')
      .map(([id, l]) => [id, { state: l.data, currentFromBundle: l.fromBundle, currentActor: l.actor }]),
  );
  const base = options.mode === 'bundled' ? await loadBundledBase<S>(trx, kind) : new Map<string, S>();
  const changes = planRecords<S>(
    options.mode,
    current,
    base,
    incoming.map((r) => ({ id: r.id, state: r, row: r.datasetRow })),
  );
  const counts = countChanges(changes);
  const writes = changes.filter((c) => c.kind === 'added' || c.kind === 'revised' || c.kind === 'withdrawn');
  if (options.dryRun || writes.length === 0 || options.changesetId === null) return { changes, counts };
  const written = writes.map((c) => c.id);
  for (let i = 0; i < written.length; i += 500) {
    await trx
      .updateTable('record_revisions')
      .set({ valid_to: options.recordedAt })
      .where('kind', '=', kind)
      .where('record_id', 'in', written.slice(i, i + 500))
      .where('valid_to', 'is', null)
      .execute();
  }
  await insertChunked(
    trx,
    'record_revisions',
    writes.map((c) => ({
      kind,
      record_id: c.id,
      revision: (latest.get(c.id)?.revision ?? 0) + 1,
      changeset_id: options.changesetId!,
      change: c.kind,
      changed_fields: c.fields.join(','),
      valid_from: options.recordedAt,
      valid_to: null,
      data: JSON.stringify(c.after ?? c.before),
    })),
  );
  return { changes, counts };
}

/**
 * The current records (latest revision, not withdrawn), in display order: records the bundled
 * data gives keep its row numbers; the others follow in the order they were written.
 */
async function currentRecords<S extends { id: string; datasetRow: number }>(db: Db, kind: RecordKind): Promise<S[]> {
  const latest = await loadLatest<S>(db, kind);
  const base = await loadBundledBase<S>(db, kind);
  const bundledRows = [...base.values()].map((r) => r.datasetRow);
  let next = Math.max(0, ...bundledRows);
  const held = [...latest].filter(([, l]) => l.change !== 'withdrawn');
  const fromBase = held
    .filter(([id]) => base.has(id))
    .map(([id, l]) => ({ ...l.data, datasetRow: base.get(id)!.datasetRow }));
  const others = held
    .filter(([id]) => !base.has(id))
    .sort(([a, la], [b, lb]) => la.data.datasetRow - lb.data.datasetRow || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, l]) => ({ ...l.data, datasetRow: ++next }));
  return [...fromBase, ...others];
}

/**
 * Rewrites `model_releases` from the revision history. A record whose family or company the
 * reference data no longer has stays in the history but is left out, and its id is returned.
 */
export async function rebuildReleases(trx: Transaction<Database>): Promise<string[]> {
  const records = await currentRecords<ModelRelease>(trx, 'release');
  const families = new Set((await trx.selectFrom('model_families').select('id').execute()).map((f) => f.id));
  const companies = new Set((await trx.selectFrom('companies').select('id').execute()).map((c) => c.id));
  const shown = records.filter((r) => families.has(r.familyId) && companies.has(r.companyId));
  await trx.deleteFrom('model_releases').execute();
  await insertChunked(
    trx,
    'model_releases',
    shown.map((r) => ({
      id: r.id,
      kind: r.kind,
      family_id: r.familyId,
      company_id: r.companyId,
      name: r.name,
      grade: r.grade,
      licence: r.licence,
      date_text: r.dateText,
      date: r.date,
      url: r.url,
      quote: r.quote,
      quality: r.quality,
      dataset_row: r.datasetRow,
    })),
  );
  return records.filter((r) => !shown.includes(r)).map((r) => r.id);
}

/**
 * Rewrites `price_points` from the revision history, first adding any priced model the current
 * points need that the reference data does not list. A point whose vendor no longer exists stays
 * in the history but is left out, and its id is returned.
 */
export async function rebuildPricePoints(trx: Transaction<Database>): Promise<string[]> {
  const records = await currentRecords<PriceRecord>(trx, 'price');
  const vendors = new Set((await trx.selectFrom('vendors').select('id').execute()).map((v) => v.id));
  const models = new Map(
    (await trx.selectFrom('priced_models').select(['id', 'position']).execute()).map((m) => [m.id, Number(m.position)]),
  );
  let position = Math.max(-1, ...models.values());
  for (const r of records) {
    if (models.has(r.modelId) || !r.model || !vendors.has(r.model.vendorId)) continue;
    const m = r.model;
    await trx
      .insertInto('priced_models')
      .values({
        id: m.id,
        name: m.name,
        vendor_id: m.vendorId,
        family: m.family,
        weights: m.weights,
        license: m.license,
        pricing_models: m.pricingModels.join(';'),
        position: ++position,
      })
      .execute();
    models.set(m.id, position);
  }
  const shown = records.filter((r) => vendors.has(r.vendorId) && models.has(r.modelId));
  await trx.deleteFrom('price_points').execute();
  await insertChunked(
    trx,
    'price_points',
    shown.map((p) => ({
      id: p.id,
      dataset_row: p.datasetRow,
      model_id: p.modelId,
      model_text: p.modelText,
      vendor_id: p.vendorId,
      license: p.license,
      platform: p.platform,
      region: p.region,
      currency: p.currency,
      currency_note: p.currencyNote,
      unit_tokens: p.unitTokens,
      source_input_price: p.sourceInputPrice,
      source_output_price: p.sourceOutputPrice,
      source_cached_input_price: p.sourceCachedInputPrice,
      input_per_mtok: p.inputPerMTok,
      output_per_mtok: p.outputPerMTok,
      cached_input_per_mtok: p.cachedInputPerMTok,
      tier_min_input_tokens: p.tier?.minInputTokens ?? null,
      tier_max_input_tokens: p.tier?.maxInputTokens ?? null,
      effective_text: p.effective.text,
      effective_kind: p.effective.kind,
      effective_from: p.effective.from,
      effective_to: p.effective.to,
      effective_approximate: p.effective.approximate ? 1 : 0,
      effective_note: p.effective.note,
      source_url: p.source.url,
      source_site: p.source.site,
      source_quality: p.source.quality,
      quote: p.source.quote,
    })),
  );
  return records.filter((r) => !shown.includes(r)).map((r) => r.id);
}

/** Every revision of one release or price point, oldest first, with who wrote it and when. */
export async function listRecordRevisions<K extends RecordKind>(db: Db, kind: K, id: string) {
  const rows = await db
    .selectFrom('record_revisions as r')
    .innerJoin('changesets as c', 'c.id', 'r.changeset_id')
    .select([
      'r.revision',
      'r.change',
      'r.changed_fields',
      'r.valid_from',
      'r.valid_to',
      'r.data',
      'c.id as changeset_id',
      'c.kind',
      'c.actor',
      'c.description',
    ])
    .where('r.kind', '=', kind)
    .where('r.record_id', '=', id)
    .orderBy('r.revision')
    .execute();
  return rows.map((r) => ({
    revision: Number(r.revision),
    change: r.change as 'added' | 'revised' | 'withdrawn',
    changedFields: r.changed_fields === '' ? [] : r.changed_fields.split(','),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    record: JSON.parse(r.data) as RecordOf<K>,
    changeset: {
      id: Number(r.changeset_id),
      kind: r.kind as ChangesetInput['kind'],
      actor: r.actor,
      description: r.description,
    },
  }));
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
  return writeTransaction(db, async (trx) => {
    if (options.dryRun) {
      const plan = await writeRecords(trx, kind, records, {
        mode: 'import',
        recordedAt: new Date().toISOString(),
        changesetId: null,
        dryRun: true,
      });
      return { ...plan, changesetId: null, recordedAt: null };
    }
    const recordedAt = await lockForWrite(trx, options.now ?? new Date());
    const changesetId = await createChangeset(trx, options.changeset, recordedAt);
    const result = await writeRecords(trx, kind, records, { mode: 'import', recordedAt, changesetId });
    const { added, revised, withdrawn } = result.counts;
    const written = added + revised + withdrawn > 0;
    if (written) {
      await trx.updateTable('changesets').set({ added, revised, withdrawn }).where('id', '=', changesetId).execute();
      if (kind === 'release') await rebuildReleases(trx);
      else await rebuildPricePoints(trx);
    } else {
      await trx.deleteFrom('changesets').where('id', '=', changesetId).execute();
    }
    if (options.audit) {
      await recordAudit(trx, {
        ...options.audit,
        at: recordedAt,
        outcome: 'ok',
        changesetId: written ? changesetId : null,
        detail: { ...options.audit.detail, kind, added, revised, unchanged: result.counts.unchanged },
      });
    }
    return { ...result, changesetId: written ? changesetId : null, recordedAt: written ? recordedAt : null };
  });
}

/** How the licensing data names companies ("Alibaba (Qwen)" → alibaba). */
export async function listLicensingVendors(db: Db): Promise<Array<{ name: string; companyId: string }>> {
  const rows = await db.selectFrom('licensing_vendors').selectAll().execute();
  return rows
    .map((r) => ({ name: r.name, companyId: r.company_id }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
