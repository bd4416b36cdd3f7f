import { z } from 'zod';
import { SHARE_SOURCE_COLUMNS } from '../normalize/shares.js';
import { REVISABLE_FIELDS } from '../revisions.js';
import { ShareFigureWithSourceSchema, singleParam } from './api.js';
import { SlugSchema } from './entities.js';
import { AsOfSchema } from './revisions.js';

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

/** A figure id; the 8-digit form of ids before migration 0008 is accepted so old links redirect. */
export const FigureIdParamsSchema = z.object({
  id: z.string().regex(/^f-(?:[0-9a-f]{16}|[0-9a-f]{8})$/, 'expected a figure id like f-1a2b3c4d5e6f7a8b'),
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

/**
 * Query of `GET /api/v1/changes` and `.atom`: revisions newest first. `after` is a change-set id
 * (poll with the latest id you have seen), `since` a date or date-time, `market` a market id.
 */
export const ChangesQuerySchema = z
  .object({
    after: singleParam(z.coerce.number().int().min(0).optional()).describe(
      'only changes of change sets after this id, e.g. 12',
    ),
    since: singleParam(AsOfSchema.optional()).describe(
      'only changes recorded at or after this date (start of day, UTC) or date-time',
    ),
    market: singleParam(SlugSchema.optional()).describe('market id, e.g. china-ai-cloud'),
    limit: singleParam(z.coerce.number().int().min(1).max(1000).default(100)).describe(
      'at most this many changes (1-1000, default 100)',
    ),
  })
  .strict();
export type ChangesQuery = z.infer<typeof ChangesQuerySchema>;

/** One entry of the change feed: a revision, the state it replaced and who wrote it when. */
export const ChangeEntrySchema = z.object({
  changesetId: z.number().int(),
  recordedAt: z.string(),
  kind: ChangesetKindSchema,
  actor: z.string(),
  description: z.string(),
  change: z.enum(['added', 'revised', 'withdrawn']),
  figureId: z.string(),
  revision: z.number().int().positive(),
  changedFields: z.array(z.string()),
  figure: ShareFigureWithSourceSchema,
  previous: ShareFigureWithSourceSchema.nullable(),
});
export type ChangeEntry = z.infer<typeof ChangeEntrySchema>;

export const ChangesResponseSchema = z.object({
  data: z.array(ChangeEntrySchema),
  meta: z.object({
    count: z.number().int(),
    /** The newest change set in the database: poll with `after=` this. */
    latestChangesetId: z.number().int().nullable(),
    /** True when `limit` cut the list: ask again with a narrower filter or a higher limit. */
    truncated: z.boolean(),
  }),
});
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;
