import { FX_KIND_LABELS } from '../labels.js';
import type { CostEstimateRow, PriceRow } from '../schemas/pricing-api.js';
import type { CsvColumn } from '../share-csv.js';

export interface PricingCsvContext {
  vendorNames: ReadonlyMap<string, string>;
}

const fxCols = <R>(fx: (r: R) => PriceRow['display']['fx']): Array<CsvColumn<R, PricingCsvContext>> => [
  {
    name: 'fx_cny_per_usd',
    description: 'CNY per 1 USD used for the conversion (empty when not converted)',
    value: (r) => fx(r)?.cnyPerUsd ?? null,
  },
  {
    name: 'fx_rate_date',
    description: "the rate's own date: a day, a month (monthly average) or a year (yearly average)",
    value: (r) => fx(r)?.ratePeriod ?? null,
  },
  { name: 'fx_converted_for', description: 'the day the price was converted for', value: (r) => fx(r)?.date ?? null },
  { name: 'fx_rate_kind', description: 'kind of rate', value: (r) => (fx(r) ? FX_KIND_LABELS[fx(r)!.kind] : null) },
  { name: 'fx_rate_publisher', description: 'who published the rate', value: (r) => fx(r)?.publisher ?? null },
  { name: 'fx_rate_url', description: 'page the rate was read on', value: (r) => fx(r)?.url ?? null },
];

/**
 * The columns of the price CSV exports (`/prices.csv`, `/price-history.csv`), one row per price
 * point and tier: the normalized price per 1M tokens, the price in the display currency with the
 * exchange rate and its date, and the source's own unit, numbers, effective-date text and quote.
 */
export const PRICE_CSV_COLUMNS: ReadonlyArray<CsvColumn<PriceRow, PricingCsvContext>> = [
  { name: 'price_id', description: 'stable id of the price point', value: (r) => r.id },
  { name: 'model_id', description: 'model id', value: (r) => r.modelId },
  { name: 'model', description: 'model name', value: (r) => r.modelName },
  { name: 'family', description: 'model family', value: (r) => r.family },
  { name: 'vendor_id', description: 'vendor id', value: (r) => r.vendorId },
  { name: 'vendor', description: 'vendor name', value: (r, c) => c.vendorNames.get(r.vendorId) ?? r.vendorId },
  { name: 'platform', description: 'selling platform as the source names it', value: (r) => r.platform },
  { name: 'region', description: 'china or international', value: (r) => r.region },
  { name: 'weights', description: 'open, closed or unverified', value: (r) => r.weights },
  {
    name: 'pricing_models',
    description: 'how the model is sold, separated by ;',
    value: (r) => r.pricingModels.join(';'),
  },
  {
    name: 'tier_min_input_tokens',
    description: 'context-length tier: input length above this (empty: all lengths)',
    value: (r) => r.tier?.minInputTokens ?? null,
  },
  {
    name: 'tier_max_input_tokens',
    description: 'context-length tier: input length up to and including this (empty: no bound)',
    value: (r) => r.tier?.maxInputTokens ?? null,
  },
  { name: 'currency', description: 'currency of the published price', value: (r) => r.currency },
  {
    name: 'input_per_mtok',
    description: 'input price per 1M tokens, published currency, exact',
    value: (r) => r.inputPerMTok,
  },
  {
    name: 'output_per_mtok',
    description: 'output price per 1M tokens (empty: the source gives none)',
    value: (r) => r.outputPerMTok,
  },
  {
    name: 'cached_input_per_mtok',
    description: 'cached-input price per 1M tokens (empty: the source gives none)',
    value: (r) => r.cachedInputPerMTok,
  },
  { name: 'display_currency', description: 'currency of the display_* columns', value: (r) => r.display.currency },
  {
    name: 'display_input_per_mtok',
    description: 'input price per 1M tokens in the display currency',
    value: (r) => r.display.inputPerMTok,
  },
  {
    name: 'display_output_per_mtok',
    description: 'output price per 1M tokens in the display currency',
    value: (r) => r.display.outputPerMTok,
  },
  {
    name: 'display_cached_input_per_mtok',
    description: 'cached-input price per 1M tokens in the display currency',
    value: (r) => r.display.cachedInputPerMTok,
  },
  ...fxCols<PriceRow>((r) => r.display.fx),
  { name: 'valid_from', description: 'first day in force (empty: unknown)', value: (r) => r.validFrom },
  {
    name: 'valid_to',
    description: 'first day no longer in force, exclusive (empty: still current, or undated)',
    value: (r) => r.validTo,
  },
  {
    name: 'in_history',
    description: 'false for undated prices (current, but not placed in the history)',
    value: (r) => String(r.inHistory),
  },
  { name: 'effective_date_text', description: "the source's effective date, verbatim", value: (r) => r.effective.text },
  {
    name: 'effective_date_kind',
    description: 'day, snapshot, month, season, on-or-after, before or undated',
    value: (r) => r.effective.kind,
  },
  {
    name: 'effective_date_approximate',
    description: 'true when the start date is approximate',
    value: (r) => String(r.effective.approximate),
  },
  { name: 'effective_date_note', description: 'why the date is approximate', value: (r) => r.effective.note },
  { name: 'source_model', description: 'model as the source names it', value: (r) => r.modelText },
  { name: 'source_currency_note', description: 'set when the currency was inferred', value: (r) => r.currencyNote },
  {
    name: 'source_unit_tokens',
    description: 'the source quotes prices per this many tokens (1000 or 1000000)',
    value: (r) => r.unitTokens,
  },
  {
    name: 'source_input_price',
    description: 'input price as the source writes it, per source_unit_tokens',
    value: (r) => r.sourceInputPrice,
  },
  {
    name: 'source_output_price',
    description: 'output price as the source writes it',
    value: (r) => r.sourceOutputPrice,
  },
  {
    name: 'source_cached_input_price',
    description: 'cached-input price as the source writes it',
    value: (r) => r.sourceCachedInputPrice,
  },
  { name: 'license', description: 'licence as the source states it', value: (r) => r.license },
  { name: 'source_url', description: 'page the price was read on', value: (r) => r.source.url },
  { name: 'source_quality', description: 'primary, press, community or secondary', value: (r) => r.source.quality },
  { name: 'quote', description: 'the text the price was read from, verbatim', value: (r) => r.source.quote },
];

