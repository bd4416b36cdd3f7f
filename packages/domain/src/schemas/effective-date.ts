import { z } from 'zod';
import { IsoDateSchema } from './period.js';

/**
 * How a source dates a price, from its free-text `effective_date`:
 * - `day`: the price took effect that day ("2024-05-21", "2024-05-21 (made free)").
 * - `snapshot`: the price was seen in force that day ("2024-05-23 (snapshot)", "as of 2025-11-25");
 *   it may have started earlier.
 * - `month`: only the month is known ("Dec 2024 (…)", "~2025-01 (…)", "as of May 2026").
 * - `season`: a part of a year ("as of late 2024"): placed at the start of that part, approximate.
 * - `on-or-after`: a lower bound only ("undated scrape (2025-09 or later)").
 * - `before`: in force until that day, start unknown ("before 2024-05-21 (pre-cut)").
 * - `undated`: no date at all; such a price answers "what does it cost now", never "what did it
 *   cost on a day".
 */
export const EffectiveKindSchema = z.enum(['day', 'snapshot', 'month', 'season', 'on-or-after', 'before', 'undated']);
export type EffectiveKind = z.infer<typeof EffectiveKindSchema>;

/**
 * A price's effective date as parsed from the source text, which is kept verbatim in `text`.
 * `from` is the first day the product places the price in history (inclusive) and `to` an end the
 * source itself states (exclusive; only for `before`). `approximate` is true whenever `from` is not
 * a day on which the source says the price took effect; `note` says why.
 */
export const EffectiveDateSchema = z.object({
  text: z.string().min(1),
  kind: EffectiveKindSchema,
  from: IsoDateSchema.nullable(),
  to: IsoDateSchema.nullable(),
  approximate: z.boolean(),
  note: z.string().nullable(),
});
export type EffectiveDate = z.infer<typeof EffectiveDateSchema>;
