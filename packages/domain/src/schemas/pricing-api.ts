import { z } from 'zod';
import { EffectiveDateSchema } from './effective-date.js';
import { SlugSchema, SourceQualitySchema } from './entities.js';
import { IsoDateSchema } from './period.js';
import { CurrencySchema, DecimalTextSchema, FxKindSchema, FxRateSchema, HeadToHeadPairSchema, ModelIdSchema, PricedModelSchema, PricePointSchema, PriceRegionSchema, PriceSourceSchema, PriceTierSchema, PricingModelSchema, WeightsSchema } from './pricing.js';

/** `?model=a,b` or `?model=a&model=b`: trimmed, de-duplicated. */
const listParam = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
    return [...new Set(parts.map((s) => s.trim()).filter((s) => s !== ''))];
  }, z.array(item).max(100, 'at most 100 values').optional());

/** A parameter that may appear once: a repeated one is an error naming it. */
const once = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v, ctx) => {
    if (!Array.isArray(v)) return v;
    if (v.length === 1) return v[0];
    ctx.addIssue({ code: 'custom', message: `must be given once, got ${v.length} values`, input: v });
    return z.NEVER;
  }, schema);

/** A real calendar day from 2000 to 2100: `at=2024-05-20`. */
export const QueryDateSchema = IsoDateSchema.refine(
  (d) => d >= '2000-01-01' && d <= '2100-12-31',
  'expected a date from 2000-01-01 to 2100-12-31',
);