/** Columns of `/cost-estimate.csv`: one row per offer with the workload's monthly cost. */
export const COST_CSV_COLUMNS: ReadonlyArray<CsvColumn<CostEstimateRow, PricingCsvContext>> = [
  { name: 'model_id', description: 'model id', value: (r) => r.modelId },
  { name: 'model', description: 'model name', value: (r) => r.modelName },
  { name: 'vendor', description: 'vendor name', value: (r, c) => c.vendorNames.get(r.vendorId) ?? r.vendorId },
  { name: 'region', description: 'china or international', value: (r) => r.region },
  {
    name: 'status',
    description: 'ok, no-tier (no known price for this context length) or missing-price',
    value: (r) => r.status,
  },
  {
    name: 'tier_min_input_tokens',
    description: 'tier used: above this input length',
    value: (r) => r.tier?.minInputTokens ?? null,
  },
  {
    name: 'tier_max_input_tokens',
    description: 'tier used: up to this input length',
    value: (r) => r.tier?.maxInputTokens ?? null,
  },
  { name: 'currency', description: 'published currency', value: (r) => r.currency },
  {
    name: 'monthly_cost',
    description: 'monthly cost in the published currency, exact',
    value: (r) => r.native?.total ?? null,
  },
  {
    name: 'compare_currency',
    description: 'currency of the converted_* columns',
    value: (r) => (r.converted ? (r.fx ? (r.currency === 'CNY' ? 'USD' : 'CNY') : r.currency) : null),
  },
  {
    name: 'converted_monthly_cost',
    description: 'monthly cost in the compare currency',
    value: (r) => r.converted?.total ?? null,
  },
  {
    name: 'converted_blended_per_mtok',
    description: 'blended price per 1M tokens in the compare currency',
    value: (r) => r.converted?.blendedPerMTok ?? null,
  },
  { name: 'times_cheapest', description: 'cost divided by the cheapest paid option', value: (r) => r.timesCheapest },
  ...fxCols<CostEstimateRow>((r) => r.fx),
  { name: 'effective_date_text', description: "the source's effective date, verbatim", value: (r) => r.effective.text },
  { name: 'notes', description: 'what is unknown or assumed', value: (r) => r.notes.join(' | ') },
  { name: 'source_url', description: 'page the price was read on', value: (r) => r.source?.url ?? null },
  {
    name: 'source_quality',
    description: 'primary, press, community or secondary',
    value: (r) => r.source?.quality ?? null,
  },
  { name: 'quote', description: 'the text the price was read from, verbatim', value: (r) => r.source?.quote ?? null },
];
