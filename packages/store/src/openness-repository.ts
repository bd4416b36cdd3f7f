import type { Kysely, Transaction } from 'kysely';
import type { Market, MarketSize, ModelFamily, ModelRelease } from '@dash/domain';
import { insertChunked } from './insert-chunked.js';
import type { Database } from './schema.js';

export interface OpennessAndSizes {
  markets: readonly Market[];
  openness: {
    licensingVendors: ReadonlyArray<{ name: string; companyId: string }>;
    families: readonly ModelFamily[];
    releases: readonly ModelRelease[];
  };
  marketSizes: { sizes: readonly MarketSize[] };
}

/** Tables this module fills, children first (the order to delete them in). */
export const OPENNESS_AND_SIZE_TABLES = [
  'market_sizes',
  'model_releases',
  'model_family_prefixes',
  'model_families',
  'licensing_vendors',
  'market_size_names',
] as const;

/** A ModelRelease as a `model_releases` row. */
export const releaseRow = (r: ModelRelease): Database['model_releases'] => ({
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
});

/** A MarketSize as a `market_sizes` row. */
export const marketSizeRow = (z: MarketSize): Database['market_sizes'] => ({
  id: z.id,
  market_id: z.marketId,
  market_text: z.marketText,
  region: z.region,
  period_text: z.periodText,
  period_label: z.period?.label ?? null,
  period_kind: z.period?.kind ?? null,
  period_start: z.period?.startDate ?? null,
  period_end: z.period?.endDate ?? null,
  forecast: z.forecast ? 1 : 0,
  value: z.value,
  unit: z.unit,
  lower_bound: z.lowerBound ? 1 : 0,
  publisher: z.publisher,
  publisher_text: z.publisherText,
  published_date: z.publishedDate,
  url: z.url,
  quote: z.quote,
  quality: z.quality,
  dataset_row: z.datasetRow,
});

/** Writes families, releases, totals and the markets' total wordings; part of loadBundledDataset's transaction. */
export async function insertOpennessAndSizes(trx: Transaction<Database>, data: OpennessAndSizes) {
  await insertChunked(
    trx,
    'market_size_names',
    data.markets.flatMap((m) => m.sizeNames.map((name, position) => ({ market_id: m.id, name, position }))),
  );
  await insertChunked(
    trx,
    'licensing_vendors',
    data.openness.licensingVendors.map((v) => ({ name: v.name, company_id: v.companyId })),
  );
  await insertChunked(
    trx,
    'model_families',
    data.openness.families.map((f, position) => ({ id: f.id, name: f.name, company_id: f.companyId, vendor_id: f.vendorId, position })),
  );
  await insertChunked(
    trx,
    'model_family_prefixes',
    data.openness.families.flatMap((f) => f.prefixes.map((prefix, position) => ({ family_id: f.id, prefix, position }))),
  );
  await insertChunked(trx, 'model_releases', data.openness.releases.map(releaseRow));
  await insertChunked(trx, 'market_sizes', data.marketSizes.sizes.map(marketSizeRow));
}

/** Model families in curated order, with the prefixes that assign licensing rows to them. */
export async function listFamilies(db: Kysely<Database>): Promise<ModelFamily[]> {
  const families = await db.selectFrom('model_families').selectAll().orderBy('position').execute();
  const prefixes = await db.selectFrom('model_family_prefixes').selectAll().orderBy('position').execute();
  return families.map((f) => ({
    id: f.id,
    name: f.name,
    companyId: f.company_id,
    vendorId: f.vendor_id,
    prefixes: prefixes.filter((p) => p.family_id === f.id).map((p) => p.prefix),
  }));
}

/** Every graded release and strategy statement, in the licensing data's row order. */
export async function listReleases(db: Kysely<Database>): Promise<ModelRelease[]> {
  const rows = await db.selectFrom('model_releases').selectAll().orderBy('dataset_row').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ModelRelease['kind'],
    familyId: r.family_id,
    companyId: r.company_id,
    name: r.name,
    grade: r.grade as ModelRelease['grade'],
    licence: r.licence,
    dateText: r.date_text,
    date: r.date,
    url: r.url,
    quote: r.quote,
    quality: r.quality as ModelRelease['quality'],
    datasetRow: Number(r.dataset_row),
  }));
}

/** Market totals, optionally of one market, in the data's row order. */
export async function listMarketSizes(db: Kysely<Database>, marketId?: string): Promise<MarketSize[]> {
  let q = db.selectFrom('market_sizes').selectAll();
  if (marketId) q = q.where('market_id', '=', marketId);
  const rows = await q.orderBy('dataset_row').execute();
  return rows.map((r) => ({
    id: r.id,
    marketId: r.market_id,
    marketText: r.market_text,
    region: r.region,
    periodText: r.period_text,
    period:
      r.period_label && r.period_kind && r.period_start && r.period_end
        ? { label: r.period_label, kind: r.period_kind as 'quarter' | 'half' | 'year', startDate: r.period_start, endDate: r.period_end }
        : null,
    forecast: Number(r.forecast) === 1,
    value: r.value,
    unit: r.unit as MarketSize['unit'],
    lowerBound: Number(r.lower_bound) === 1,
    publisher: r.publisher,
    publisherText: r.publisher_text,
    publishedDate: r.published_date,
    url: r.url,
    quote: r.quote,
    quality: r.quality as MarketSize['quality'],
    datasetRow: Number(r.dataset_row),
  }));
}

