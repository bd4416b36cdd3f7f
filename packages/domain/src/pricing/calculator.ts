import type { CostEstimateRow, Money } from '../schemas/pricing-api.js';
import type { Currency, PricePoint, PriceTier } from '../schemas/pricing.js';
import { dec, type DecimalText } from './decimal.js';
import { convertAmount, pickFxRate } from './fx.js';
import { buildHistory, type ScheduleVersion, versionsAt } from './history.js';
import { fxUsed, type PricingData } from './price-rows.js';

/** A month of requests: tokens per request, requests per month, the cached share, the tier-picking length. */
export interface Workload {
  inputTokensPerRequest: number;
  outputTokensPerRequest: number;
  requestsPerMonth: number;
  /** Percent (0–100) of input tokens served from cache, as decimal text. */
  cachedInputPct: DecimalText;
  /** Input length that selects the context-length tier; defaults to input tokens per request. */
  contextTokens?: number | undefined;
  /** Parts of input and output in the blended price (3:1 by default). */
  ratio?: { input: number; output: number } | undefined;
}

export const DEFAULT_RATIO = { input: 3, output: 1 };

/** "0–32K", "128K–256K", "over 200K", "all lengths". */
export function formatTier(t: PriceTier | null): string {
  if (!t) return 'all lengths';
  const k = (n: number) => (n === 0 ? '0' : n % 1000 === 0 ? `${n / 1000}K` : n.toLocaleString('en-US'));
  return t.maxInputTokens === null ? `over ${k(t.minInputTokens)}` : `${k(t.minInputTokens)}–${k(t.maxInputTokens)}`;
}

/** Whether a request of `inputTokens` falls in tier `t`: `min < L ≤ max` (the first tier includes 0). */
export function tierCovers(t: PriceTier | null, inputTokens: number): boolean {
  if (!t) return true;
  const aboveMin = inputTokens > t.minInputTokens || (t.minInputTokens === 0 && inputTokens === 0);
  return aboveMin && (t.maxInputTokens === null || inputTokens <= t.maxInputTokens);
}

/**
 * The price point of a schedule version that applies to requests of `inputTokens`: the tier
 * covering that length (a tiered price before an untiered one), or null when no known tier does.
 */
export function selectTier<T extends Pick<PricePoint, 'tier'>>(points: readonly T[], inputTokens: number): T | null {
  return (
    points.find((p) => p.tier !== null && tierCovers(p.tier, inputTokens)) ??
    points.find((p) => p.tier === null) ??
    null
  );
}

/** Monthly token totals of a workload, exact. */
export function monthlyTokens(w: Workload) {
  const input = dec.mul(String(w.inputTokensPerRequest), String(w.requestsPerMonth));
  const cached = dec.div(dec.mul(input, w.cachedInputPct), '100', 30);
  return {
    input,
    cached,
    uncached: dec.sub(input, cached),
    output: dec.mul(String(w.outputTokensPerRequest), String(w.requestsPerMonth)),
  };
}

/**
 * Monthly cost of a workload at one price point, in its currency: uncached input × input price +
 * cached input × cached price (the input price when the source gives no cached price) + output ×
 * output price, prices per 1M tokens; plus the blended price per 1M at the given input:output
 * ratio (rounded half-even to 6 decimals; everything else is exact). Null when output tokens are asked for and the source gives no output price.
 */
export function costAt(
  p: Pick<PricePoint, 'inputPerMTok' | 'outputPerMTok' | 'cachedInputPerMTok'>,
  w: Workload,
): Money | null {
  const t = monthlyTokens(w);
  // Dividing by 10^6 is exact in decimal: no rounding anywhere in a native cost.
  const perM = (tokens: DecimalText, price: DecimalText) => dec.div(dec.mul(tokens, price), '1000000', 30);
  if (p.outputPerMTok === null && !dec.isZero(t.output)) return null;
  const inputCost = perM(t.uncached, p.inputPerMTok);
  const cachedInputCost = perM(t.cached, p.cachedInputPerMTok ?? p.inputPerMTok);
  const outputCost = p.outputPerMTok === null ? '0' : perM(t.output, p.outputPerMTok);
  const r = w.ratio ?? DEFAULT_RATIO;
  const blendedPerMTok =
    p.outputPerMTok === null
      ? null
      : dec.div(
          dec.add(dec.mul(p.inputPerMTok, String(r.input)), dec.mul(p.outputPerMTok, String(r.output))),
          String(r.input + r.output),
        );
  return {
    inputCost,
    cachedInputCost,
    outputCost,
    total: dec.add(inputCost, cachedInputCost, outputCost),
    blendedPerMTok,
  };
}

