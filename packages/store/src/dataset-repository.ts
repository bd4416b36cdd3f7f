import type { Kysely, Transaction } from 'kysely';
import type {
  Company,
  Market,
  MarketEvent,
  MarketSize,
  ModelRelease,
  ShareFigure,
  Source,
  Vendor,
  VendorAlias,
  VendorGroup,
} from '@dash/domain';
import { recordAudit } from './audit-repository.js';
import { newDataRevision } from './changesets.js';
import { writeChangeSet, type Descriptor, type Stored } from './engine.js';
import { insertChunked } from './insert-chunked.js';
import { insertOpennessAndSizes, OPENNESS_AND_SIZE_TABLES, type OpennessAndSizes } from './openness-repository.js';
import { insertPricing, PRICING_TABLES, type BundledPricing } from './pricing-repository.js';
import { eventKind, marketSizeKind, priceKind, releaseKind, type PriceRecord } from './record-kinds.js';
import type { RecordWriteResult } from './record-repository.js';
import type { ShareWriteResult } from './revision-repository.js';
import type { Database } from './schema.js';
import { plannedChange, shareKind, sharesOf, upsertGroups } from './share-kind.js';

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
  events?: { events: readonly MarketEvent[] };
}

/** The dataset version currently loaded, or null for an empty database. */
export async function getDatasetVersion(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('dataset_meta').select('value').where('key', '=', 'version').executeTakeFirst();
  return row?.value ?? null;
}

/** What a bundled load did, kind by kind (figures in the fields of ShareWriteResult). */
export interface BundledLoadResult extends ShareWriteResult {
  releases: RecordWriteResult<ModelRelease>;
  prices: RecordWriteResult<PriceRecord>;
  marketSizes: RecordWriteResult<MarketSize>;
  events: RecordWriteResult<MarketEvent>;
  /** Records kept in the history but not shown, because the reference data no longer has their family, company, vendor or market. */
  hidden: string[];
}

/**
 * Loads a version of the bundled dataset as an import like any other, in one transaction and one
 * change set attributed to "bundled dataset <version>": readers see the database before or after
 * it, a failure part-way leaves it as it was, and loading the same version twice changes nothing.
 * Every revisioned kind (figures, releases, prices, market sizes, events) goes through the change
 * set writer in `bundled` mode: added, revised, withdrawn when the bundled data dropped it, and
 * never over an editor's or import's revision (a bundled change to such a record is a conflict,
 * reported in the result and the change set's details). Reference data (companies, vendors,
 * aliases, markets, groups) is upserted, and rows the new version drops are deleted unless a
 * figure still refers to them; model families, priced models, exchange rates and head-to-head
 * pairs are bundled-only and replaced as a whole. Concurrent loads (several API instances
 * starting at once on one PostgreSQL database) run one after the other.
 */
export async function loadBundledDataset(db: Kysely<Database>, data: BundledData, now = new Date()): Promise<BundledLoadResult> {
  const actor = `bundled dataset ${data.version}`;
  const result = await writeChangeSet(
    db,
    { changeset: { kind: 'bundled', actor, description: actor }, mode: 'bundled', now },
    async (set) => {
      const trx = set.trx;
      // Bundled-only tables, replaced as a whole (children first).
      for (const t of [...PRICING_TABLES, ...OPENNESS_AND_SIZE_TABLES] as const) await trx.deleteFrom(t).execute();
      await upsertReferenceData(trx, data);
      const shares = set.kind(shareKind());
      await shares.write(sharesOf(data));
      const figures = await shares.end();
      await deleteDroppedReferenceData(trx, data);
      await insertOpennessAndSizes(trx, { ...data, openness: { ...data.openness, releases: [] }, marketSizes: { sizes: [] } });
      await insertPricing(trx, { ...data.pricing, points: [] });
      const models = new Map(data.pricing.models.map((m) => [m.id, m]));
      const orphan = data.pricing.points.find((p) => !models.has(p.modelId));
      if (orphan) throw new Error(`bundled dataset ${data.version}: price point ${orphan.id} names unknown model "${orphan.modelId}"`);
      const write = async <S extends Stored>(d: Descriptor<S>, records: readonly S[]) => {
        const w = set.kind(d);
        await w.write(records);
        return w.end();
      };
      const releases = await write(releaseKind, data.openness.releases);
      const prices = await write(priceKind, data.pricing.points.map((p) => ({ ...p, model: models.get(p.modelId) ?? null })));
      const marketSizes = await write(marketSizeKind, data.marketSizes.sizes);
      const events = await write(eventKind, data.events?.events ?? []);
      const version = { key: 'version', value: data.version, updated_at: set.recordedAt };
      await trx
        .insertInto('dataset_meta')
        .values(version)
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: version.value, updated_at: version.updated_at }))
        .execute();
      await newDataRevision(trx, set.recordedAt);
      const hidden = [releases, prices, marketSizes, events].flatMap((k) => k.hidden);
      return { ...figures, changes: figures.changes.map(plannedChange), releases, prices, marketSizes, events, hidden };
    },
    async (trx, r) => {
      const detail = { shares: r.counts, releases: r.releases.counts, prices: r.prices.counts, marketSizes: r.marketSizes.counts, events: r.events.counts };
      await recordAudit(trx, {
        at: r.recordedAt!,
        actor,
        action: 'bundled.load',
        target: data.version,
        outcome: 'ok',
        changesetId: r.changesetId,
        detail: { ...detail, ...(r.hidden.length > 0 ? { hidden: r.hidden } : {}) },
      });
    },
  );
  if (result!.issues.length > 0) {
    throw new Error(`bundled dataset ${data.version} cannot be loaded:\n${result!.issues.map((i) => `  row ${i.row}: ${i.message}`).join('\n')}`);
  }
  return result!;
}

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
