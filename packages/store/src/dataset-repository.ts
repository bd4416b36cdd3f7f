import type { Kysely, Transaction } from 'kysely';
import type { Company, Market, ModelRelease, ShareFigure, Source, Vendor, VendorAlias, VendorGroup } from '@dash/domain';
import { insertChunked } from './insert-chunked.js';
import { insertOpennessAndSizes, OPENNESS_AND_SIZE_TABLES, type OpennessAndSizes } from './openness-repository.js';
import { insertPricing, PRICING_TABLES, type BundledPricing } from './pricing-repository.js';
import { replaceEvents } from './events-repository.js';
import { recordAudit } from './audit-repository.js';
import { rebuildPricePoints, rebuildReleases, writeRecords, type PriceRecord, type RecordWriteResult } from './record-repository.js';
import { createChangeset, lockForWrite, upsertGroups, writeShareFigures, type ShareWriteResult } from './revision-repository.js';
import type { Database } from './schema.js';
import { writeTransaction } from './sqlite-writes.js';

/** What the store loads: the bundled dataset's reference data and normalized figures. */
export interface BundledData {
  version: string;
  companies: readonly Company[];
  vendors: readonly Vendor[];
  aliases: readonly VendorAlias[];
  markets: readonly Market[];
  sources: readonly Source[];
  groups: readonly VendorGroup[];
  figures: readonly ShareFigure[];
  openness: OpennessAndSizes['openness'];
  marketSizes: OpennessAndSizes['marketSizes'];
  pricing: BundledPricing;
}

/** The dataset version currently loaded, or null for an empty database. */
export async function getDatasetVersion(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('dataset_meta').select('value').where('key', '=', 'version').executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Loads a version of the bundled dataset as an import like any other, in one transaction:
 * readers see the database before or after it, never a mix, and a failure part-way (or the
 * process dying) leaves it as it was. Share figures are written as revisions attributed to
 * "bundled dataset <version>" by the three-way merge of `planBundledLoad` (@dash/domain): new
 * figures are added, figures the bundled data changed are revised, figures it dropped are
 * withdrawn, and an editor's or import's revision is never overwritten (a bundled change to such
 * a figure is reported as a conflict in the result and the change set's details). History is
 * never deleted. Reference data (companies, vendors, aliases, markets) is upserted; rows the new
 * version drops are deleted unless a figure still refers to them. Licensing releases and price
 * points are revisioned the same way (`record_revisions`); model families, market totals, priced
 * models, exchange rates and head-to-head pairs are bundled-only and replaced as a whole. All of a
 * version's changes form one change set. Loading the same version twice
 * changes nothing. Concurrent loads (several API instances starting at once on one PostgreSQL
 * database) run one after the other.
 */
/** What a bundled load did: to share figures (the fields of ShareWriteResult), releases and prices. */
export interface BundledLoadResult extends ShareWriteResult {
  releases: RecordWriteResult<ModelRelease>;
  prices: RecordWriteResult<PriceRecord>;
  /** Records kept in the history but not shown, because the reference data no longer has their family, company or vendor. */
  hidden: string[];
}

export async function loadBundledDataset(db: Kysely<Database>, data: BundledData, now = new Date()): Promise<BundledLoadResult> {
  return writeTransaction(db, async (trx) => {
    // The write lock first: a second loader or importer waits here until this one commits.
    const recordedAt = await lockForWrite(trx, now);
    // Bundled-only tables, replaced as a whole (children first).
    for (const t of [...PRICING_TABLES, ...OPENNESS_AND_SIZE_TABLES] as const) {
      await trx.deleteFrom(t).execute();
    }
    await upsertReferenceData(trx, data);
    const actor = `bundled dataset ${data.version}`;
    // One change set for everything this version changes (dropped again if it changes nothing).
    const changesetId = await createChangeset(trx, { kind: 'bundled', actor, description: actor }, recordedAt);
    const result = await writeShareFigures(
      trx,
      { figures: data.figures, sources: data.sources, groups: data.groups },
      { mode: 'bundled', changeset: { kind: 'bundled', actor, description: actor }, recordedAt, changesetId },
    );
    if (result.issues.length > 0) {
      throw new Error(`bundled dataset ${data.version} cannot be loaded:\n${result.issues.map((i) => `  row ${i.row}: ${i.message}`).join('\n')}`);
    }
    await deleteDroppedReferenceData(trx, data);
    // Families, totals, models, rates and pairs are bundled-only; releases and price points are
    // revisioned records, merged like share figures and then rebuilt from their history.
    await insertOpennessAndSizes(trx, { ...data, openness: { ...data.openness, releases: [] } });
    await insertPricing(trx, { ...data.pricing, points: [] });
    const models = new Map(data.pricing.models.map((m) => [m.id, m]));
    const orphan = data.pricing.points.find((p) => !models.has(p.modelId));
    if (orphan) throw new Error(`bundled dataset ${data.version}: price point ${orphan.id} names unknown model "${orphan.modelId}"`);
    const records = { mode: 'bundled' as const, recordedAt, changesetId };
    const releases = await writeRecords(trx, 'release', data.openness.releases, records);
    const prices = await writeRecords(trx, 'price', data.pricing.points.map((p) => ({ ...p, model: models.get(p.modelId) ?? null })), records);
    const hidden = [...(await rebuildReleases(trx)), ...(await rebuildPricePoints(trx))];
    const sum = (k: 'added' | 'revised' | 'withdrawn') => result.counts[k] + releases.counts[k] + prices.counts[k];
    const details = [
      ...result.changes.filter((c) => c.kind === 'conflict' || c.kind === 'kept').map((c) => ({ kind: c.kind, figureId: c.figureId, reason: c.reason })),
      ...[...releases.changes, ...prices.changes].filter((c) => c.kind === 'conflict' || c.kind === 'kept').map((c) => ({ kind: c.kind, recordId: c.id, reason: c.reason })),
    ];
    const written = sum('added') + sum('revised') + sum('withdrawn') > 0;
    if (written) {
      await trx
        .updateTable('changesets')
        .set({ added: sum('added'), revised: sum('revised'), withdrawn: sum('withdrawn'), details: details.length > 0 ? JSON.stringify(details) : null })
        .where('id', '=', changesetId)
        .execute();
    } else {
      await trx.deleteFrom('changesets').where('id', '=', changesetId).execute();
    }
    await recordAudit(trx, {
      at: recordedAt,
      actor,
      action: 'bundled.load',
      target: data.version,
      outcome: 'ok',
      changesetId: written ? changesetId : null,
      detail: { shares: result.counts, releases: releases.counts, prices: prices.counts, ...(hidden.length > 0 ? { hidden } : {}) },
    });
    await replaceEvents(trx, data);
    const version = { key: 'version', value: data.version, updated_at: recordedAt };
    await trx
      .insertInto('dataset_meta')
      .values(version)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: version.value, updated_at: version.updated_at }))
      .execute();
    return { ...result, changesetId: written ? changesetId : null, recordedAt: written ? recordedAt : null, releases, prices, hidden };
  });
}

