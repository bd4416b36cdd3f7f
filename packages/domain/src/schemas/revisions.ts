import { z } from 'zod';
import { asOfInstant, FIGURE_CHANGE_KINDS } from '../revisions.js';

export const FigureChangeKindSchema = z.enum(FIGURE_CHANGE_KINDS);

/** `asOf` query parameter: an ISO date or a date-time with a zone. */
export const AsOfSchema = z
  .string()
  .trim()
  .refine((s) => asOfInstant(s) !== null, {
    message: 'expected an ISO date (2025-06-30) or a date-time with a zone (2025-06-30T12:00:00Z)',
  });
