import {
  CompareResponseSchema,
  CostEstimateResponseSchema,
  ErrorResponseSchema,
  EventsResponseSchema,
  MarketSizesResponseSchema,
  MarketsResponseSchema,
  OpennessResponseSchema,
  PriceModelsResponseSchema,
  PricesResponseSchema,
  SharesResponseSchema,
  StrategySharesResponseSchema,
  VendorsResponseSchema,
} from '@dash/domain/schemas';

/**
 * The shared `@dash/domain` schemas of every API answer the browser reads, by name. Only the
 * response-check worker (and tests) import this module: the page's own code names a schema and
 * never loads zod (see lib/response-checks.ts).
 */
export const RESPONSE_SCHEMAS = {
  CompareResponseSchema,
  CostEstimateResponseSchema,
  ErrorResponseSchema,
  EventsResponseSchema,
  MarketSizesResponseSchema,
  MarketsResponseSchema,
  OpennessResponseSchema,
  PriceModelsResponseSchema,
  PricesResponseSchema,
  SharesResponseSchema,
  StrategySharesResponseSchema,
  VendorsResponseSchema,
};

/**
 * Parses an answer's JSON text with the named shared schema. Returns null when it conforms, else
 * one line naming each failing field and what is wrong (`data.0.sharePct: expected number, received string`).
 */
export function checkResponse(name: keyof typeof RESPONSE_SCHEMAS, text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the answer is not JSON';
  }
  const result = RESPONSE_SCHEMAS[name].safeParse(body);
  if (result.success) return null;
  return result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(the answer)'}: ${i.message}`)
    .join('; ');
}
