import { z } from 'zod';
import { PartialDateSchema, SourceQualitySchema } from './entities.js';
import { PeriodSchema } from './period.js';

export const SizeUnitSchema = z.enum([
  'USD billions',
  'CNY billions',
  'tokens trillions',
  'tokens trillions per day',
  'tokens trillions per week',
]);
export type SizeUnit = z.infer<typeof SizeUnitSchema>;

/**
 * A market's total as a publisher stated it. `marketId` is set when the total's market definition
 * is one of the share markets (so a share of it can be turned into an absolute estimate), null for
 * context totals of other markets. `value` is the decimal as published. Forecasts and lower bounds
 * ("exceeded 10 trillion") are kept but never multiplied.
 */
export const MarketSizeSchema = z.object({
  id: z.string().regex(/^z-[0-9a-f]{16}$/),
  marketId: z.string().nullable(),
  marketText: z.string().min(1),
  region: z.string(),
  periodText: z.string().min(1),
  period: PeriodSchema.nullable(),
  forecast: z.boolean(),
  value: z.string().regex(/^\d+(?:\.\d+)?$/),
  unit: SizeUnitSchema,
  lowerBound: z.boolean(),
  /** The analyst firm, without the "(via …)" of the citing page. */
  publisher: z.string().min(1),
  publisherText: z.string().min(1),
  publishedDate: PartialDateSchema.nullable(),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
  datasetRow: z.number().int().positive(),
});
export type MarketSize = z.infer<typeof MarketSizeSchema>;
