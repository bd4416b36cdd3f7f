import { z } from 'zod';
import { SlugSchema, SourceQualitySchema } from './entities.js';

/** How open one release is, graded from its licence. */
export const OpennessGradeSchema = z.enum(['open-permissive', 'open-restricted', 'open-unstated', 'api-only', 'unreleased']);
export type OpennessGrade = z.infer<typeof OpennessGradeSchema>;

/** A company's (or a model family's) strategy, derived from its releases by {@link OPENNESS_RULE}. */
export const StrategySchema = z.enum(['open', 'mixed', 'closed', 'not-classified']);
export type Strategy = z.infer<typeof StrategySchema>;

/** The binary view: does the company publish open weights at all? */
export const BinaryOpennessSchema = z.enum(['open-weights', 'api-only', 'not-classified']);
export type BinaryOpenness = z.infer<typeof BinaryOpennessSchema>;

export const ModelFamilySchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  companyId: SlugSchema,
  vendorId: SlugSchema.nullable(),
  /** Prefixes of the licensing rows' `model_family` text that belong to this family. */
  prefixes: z.array(z.string().min(1)).min(1),
});
export type ModelFamily = z.infer<typeof ModelFamilySchema>;

/**
 * One row of the licensing data: a release of a model family with its graded openness, or (kind
 * `statement`) a strategy statement that is shown but not counted. `dateText` is the source's
 * wording; `date` the first date in it (null for "before …" or "n/a").
 */
export const ModelReleaseSchema = z.object({
  id: z.string().regex(/^r-[0-9a-f]{16}$/),
  kind: z.enum(['release', 'statement']),
  familyId: SlugSchema,
  companyId: SlugSchema,
  name: z.string().min(1),
  grade: OpennessGradeSchema.nullable(),
  licence: z.string().min(1),
  dateText: z.string(),
  date: z.string().nullable(),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
  datasetRow: z.number().int().positive(),
});
export type ModelRelease = z.infer<typeof ModelReleaseSchema>;
