import { z } from 'zod';
import { isSupportedYear, MAX_YEAR, MIN_YEAR } from '../period.js';

const LABEL = /^\d{4}(?:Q[1-4]|H[12])?$/;

/** The kinds of reporting period the publishers use. */
export const PeriodKindSchema = z.enum(['quarter', 'half', 'year']);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

/**
 * Canonical period labels: `2025Q1`, `2025H1`, `2025`, for the years {@link parsePeriod} accepts
 * (1990–2100), so every valid label has dates.
 */
export const PeriodLabelSchema = z
  .string()
  .regex(LABEL, 'expected a period like 2025Q1, 2025H1 or 2025')
  // Only a well-formed label gets the year message; a malformed one already has the format message.
  .refine((s) => !LABEL.test(s) || isSupportedYear(Number(s.slice(0, 4))), `expected a year from ${MIN_YEAR} to ${MAX_YEAR}`);

/** ISO calendar date `YYYY-MM-DD` (UTC, no time). */
export const IsoDateSchema = z.iso.date();

/**
 * A reporting period: canonical label plus the calendar dates it covers. `startDate` and `endDate`
 * are both inclusive, as publishers state them ("2025-01-01 to 2025-03-31").
 */
export const PeriodSchema = z.object({
  label: PeriodLabelSchema,
  kind: PeriodKindSchema,
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
});
export type Period = z.infer<typeof PeriodSchema>;

