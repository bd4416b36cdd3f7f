import { z } from 'zod';
import { listParam, ShareFigureWithSourceSchema, singleParam } from './api.js';
import { HexColorSchema, MarketSchema, SlugSchema } from './entities.js';
import { MarketSizeSchema, SizeUnitSchema } from './market-sizes.js';
import { BinaryOpennessSchema, ModelFamilySchema, ModelReleaseSchema, OpennessGradeSchema, StrategySchema } from './openness.js';
import { PeriodSchema } from './period.js';

/** `GET /api/v1/compare`: company or vendor ids, two to eight; Alibaba vs ByteDance when omitted. */
export const CompareQuerySchema = z
  .object({
    vendors: listParam(SlugSchema)
      .refine((v) => v === undefined || (v.length >= 2 && v.length <= 8), 'give 2 to 8 company or vendor ids')
      .describe('company ids (all their vendors and model families) or vendor ids, comma-separated or repeated, e.g. alibaba,bytedance'),
  })
  .strict();
export type CompareQuery = z.infer<typeof CompareQuerySchema>;

/** A derived absolute figure with the total it was multiplied by. */
export const AbsoluteEstimateViewSchema = z.object({
  value: z.string().describe('exact product of share and total, as a decimal string'),
  display: z.string().describe('rounded to the significant digits of the less precise input, with its unit'),
  unit: SizeUnitSchema,
  total: MarketSizeSchema,
});
export type AbsoluteEstimateView = z.infer<typeof AbsoluteEstimateViewSchema>;

export const FigureWithEstimatesSchema = ShareFigureWithSourceSchema.extend({
  estimates: z.array(AbsoluteEstimateViewSchema).describe('share × the same publisher’s total for the same market and period; empty when none matches'),
});
export type FigureWithEstimates = z.infer<typeof FigureWithEstimatesSchema>;

export const CompareEntitySchema = z.object({
  id: SlugSchema,
  kind: z.enum(['company', 'vendor']),
  name: z.string(),
  vendorIds: z.array(SlugSchema),
  color: HexColorSchema,
});

export const MarketComparisonSchema = z.object({
  market: MarketSchema.pick({ id: true, name: true, shortName: true, metricBasis: true, metric: true, scope: true, region: true }),
  status: z.enum(['compared', 'single']),
  period: PeriodSchema,
  entries: z.array(
    z.object({
      entityId: SlugSchema,
      label: z.string(),
      figures: z.array(FigureWithEstimatesSchema),
      minPct: z.number(),
      maxPct: z.number(),
      text: z.string(),
      publishers: z.array(z.string()),
    }),
  ),
  missing: z.array(SlugSchema),
  leaderId: SlugSchema.nullable(),
  sentence: z.string(),
  series: z.array(z.object({ entityId: SlugSchema, figures: z.array(FigureWithEstimatesSchema) })),
});
export type MarketComparisonView = z.infer<typeof MarketComparisonSchema>;

export const CompareResponseSchema = z.object({
  entities: z.array(CompareEntitySchema),
  summary: z.string().describe('one data-driven paragraph: who leads on what, by how much, according to whom'),
  markets: z.array(MarketComparisonSchema),
  datasetVersion: z.string(),
});
export type CompareResponse = z.infer<typeof CompareResponseSchema>;

export const OpennessResponseSchema = z.object({
  rule: z.string(),
  gradeLabels: z.record(OpennessGradeSchema, z.string()),
  strategyLabels: z.record(StrategySchema, z.string()),
  companies: z.array(
    z.object({
      id: SlugSchema,
      name: z.string(),
      color: HexColorSchema,
      strategy: StrategySchema,
      binary: BinaryOpennessSchema,
      releaseCount: z.number().int(),
      familyIds: z.array(SlugSchema),
    }),
  ),
  families: z.array(ModelFamilySchema.extend({ strategy: StrategySchema, binary: BinaryOpennessSchema })),
  releases: z.array(ModelReleaseSchema),
});
export type OpennessResponse = z.infer<typeof OpennessResponseSchema>;

export const StrategyViewSchema = z.enum(['graded', 'binary']);

export const StrategySharesQuerySchema = z
  .object({
    market: singleParam(SlugSchema.optional()).describe('market id; all markets when omitted'),
    view: singleParam(StrategyViewSchema.default('graded')).describe('graded (open, mixed, closed) or binary (open weights or API only)'),
  })
  .strict();
export type StrategySharesQuery = z.infer<typeof StrategySharesQuerySchema>;

export const StrategySharesResponseSchema = z.object({
  rule: z.string(),
  view: StrategyViewSchema,
  markets: z.array(
    z.object({
      marketId: SlugSchema,
      periods: z.array(
        z.object({
          period: PeriodSchema,
          bands: z.array(
            z.object({
              key: z.string(),
              label: z.string(),
              pctText: z.string(),
              pct: z.number(),
              figures: z.array(ShareFigureWithSourceSchema),
            }),
          ),
          remainder: z.object({ pctText: z.string(), pct: z.number() }).nullable(),
          usedPreferredSource: z.boolean(),
        }),
      ),
    }),
  ),
});
export type StrategySharesResponse = z.infer<typeof StrategySharesResponseSchema>;

export const MarketSizesQuerySchema = z
  .object({ market: singleParam(SlugSchema.optional()).describe('market id; every total (including context totals) when omitted') })
  .strict();
export const MarketSizesResponseSchema = z.object({ data: z.array(MarketSizeSchema) });
export type MarketSizesResponse = z.infer<typeof MarketSizesResponseSchema>;
