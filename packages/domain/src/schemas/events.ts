import { z } from 'zod';
import { EVENT_KINDS, EVENT_PRECISIONS } from '../events.js';
import { listParam, singleParam } from './api.js';
import { SlugSchema, SourceQualitySchema } from './entities.js';

export const EventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKindSchema>;
export const EventPrecisionSchema = z.enum(EVENT_PRECISIONS);
export type EventPrecision = z.infer<typeof EventPrecisionSchema>;

const IsoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day like 2024-05-15');
/** A calendar day in a query: `2024-02-30` or `2025-13-45` have the shape of a day but name none. */
const IsoDayParamSchema = IsoDaySchema.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar day (expected a day like 2024-05-15)');

/**
 * One cited market event. `date` is the source's date (`2024-05-15` or `2024-05`); `startDate` and
 * `endDate` are the first and last day it may fall on (the same day for a day; the month's first
 * and last day for a month). `precision` is `approx` when the source's date is itself approximate.
 * `vendorNames` are as the source wrote them, `companyIds` the parent companies they resolve to.
 */
export const MarketEventSchema = z.object({
  id: z.string().regex(/^e-[0-9a-f]{16}$/),
  date: z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/),
  precision: EventPrecisionSchema,
  startDate: IsoDaySchema,
  endDate: IsoDaySchema,
  kind: EventKindSchema,
  vendorNames: z.array(z.string().min(1)).min(1),
  companyIds: z.array(SlugSchema).min(1),
  title: z.string().min(1),
  detail: z.string(),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
  datasetRow: z.number().int().positive(),
});
export type MarketEvent = z.infer<typeof MarketEventSchema>;

/**
 * Query of `GET /api/v1/events` and its `.csv` twin: `vendor` takes company or vendor ids (a
 * vendor counts as its parent company), `kind` event kinds, `from`/`to` ISO days; an event is
 * included when the days it may fall on overlap [from, to].
 */
export const EventQuerySchema = z
  .object({
    vendor: listParam(SlugSchema).describe('company or vendor ids, e.g. alibaba,volcano-engine'),
    kind: listParam(EventKindSchema).describe(`event kinds: ${EventKindSchema.options.join(', ')}`),
    from: singleParam(IsoDayParamSchema.optional()).describe('first day, e.g. 2024-01-01'),
    to: singleParam(IsoDayParamSchema.optional()).describe('last day, e.g. 2025-12-31'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type EventQuery = z.infer<typeof EventQuerySchema>;

export const EventsResponseSchema = z.object({
  data: z.array(MarketEventSchema),
  meta: z.object({ count: z.number().int(), precisionRule: z.string(), datasetVersion: z.string() }),
});
export type EventsResponse = z.infer<typeof EventsResponseSchema>;