const wholeNumber = (max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,13}$/, `expected a whole number of ${what}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .max(max, `at most ${max.toLocaleString('en-US')} ${what}`),
    );

const priceFilters = {
  currency: once(CurrencySchema.optional()).describe(
    'show prices in CNY or USD (converted at the dated rate); omitted: as published',
  ),
  vendor: listParam(SlugSchema).describe('vendor ids, comma-separated or repeated, e.g. alibaba-cloud,volcano-engine'),
  model: listParam(ModelIdSchema).describe('model ids, e.g. qwen-plus,doubao-seed-1.6'),
  region: once(PriceRegionSchema.optional()).describe('china or international'),
};

/** Query of `GET /api/v1/prices` (current prices) and its `.csv` twin. */
export const PricesQuerySchema = z.object(priceFilters).strict();
export type PricesQuery = z.infer<typeof PricesQuerySchema>;

/** Query of `GET /api/v1/price-history` and its `.csv` twin: `at` answers "what did it cost then". */
export const PriceHistoryQuerySchema = z
  .object({
    ...priceFilters,
    at: once(QueryDateSchema.optional()).describe('a day, e.g. 2024-05-20: only prices in force that day'),
  })
  .strict();
export type PriceHistoryQuery = z.infer<typeof PriceHistoryQuerySchema>;

/** The exchange rate a converted number used, with its date, kind and source. */
export const FxUsedSchema = z.object({
  cnyPerUsd: DecimalTextSchema,
  /** The rate's own date: `2024-05-16`, `2024-10` (monthly average) or `2024` (yearly). */
  ratePeriod: z.string(),
  kind: FxKindSchema,
  publisher: z.string(),
  url: z.url(),
  quality: SourceQualitySchema,
  quote: z.string(),
  /** The day the price was converted for. */
  date: IsoDateSchema,
  ageDays: z.number().int().nonnegative(),
  note: z.string(),
});
export type FxUsed = z.infer<typeof FxUsedSchema>;

/** Prices in the currency asked for (or as published), with the rate used when converted. */
export const DisplayPricesSchema = z.object({
  currency: CurrencySchema,
  inputPerMTok: DecimalTextSchema.nullable(),
  outputPerMTok: DecimalTextSchema.nullable(),
  cachedInputPerMTok: DecimalTextSchema.nullable(),
  /** Null when shown as published (no conversion). */
  fx: FxUsedSchema.nullable(),
  /** Why a converted price is missing ("no exchange rate on or before 2019-01-01"). */
  note: z.string().nullable(),
});
export type DisplayPrices = z.infer<typeof DisplayPricesSchema>;

/** A price point with its model, its window in history and its prices in the display currency. */
export const PriceRowSchema = PricePointSchema.extend({
  modelName: z.string(),
  family: z.string(),
  weights: WeightsSchema,
  pricingModels: z.array(PricingModelSchema),
  /** Window in force, half-open `[validFrom, validTo)`; null from = unknown start, null to = still current. */
  validFrom: IsoDateSchema.nullable(),
  validTo: IsoDateSchema.nullable(),
  /** False for undated prices, which are current but have no place in the history. */
  inHistory: z.boolean(),
  display: DisplayPricesSchema,
});
export type PriceRow = z.infer<typeof PriceRowSchema>;

export const PricesResponseSchema = z.object({
  data: z.array(PriceRowSchema),
  meta: z.object({
    count: z.number().int(),
    /** The day asked about (`at`), or null for current prices / the whole history. */
    at: IsoDateSchema.nullable(),
    currency: CurrencySchema.nullable(),
    fxRule: z.string(),
    notes: z.array(z.string()),
    datasetVersion: z.string(),
  }),
});
export type PricesResponse = z.infer<typeof PricesResponseSchema>;

export const PriceModelsResponseSchema = z.object({
  data: z.array(PricedModelSchema.extend({ vendorName: z.string(), color: z.string() })),
  pairs: z.array(HeadToHeadPairSchema),
});
export type PriceModelsResponse = z.infer<typeof PriceModelsResponseSchema>;

export const FxRatesResponseSchema = z.object({
  data: z.array(FxRateSchema),
  meta: z.object({ count: z.number().int(), fxRule: z.string() }),
});
export type FxRatesResponse = z.infer<typeof FxRatesResponseSchema>;

/** "3:1" → input 3 parts, output 1 part. */
export const RatioSchema = z
  .string()
  .regex(/^\d{1,3}:\d{1,3}$/, 'expected input:output parts like 3:1')
  .transform((s) => {
    const [input, output] = s.split(':').map(Number) as [number, number];
    return { input, output };
  })
  .pipe(
    z
      .object({ input: z.number().int(), output: z.number().int() })
      .refine((r) => r.input + r.output > 0, 'needs at least one non-zero part'),
  );

/**
 * Query of `GET /api/v1/cost-estimate`: a monthly workload (tokens per request × requests per
 * month, a share of the input served from cache, the context length that picks the tier),
 * the day (`at`, default now), the currency to compare in, and the blend ratio.
 */
export const CostEstimateQuerySchema = z
  .object({
    inputTokensPerRequest: once(wholeNumber(10_000_000, 'tokens')).describe('input (prompt) tokens per request'),
    outputTokensPerRequest: once(wholeNumber(10_000_000, 'tokens')).describe('output tokens per request'),
    requestsPerMonth: once(wholeNumber(10_000_000_000, 'requests')).describe('requests per month'),
    cachedInputPct: once(
      z
        .string()
        .regex(/^\d{1,3}(?:\.\d{1,2})?$/, 'expected a percentage like 25 or 12.5')
        .refine((s) => Number(s) <= 100, 'must be at most 100')
        .optional(),
    ).describe('share of input tokens served from cache, in percent (default 0)'),
    contextTokens: once(wholeNumber(10_000_000, 'tokens').optional()).describe(
      'input length that picks the context-length tier (default: input tokens per request)',
    ),
    ratio: once(RatioSchema.optional()).describe('input:output ratio of the blended price (default 3:1)'),
    at: once(QueryDateSchema.optional()).describe('a day, e.g. 2024-05-20 (default: current prices)'),
    currency: once(CurrencySchema.optional()).describe('currency to compare costs in (default CNY)'),
    model: listParam(ModelIdSchema).describe('model ids to estimate (default: every model)'),
    vendor: listParam(SlugSchema).describe('vendor ids'),
    region: once(PriceRegionSchema.optional()).describe('china or international'),
  })
  .strict();
export type CostEstimateQuery = z.infer<typeof CostEstimateQuerySchema>;

export const MoneySchema = z.object({
  inputCost: DecimalTextSchema,
  cachedInputCost: DecimalTextSchema,
  outputCost: DecimalTextSchema,
  total: DecimalTextSchema,
  blendedPerMTok: DecimalTextSchema.nullable(),
});
export type Money = z.infer<typeof MoneySchema>;

/** One offer's monthly cost for the workload, at the tier the context length selects. */
export const CostEstimateRowSchema = z.object({
  modelId: ModelIdSchema,
  modelName: z.string(),
  vendorId: SlugSchema,
  platform: z.string(),
  region: PriceRegionSchema,
  currency: CurrencySchema,
  weights: WeightsSchema,
  effective: EffectiveDateSchema,
  validFrom: IsoDateSchema.nullable(),
  validTo: IsoDateSchema.nullable(),
  status: z.enum(['ok', 'no-tier', 'missing-price']),
  /** The price point used (its tier, prices per 1M and source); null when no tier covers the context. */
  pricePointId: z.string().nullable(),
  tier: PriceTierSchema.nullable(),
  prices: z
    .object({
      inputPerMTok: DecimalTextSchema,
      outputPerMTok: DecimalTextSchema.nullable(),
      cachedInputPerMTok: DecimalTextSchema.nullable(),
    })
    .nullable(),
  /** Cost in the price's own currency. */
  native: MoneySchema.nullable(),
  /** Cost in the currency asked for, with the rate used. */
  converted: MoneySchema.nullable(),
  fx: FxUsedSchema.nullable(),
  /** Total divided by the cheapest paid option's total, 2 decimals; null for free or unpriced rows. */
  timesCheapest: DecimalTextSchema.nullable(),
  notes: z.array(z.string()),
  source: PriceSourceSchema.nullable(),
});
export type CostEstimateRow = z.infer<typeof CostEstimateRowSchema>;

export const CostEstimateResponseSchema = z.object({
  data: z.array(CostEstimateRowSchema),
  meta: z.object({
    workload: z.object({
      inputTokensPerRequest: z.number().int(),
      outputTokensPerRequest: z.number().int(),
      requestsPerMonth: z.number().int(),
      cachedInputPct: DecimalTextSchema,
      contextTokens: z.number().int(),
      ratio: z.object({ input: z.number().int(), output: z.number().int() }),
      monthlyInputTokens: DecimalTextSchema,
      monthlyCachedInputTokens: DecimalTextSchema,
      monthlyOutputTokens: DecimalTextSchema,
    }),
    at: IsoDateSchema.nullable(),
    currency: CurrencySchema,
    count: z.number().int(),
    fxRule: z.string(),
    notes: z.array(z.string()),
    datasetVersion: z.string(),
  }),
});
export type CostEstimateResponse = z.infer<typeof CostEstimateResponseSchema>;
