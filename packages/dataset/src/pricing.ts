import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  FxRate,
  HeadToHeadPair,
  PricePoint,
  PricedModel,
  RawFxRow,
  RawPriceRow,
  RowIssue,
  Vendor,
} from '@dash/domain';
import {
  FX_SOURCE_COLUMNS,
  PRICE_SOURCE_COLUMNS,
  PricingReferenceSchema,
  normalizeFxRates,
  normalizePricing,
} from '@dash/domain/schemas';
import { parseCsvRecords } from './csv.js';

/** The bundled pricing data: models, cited price points, exchange rates and head-to-head pairs. */
export interface PricingDataset {
  models: PricedModel[];
  points: PricePoint[];
  fxRates: FxRate[];
  pairs: HeadToHeadPair[];
  /** Rows of model-pricing.csv that did not become price points, with the reason (row numbers of that file). */
  priceIssues: RowIssue[];
  /** Rows of fx-rates.csv that did not become rates, with the reason. */
  fxIssues: RowIssue[];
  priceRowCount: number;
  fxRowCount: number;
}

const byRow = (a: RowIssue, b: RowIssue) => (a.row ?? 0) - (b.row ?? 0);

/**
 * Loads `model-pricing.csv`, `fx-rates.csv` and the curated `pricing-reference.json` from `dir`.
 * The reference file must match its schema (it is code, not data: a mismatch throws); CSV rows
 * never throw but come back as issues, and a row with a parse issue is not also normalized.
 */
export function loadPricing(dir: string, vendors: readonly Vendor[]): PricingDataset {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const ref = PricingReferenceSchema.parse(JSON.parse(read('pricing-reference.json')));
  const prices = parseCsvRecords(read('model-pricing.csv'), PRICE_SOURCE_COLUMNS);
  const fx = parseCsvRecords(read('fx-rates.csv'), FX_SOURCE_COLUMNS);
  const pricing = normalizePricing(prices.rows as RawPriceRow[], ref, vendors);
  const rates = normalizeFxRates(fx.rows as RawFxRow[]);
  // A row already reported as malformed by the parser is not reported again by normalization.
  const badPriceRows = new Set(prices.issues.map((i) => i.row));
  const badFxRows = new Set(fx.issues.map((i) => i.row));
  return {
    models: pricing.models,
    points: pricing.points,
    fxRates: rates.rates,
    pairs: pricing.pairs,
    priceIssues: [...prices.issues, ...pricing.issues.filter((i) => i.row === null || !badPriceRows.has(i.row))].sort(
      byRow,
    ),
    fxIssues: [...fx.issues, ...rates.issues.filter((i) => i.row === null || !badFxRows.has(i.row))].sort(byRow),
    priceRowCount: prices.rows.length,
    fxRowCount: fx.rows.length,
  };
}
