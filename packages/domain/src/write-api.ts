import { z } from 'zod';
import { ShareFigureWithSourceSchema } from './api.js';
import { SHARE_SOURCE_COLUMNS } from './normalize-shares.js';
import { REVISABLE_FIELDS } from './revisions.js';

const cell = z.union([z.string().max(10_000), z.number(), z.null()]).optional();

/**
 * Body of `POST /api/v1/shares`: one row in the import format, keyed by the CSV's column names
 * (`vendor`, `market`, `metric`, `period`, `value_percent`, `publisher`, `report_title`, `url`,
 * `quote`, `source_quality`, …). Validated exactly as an imported row is.
 */
export const ShareRowBodySchema = z
  .object(
    Object.fromEntries(SHARE_SOURCE_COLUMNS.map((c) => [c, cell])) as Record<
      (typeof SHARE_SOURCE_COLUMNS)[number],
      typeof cell
    >,
  )
  .strict();
export type ShareRowBody = z.infer<typeof ShareRowBodySchema>;

/**
 * Body of `PATCH /api/v1/shares/{id}`: a corrected value (as published, e.g. "35.8") and/or
 * quote, and an optional note saying why (kept in the change set and the audit log). Identity
 * (market, vendor, period, source page) cannot change: that is another figure.
 */
export const ShareRevisionBodySchema = z
  .object({
    value_percent: z.union([z.string().max(20), z.number()]).optional(),
    quote: z.string().max(10_000).optional(),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((b) => b.value_percent !== undefined || b.quote !== undefined, {
    message: 'give value_percent, quote or both',
    path: ['value_percent'],
  });
export type ShareRevisionBody = z.infer<typeof ShareRevisionBodySchema>;

export const FigureIdParamsSchema = z.object({
  id: z.string().regex(/^f-[0-9a-f]{8}$/, 'expected a figure id like f-1a2b3c4d'),
});

export const ChangesetKindSchema = z.enum(['bundled', 'import', 'api']);

/** Who wrote a revision, when it entered the database and as part of what. */
export const ChangesetSchema = z.object({
  id: z.number().int(),
  kind: ChangesetKindSchema,
  actor: z.string(),
  description: z.string(),
});

/** The answer to a write: the figure as it now stands and what the write did. */
export const ShareWriteResponseSchema = z.object({
  data: ShareFigureWithSourceSchema,
  meta: z.object({
    change: z.enum(['added', 'revised', 'unchanged']),
    revision: z.number().int().positive(),
    changedFields: z.array(z.enum(REVISABLE_FIELDS)),
    changesetId: z.number().int().nullable(),
    recordedAt: z.string().nullable(),
  }),
});
export type ShareWriteResponse = z.infer<typeof ShareWriteResponseSchema>;

/** One revision of a figure. */
export const FigureRevisionSchema = z.object({
  revision: z.number().int().positive(),
  change: z.enum(['added', 'revised', 'withdrawn']),
  changedFields: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  changeset: ChangesetSchema,
  figure: ShareFigureWithSourceSchema,
});

export const FigureRevisionsResponseSchema = z.object({ data: z.array(FigureRevisionSchema) });
export type FigureRevisionsResponse = z.infer<typeof FigureRevisionsResponseSchema>;