const convertMoney = (m: Money, from: Currency, to: Currency, rate: DecimalText): Money => ({
  inputCost: convertAmount(m.inputCost, from, to, rate),
  cachedInputCost: convertAmount(m.cachedInputCost, from, to, rate),
  outputCost: convertAmount(m.outputCost, from, to, rate),
  total: convertAmount(m.total, from, to, rate),
  blendedPerMTok: m.blendedPerMTok === null ? null : convertAmount(m.blendedPerMTok, from, to, rate),
});

export interface EstimateOptions {
  at: string | null;
  currency: Currency;
  today: string;
}

/**
 * Monthly cost of `w` for every offer in force on `at` (or now): picks the tier by context
 * length, costs it in the offer's currency, converts it at the dated rate, and ranks by cost
 * with "N× the cheapest paid option". Offers with no tier for the context length or a missing
 * price are kept, last, with a note saying what is unknown; nothing is filled in.
 */
export function estimateCosts(data: PricingData, w: Workload, o: EstimateOptions): CostEstimateRow[] {
  const models = new Map(data.models.map((m) => [m.id, m]));
  const context = w.contextTokens ?? w.inputTokensPerRequest;
  const t = monthlyTokens(w);
  const rows: CostEstimateRow[] = [];
  for (const v of versionsAt(buildHistory(data.points), o.at) as ScheduleVersion[]) {
    const first = v.points[0]!;
    const m = models.get(first.modelId);
    if (!m) continue;
    const when = o.at === null ? (v.inHistory ? 'now' : 'now (undated source)') : `on ${o.at}`;
    const base = {
      modelId: m.id,
      modelName: m.name,
      vendorId: m.vendorId,
      platform: first.platform,
      region: first.region,
      currency: first.currency,
      weights: m.weights,
      effective: first.effective,
      validFrom: v.validFrom,
      validTo: v.validTo,
    };
    const point = selectTier(v.points, context);
    if (!point) {
      const known = v.points.map((p) => formatTier(p.tier)).join(', ');
      rows.push({
        ...base,
        status: 'no-tier',
        pricePointId: null,
        tier: null,
        prices: null,
        native: null,
        converted: null,
        fx: null,
        timesCheapest: null,
        notes: [
          `no price known for ${m.id} at ${context.toLocaleString('en-US')} input tokens per request ${when} (known tiers: ${known})`,
        ],
        source: first.source,
      });
      continue;
    }
    const notes: string[] = [];
    if (point.cachedInputPerMTok === null && !dec.isZero(t.cached)) {
      notes.push('no cached-input price known: cached tokens are costed at the input price');
    }
    const native = costAt(point, w);
    if (!native) notes.push(`no output price known for ${m.id} ${when}`);
    let converted: Money | null = native;
    let fx: CostEstimateRow['fx'] = null;
    if (native && point.currency !== o.currency) {
      // Current prices convert at today's rate; prices on a day at that day's rate.
      const day = o.at ?? o.today;
      const pick = pickFxRate(data.rates, day);
      if (pick) {
        converted = convertMoney(native, point.currency, o.currency, pick.rate.cnyPerUsd);
        fx = fxUsed(pick);
      } else {
        converted = null;
        notes.push(`no exchange rate on or before ${day}`);
      }
    }
    rows.push({
      ...base,
      status: native ? 'ok' : 'missing-price',
      pricePointId: point.id,
      tier: point.tier,
      prices: {
        inputPerMTok: point.inputPerMTok,
        outputPerMTok: point.outputPerMTok,
        cachedInputPerMTok: point.cachedInputPerMTok,
      },
      native,
      converted,
      fx,
      timesCheapest: null,
      notes,
      source: point.source,
    });
  }
  const paid = rows.filter((r) => r.converted && !dec.isZero(r.converted.total));
  const cheapest = paid.reduce<string | null>(
    (min, r) => (min === null || dec.cmp(r.converted!.total, min) < 0 ? r.converted!.total : min),
    null,
  );
  for (const r of paid) r.timesCheapest = dec.div(r.converted!.total, cheapest!, 2);
  return rows.sort((a, b) => {
    if (a.converted && b.converted)
      return (
        dec.cmp(a.converted.total, b.converted.total) ||
        a.modelName.localeCompare(b.modelName) ||
        a.region.localeCompare(b.region)
      );
    if (a.converted) return -1;
    if (b.converted) return 1;
    return a.modelName.localeCompare(b.modelName) || a.region.localeCompare(b.region);
  });
}