/** @deprecated The bundled dataset is no longer replaced but imported: use {@link loadBundledDataset}. */
export const replaceDataset = loadBundledDataset;

async function upsertReferenceData(trx: Transaction<Database>, data: BundledData) {
  for (const c of data.companies) {
    await trx
      .insertInto('companies')
      .values({ id: c.id, name: c.name, country: c.country, color: c.color })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: c.name, country: c.country, color: c.color }))
      .execute();
  }
  for (const v of data.vendors) {
    await trx
      .insertInto('vendors')
      .values({ id: v.id, name: v.name, parent_id: v.parentId, country: v.country })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: v.name, parent_id: v.parentId, country: v.country }))
      .execute();
  }
  // Nothing refers to aliases or source wordings: replaced as a whole.
  await trx.deleteFrom('vendor_aliases').execute();
  await insertChunked(trx, 'vendor_aliases', [
    ...data.vendors.flatMap((v) => v.aliases.map((alias) => ({ alias, vendor_id: v.id, model_family: null }))),
    ...data.aliases.map((a) => ({ alias: a.alias, vendor_id: a.vendorId, model_family: a.modelFamily })),
  ].map((a, position) => ({ ...a, position })));
  for (const [position, m] of data.markets.entries()) {
    const values = {
      name: m.name,
      region: m.region,
      metric_basis: m.metricBasis,
      metric: m.metric,
      scope: m.scope,
      subject_level: m.subjectLevel,
      short_name: m.shortName,
      position,
    };
    await trx
      .insertInto('markets')
      .values({ id: m.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }
  await trx.deleteFrom('market_source_names').execute();
  await insertChunked(
    trx,
    'market_source_names',
    data.markets.flatMap((m) => m.sourceNames.map((s) => ({ market_id: m.id, market_text: s.market, metric_text: s.metric }))),
  );
  await upsertGroups(trx, data.groups);
}

/** Deletes vendors, companies and markets the bundled data no longer lists and no figure refers to. */
async function deleteDroppedReferenceData(trx: Transaction<Database>, data: BundledData) {
  const vendorIds = data.vendors.map((v) => v.id);
  await trx
    .deleteFrom('vendors')
    .where('id', 'not in', vendorIds.length > 0 ? vendorIds : [''])
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(eb.selectFrom('share_figure_vendors as fv').select('fv.vendor_id').whereRef('fv.vendor_id', '=', 'vendors.id')),
          eb.exists(eb.selectFrom('vendor_group_members as gm').select('gm.vendor_id').whereRef('gm.vendor_id', '=', 'vendors.id')),
        ]),
      ),
    )
    .execute();
  const companyIds = data.companies.map((c) => c.id);
  await trx
    .deleteFrom('companies')
    .where('id', 'not in', companyIds.length > 0 ? companyIds : [''])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('vendors as v').select('v.id').whereRef('v.parent_id', '=', 'companies.id'))))
    .execute();
  const marketIds = data.markets.map((m) => m.id);
  await trx
    .deleteFrom('markets')
    .where('id', 'not in', marketIds.length > 0 ? marketIds : [''])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('share_figures as f').select('f.id').whereRef('f.market_id', '=', 'markets.id'))))
    .execute();
}
