import { z } from 'zod';
import { parsePeriod } from '../period.js';
import { CompanySchema, MarketSchema, ShareFigureSchema, SlugSchema, SourceSchema, VendorGroupSchema, VendorSchema } from './entities.js';
import { PeriodLabelSchema, PeriodSchema } from './period.js';
import { AsOfSchema } from './revisions.js';

/** Accepts `?vendor=a,b`, `?vendor=a&vendor=b` or both; trims, drops empties and duplicates. */
export const listParam = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) => {
      if (v === undefined) return undefined;
      const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
      return [...new Set(parts.map((s) => s.trim()).filter((s) => s !== ''))];
    },
    z.array(item).max(50, 'at most 50 values').optional(),
  );

/** A parameter that may appear once: `?market=a&market=b` is an error naming it, not a silent pick. */
export const singleParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v, ctx) => {
    if (!Array.isArray(v)) return v;
    if (v.length === 1) return v[0];
    ctx.addIssue({ code: 'custom', message: `must be given once, got ${v.length} values`, input: v });
    return z.NEVER;
  }, schema);

/**
 * Query of `GET /api/v1/shares` and its `.csv` twin. `from`/`to` bound the period by its dates
 * (a period is included when it starts on or after `from`'s start and ends on or before `to`'s
 * end); `publisher` matches case-insensitively. A combined figure is included when any of its
 * member vendors is selected.
 */
export const ShareQuerySchema = z
  .object({
    market: singleParam(SlugSchema.optional()).describe('market id, e.g. china-ai-cloud'),
    vendor: listParam(SlugSchema).describe('vendor ids, comma-separated or repeated, e.g. alibaba-cloud,volcano-engine'),
    from: singleParam(PeriodLabelSchema.optional()).describe('first period, e.g. 2024Q1'),
    to: singleParam(PeriodLabelSchema.optional()).describe('last period, e.g. 2025H2'),
    publisher: singleParam(z.string().trim().min(1).max(100).optional()).describe('publisher, e.g. Canalys'),
    asOf: singleParam(AsOfSchema.optional()).describe(
      'the figures as they stood then: a date (end of that day, UTC), e.g. 2025-06-30, or a date-time with a zone',
    ),
  })
  .strict()
  .refine(
    (q) => {
      const from = q.from ? parsePeriod(q.from) : null;
      const to = q.to ? parsePeriod(q.to) : null;
      return !from || !to || from.startDate <= to.endDate;
    },
    { message: 'must not be after to', path: ['from'] },
  );
export type ShareQuery = z.infer<typeof ShareQuerySchema>;

export const ShareFigureWithSourceSchema = ShareFigureSchema.extend({ source: SourceSchema });
export type ShareFigureWithSource = z.infer<typeof ShareFigureWithSourceSchema>;

export const SharesResponseSchema = z.object({
  data: z.array(ShareFigureWithSourceSchema),
  meta: z.object({ count: z.number().int(), datasetVersion: z.string() }),
});
export type SharesResponse = z.infer<typeof SharesResponseSchema>;

export const VendorsResponseSchema = z.object({
  data: z.array(VendorSchema),
  groups: z.array(VendorGroupSchema),
  companies: z.array(CompanySchema),
});
export type VendorsResponse = z.infer<typeof VendorsResponseSchema>;

/** A market with what the data holds for it: how many figures, which periods and publishers. */
export const MarketSummarySchema = MarketSchema.omit({ sourceNames: true, sizeNames: true }).extend({
  figureCount: z.number().int(),
  periods: z.array(PeriodSchema),
  publishers: z.array(z.string()),
  vendorIds: z.array(SlugSchema),
});
export type MarketSummary = z.infer<typeof MarketSummarySchema>;

export const MarketsResponseSchema = z.object({ data: z.array(MarketSummarySchema) });
export type MarketsResponse = z.infer<typeof MarketsResponseSchema>;

export const SourcesResponseSchema = z.object({
  data: z.array(SourceSchema.extend({ figureCount: z.number().int() })),
});
export type SourcesResponse = z.infer<typeof SourcesResponseSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  datasetVersion: z.string(),
  figures: z.number().int(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** Every error body: a stable code, a lowercase actionable message, and the failing fields for 400s. */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
