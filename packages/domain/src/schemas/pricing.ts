import { z } from 'zod';
import { EffectiveDateSchema } from './effective-date.js';
import { SlugSchema, SourceQualitySchema } from './entities.js';
import { IsoDateSchema } from './period.js';

/** Currencies prices are quoted and shown in. */
export const CurrencySchema = z.enum(['CNY', 'USD']);
export type Currency = z.infer<typeof CurrencySchema>;

/** Exact decimal text ("0.8", "0.00003"): prices and money never travel as binary floats. */
export const DecimalTextSchema = z.string().regex(/^\d+(?:\.\d+)?$/, 'expected a non-negative decimal like 0.8');

/** Model ids as vendors spell them, lower-cased: `qwen-max`, `doubao-seed-1.6`, `qwen3.5-plus`. */
export const ModelIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'expected a model id like qwen-plus or doubao-seed-1.6');

/** Where an offer is sold: the vendor's China platform or its international one (BytePlus, Model Studio intl). */
export const PriceRegionSchema = z.enum(['china', 'international']);
export type PriceRegion = z.infer<typeof PriceRegionSchema>;

/**
 * How a vendor sells a model: a token-metered API, a free API tier, or open weights anyone can
 * self-host. A model can have several (DeepSeek: metered API and open weights).
 */
export const PricingModelSchema = z.enum(['token-metered-api', 'free-tier', 'open-weights']);
export type PricingModel = z.infer<typeof PricingModelSchema>;

/** Whether the weights can be downloaded: `unverified` where the source leaves it open. */
export const WeightsSchema = z.enum(['open', 'closed', 'unverified']);
export type Weights = z.infer<typeof WeightsSchema>;

/** A model with prices: its vendor, family, openness and the ways it is sold. */
export const PricedModelSchema = z.object({
  id: ModelIdSchema,
  name: z.string().min(1),
  vendorId: SlugSchema,
  family: z.string().min(1),
  weights: WeightsSchema,
  /** The licence as the pricing source states it ("proprietary (API only)", "MIT (weights)"). */
  license: z.string().min(1),
  pricingModels: z.array(PricingModelSchema).min(1),
});
export type PricedModel = z.infer<typeof PricedModelSchema>;

/**
 * A context-length tier: the price applies to requests whose input length L (tokens) satisfies
 * `minInputTokens < L ≤ maxInputTokens` (the first tier, starting at 0, includes 0). A null max
 * means no upper bound. Bounds are as the source writes them (32K is 32000).
 */
export const PriceTierSchema = z.object({
  minInputTokens: z.number().int().nonnegative(),
  maxInputTokens: z.number().int().positive().nullable(),
});
export type PriceTier = z.infer<typeof PriceTierSchema>;

/** Where a price was read: the page, a verbatim quote, and how much to trust it. */
export const PriceSourceSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** Host (and, for GitHub, owner/repo) for a short source line: "github.com/syaoranwe/LLM-Price". */
  site: z.string().min(1),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
});
export type PriceSource = z.infer<typeof PriceSourceSchema>;

/**
 * One cited price (one row of the pricing CSV): an offer (model, region, currency) at one tier,
 * normalized to price per 1M tokens, with the source's own numbers and unit kept beside it.
 * `tier` null means the price applies at every input length. Missing output or cached-input
 * prices are null: the source did not give them, and nothing fills them in.
 */
export const PricePointSchema = z.object({
  id: z.string().regex(/^p-[0-9a-f]{16}$/),
  datasetRow: z.number().int().positive(),
  modelId: ModelIdSchema,
  /** The model as the source names it ("qwen-max (=qwen-max-2024-09-19)"). */
  modelText: z.string().min(1),
  vendorId: SlugSchema,
  /** The licence as this row states it (it can differ over time: "DeepSeek Model License at the time"). */
  license: z.string().min(1),
  /** The selling platform as the source names it ("BytePlus ModelArk (ByteDance international)"). */
  platform: z.string().min(1),
  region: PriceRegionSchema,
  currency: CurrencySchema,
  /** Set when the currency is not printed in the source and was inferred. */
  currencyNote: z.string().nullable(),
  unitTokens: z.union([z.literal(1000), z.literal(1_000_000)]),
  sourceInputPrice: DecimalTextSchema,
  sourceOutputPrice: DecimalTextSchema.nullable(),
  sourceCachedInputPrice: DecimalTextSchema.nullable(),
  inputPerMTok: DecimalTextSchema,
  outputPerMTok: DecimalTextSchema.nullable(),
  cachedInputPerMTok: DecimalTextSchema.nullable(),
  tier: PriceTierSchema.nullable(),
  effective: EffectiveDateSchema,
  source: PriceSourceSchema,
});
export type PricePoint = z.infer<typeof PricePointSchema>;

/** Kinds of CNY-per-USD rate in the data; the conversion rule prefers the nearest daily rate. */
export const FxKindSchema = z.enum([
  'central-parity',
  'fed-h10-noon',
  'spot-close',
  'monthly-average',
  'annual-average',
]);
export type FxKind = z.infer<typeof FxKindSchema>;

/**
 * A cited exchange rate: CNY per 1 USD over a day, a month or a year (`startDate`–`endDate`,
 * inclusive), of a stated kind, with its source.
 */
export const FxRateSchema = z.object({
  id: z.string().regex(/^fx-[0-9a-f]{16}$/),
  datasetRow: z.number().int().positive(),
  periodKind: z.enum(['day', 'month', 'year']),
  /** `2024-05-21`, `2024-10` or `2024`. */
  period: z.string().min(4),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  cnyPerUsd: DecimalTextSchema,
  kind: FxKindSchema,
  /** The kind as the source row states it. */
  kindText: z.string().min(1),
  publisher: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
});
export type FxRate = z.infer<typeof FxRateSchema>;

/** Two models set against each other in the Qwen vs Doubao view, with why they are a pair. */
export const HeadToHeadPairSchema = z.object({
  id: SlugSchema,
  label: z.string().min(1),
  leftModelId: ModelIdSchema,
  rightModelId: ModelIdSchema,
  note: z.string().min(1),
});
export type HeadToHeadPair = z.infer<typeof HeadToHeadPairSchema>;
