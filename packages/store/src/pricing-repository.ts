import type { Kysely, Transaction } from 'kysely';
import type { FxRate, HeadToHeadPair, PricePoint, PricedModel } from '@dash/domain';
import { insertChunked } from './insert-chunked.js';
import type { Database } from './schema.js';

/** What loadBundledDataset loads for pricing: the bundled dataset's `pricing`. */
export interface BundledPricing {
  models: readonly PricedModel[];
  points: readonly PricePoint[];
  fxRates: readonly FxRate[];
  pairs: readonly HeadToHeadPair[];
}

/** Tables this module fills, children first (the order to delete them in). */
export const PRICING_TABLES = ['price_pairs', 'price_points', 'priced_models', 'fx_rates'] as const;

/** A price point as a `price_points` row. */
export const pricePointRow = (p: PricePoint): Database['price_points'] => ({
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
});

/** Writes models, price points, exchange rates and pairs; part of loadBundledDataset's transaction. */
export async function insertPricing(trx: Transaction<Database>, data: BundledPricing) {
  await insertChunked(
    trx,
    'priced_models',
    data.models.map((m, position) => ({
      id: m.id,
      name: m.name,
      vendor_id: m.vendorId,
      family: m.family,
      weights: m.weights,
      license: m.license,
      pricing_models: m.pricingModels.join(';'),
      position,
    })),
  );
  await insertChunked(trx, 'price_points', data.points.map(pricePointRow));
  await insertChunked(
    trx,
    'fx_rates',
    data.fxRates.map((r) => ({
      id: r.id,
      dataset_row: r.datasetRow,
      period_kind: r.periodKind,
      period: r.period,
      start_date: r.startDate,
      end_date: r.endDate,
      cny_per_usd: r.cnyPerUsd,
      kind: r.kind,
      kind_text: r.kindText,
      publisher: r.publisher,
      url: r.url,
      quote: r.quote,
      quality: r.quality,
    })),
  );
  await insertChunked(
    trx,
    'price_pairs',
    data.pairs.map((p, position) => ({
      id: p.id,
      label: p.label,
      left_model_id: p.leftModelId,
      right_model_id: p.rightModelId,
      note: p.note,
      position,
    })),
  );
}

/** Priced models in the curated order. */
export async function listPricedModels(db: Kysely<Database>): Promise<PricedModel[]> {
  const rows = await db.selectFrom('priced_models').selectAll().orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    vendorId: r.vendor_id,
    family: r.family,
    weights: r.weights as PricedModel['weights'],
    license: r.license,
    pricingModels: r.pricing_models.split(';') as PricedModel['pricingModels'],
  }));
}

export interface PricePointFilter {
  vendor?: readonly string[] | undefined;
  model?: readonly string[] | undefined;
  region?: string | undefined;
}

/**
 * Price points, filtered by vendor, model and region, in dataset order. Every filter keeps whole
 * offers (model, region, currency), so the history computed from the result is complete.
 */
export async function listPricePoints(db: Kysely<Database>, f: PricePointFilter = {}): Promise<PricePoint[]> {
  let q = db.selectFrom('price_points').selectAll();
  if (f.vendor && f.vendor.length > 0) q = q.where('vendor_id', 'in', f.vendor);
  if (f.model && f.model.length > 0) q = q.where('model_id', 'in', f.model);
  if (f.region) q = q.where('region', '=', f.region);
  const rows = await q.orderBy('dataset_row').execute();
  return rows.map((r) => ({
    id: r.id,
    datasetRow: Number(r.dataset_row),
    modelId: r.model_id,
    modelText: r.model_text,
    vendorId: r.vendor_id,
    license: r.license,
    platform: r.platform,
    region: r.region as PricePoint['region'],
    currency: r.currency as PricePoint['currency'],
    currencyNote: r.currency_note,
    unitTokens: Number(r.unit_tokens) as PricePoint['unitTokens'],
    sourceInputPrice: r.source_input_price,
    sourceOutputPrice: r.source_output_price,
    sourceCachedInputPrice: r.source_cached_input_price,
    inputPerMTok: r.input_per_mtok,
    outputPerMTok: r.output_per_mtok,
    cachedInputPerMTok: r.cached_input_per_mtok,
    tier:
      r.tier_min_input_tokens === null
        ? null
        : {
            minInputTokens: Number(r.tier_min_input_tokens),
            maxInputTokens: r.tier_max_input_tokens === null ? null : Number(r.tier_max_input_tokens),
          },
    effective: {
      text: r.effective_text,
      kind: r.effective_kind as PricePoint['effective']['kind'],
      from: r.effective_from,
      to: r.effective_to,
      approximate: Number(r.effective_approximate) === 1,
      note: r.effective_note,
    },
    source: {
      url: r.source_url,
      site: r.source_site,
      quote: r.quote,
      quality: r.source_quality as PricePoint['source']['quality'],
    },
  }));
}

/** Exchange rates in dataset order. */
export async function listFxRates(db: Kysely<Database>): Promise<FxRate[]> {
  const rows = await db.selectFrom('fx_rates').selectAll().orderBy('dataset_row').execute();
  return rows.map((r) => ({
    id: r.id,
    datasetRow: Number(r.dataset_row),
    periodKind: r.period_kind as FxRate['periodKind'],
    period: r.period,
    startDate: r.start_date,
    endDate: r.end_date,
    cnyPerUsd: r.cny_per_usd,
    kind: r.kind as FxRate['kind'],
    kindText: r.kind_text,
    publisher: r.publisher,
    url: r.url,
    quote: r.quote,
    quality: r.quality as FxRate['quality'],
  }));
}

/** Head-to-head pairs in the curated order. */
export async function listPricePairs(db: Kysely<Database>): Promise<HeadToHeadPair[]> {
  const rows = await db.selectFrom('price_pairs').selectAll().orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    leftModelId: r.left_model_id,
    rightModelId: r.right_model_id,
    note: r.note,
  }));
}
