import type { Kysely } from 'kysely';
import type { Company, Market, ShareFigure, Source, Vendor, VendorAlias, VendorGroup } from '@dash/domain';
import { insertChunked } from './insert-chunked.js';
import { insertOpennessAndSizes, OPENNESS_AND_SIZE_TABLES, type OpennessAndSizes } from './openness-repository.js';
import { insertPricing, PRICING_TABLES, type BundledPricing } from './pricing-repository.js';
import type { Database } from './schema.js';

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
 * Replaces all data with `data` in one transaction: readers see either the old dataset or the new
 * one, never a mix, and a failure part-way leaves the old one in place. Concurrent replacements
 * (several API instances starting at once on one PostgreSQL database) run one after the other.
 */
export async function replaceDataset(db: Kysely<Database>, data: BundledData, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Write the version row first: it is the dataset's write lock. A second replacement waits on
    // this row until the first commits, instead of failing on rows the first is replacing.
    const version = { key: 'version', value: data.version, updated_at: now.toISOString() };
    await trx
      .insertInto('dataset_meta')
      .values(version)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: version.value, updated_at: version.updated_at }))
      .execute();
    await trx.deleteFrom('dataset_meta').where('key', '<>', 'version').execute();
    for (const t of [
      ...PRICING_TABLES,
      ...OPENNESS_AND_SIZE_TABLES,
      'share_figure_vendors',
      'share_figures',
      'sources',
      'vendor_group_members',
      'vendor_groups',
      'market_source_names',
      'markets',
      'vendor_aliases',
      'vendors',
      'companies',
    ] as const) {
      await trx.deleteFrom(t).execute();
    }
    await insertChunked(trx, 'companies', data.companies.map((c) => ({ ...c })));
    await insertChunked(
      trx,
      'vendors',
      data.vendors.map((v) => ({ id: v.id, name: v.name, parent_id: v.parentId, country: v.country })),
    );
    await insertChunked(trx, 'vendor_aliases', [
      ...data.vendors.flatMap((v) => v.aliases.map((alias) => ({ alias, vendor_id: v.id, model_family: null }))),
      ...data.aliases.map((a) => ({ alias: a.alias, vendor_id: a.vendorId, model_family: a.modelFamily })),
    ].map((a, position) => ({ ...a, position })));
    await insertChunked(
      trx,
      'markets',
      data.markets.map((m, position) => ({
        id: m.id,
        name: m.name,
        region: m.region,
        metric_basis: m.metricBasis,
        metric: m.metric,
        scope: m.scope,
        subject_level: m.subjectLevel,
        short_name: m.shortName,
        position,
      })),
    );
    await insertChunked(
      trx,
      'market_source_names',
      data.markets.flatMap((m) => m.sourceNames.map((s) => ({ market_id: m.id, market_text: s.market, metric_text: s.metric }))),
    );
    await insertChunked(trx, 'vendor_groups', data.groups.map((g) => ({ id: g.id, name: g.name })));
    await insertChunked(
      trx,
      'vendor_group_members',
      data.groups.flatMap((g) => g.vendorIds.map((vendor_id, position) => ({ group_id: g.id, vendor_id, position }))),
    );
    await insertChunked(
      trx,
      'sources',
      data.sources.map((s) => ({
        id: s.id,
        publisher: s.publisher,
        title: s.title,
        url: s.url,
        published_date: s.publishedDate,
        quality: s.quality,
      })),
    );
    await insertChunked(
      trx,
      'share_figures',
      data.figures.map((f) => ({
        id: f.id,
        market_id: f.marketId,
        subject_kind: f.subjectKind,
        subject_id: f.subjectId,
        subject_name: f.subjectName,
        model_family: f.modelFamily,
        period_label: f.period.label,
        period_kind: f.period.kind,
        period_start: f.period.startDate,
        period_end: f.period.endDate,
        share_pct: f.sharePctText,
        source_id: f.sourceId,
        quote: f.quote,
        dataset_row: f.datasetRow,
      })),
    );
    await insertChunked(
      trx,
      'share_figure_vendors',
      data.figures.flatMap((f) => f.vendorIds.map((vendor_id, position) => ({ figure_id: f.id, vendor_id, position }))),
    );
    await insertOpennessAndSizes(trx, data);
    await insertPricing(trx, data.pricing);
  });
}
