import type { PriceTier } from '../schemas/pricing.js';

export interface TierRange<T> {
  /** Input lengths `min < L ≤ max` (max null: no bound); `tier` null on both sides: all lengths. */
  tier: PriceTier | null;
  left: T | null;
  right: T | null;
}

/**
 * Lines up two models' context-length tiers for a tier-by-tier comparison: the union of both
 * sides' tier bounds cut into ranges, each with the price point that covers it on each side (null
 * where that side has no known price for those lengths). An untiered price covers every range.
 */
export function alignTiers<T extends { tier: PriceTier | null }>(
  left: readonly T[],
  right: readonly T[],
): TierRange<T>[] {
  const tiered = [...left, ...right].filter((p) => p.tier !== null);
  const covering = (side: readonly T[], lo: number, hi: number | null) =>
    side.find(
      (p) =>
        p.tier !== null &&
        p.tier.minInputTokens <= lo &&
        (p.tier.maxInputTokens === null || (hi !== null && hi <= p.tier.maxInputTokens)),
    ) ??
    side.find((p) => p.tier === null) ??
    null;
  if (tiered.length === 0) return [{ tier: null, left: left[0] ?? null, right: right[0] ?? null }];
  const bounds = [
    ...new Set(
      tiered.flatMap((p) => [
        p.tier!.minInputTokens,
        ...(p.tier!.maxInputTokens === null ? [] : [p.tier!.maxInputTokens]),
      ]),
    ),
  ].sort((a, b) => a - b);
  const open = tiered.some((p) => p.tier!.maxInputTokens === null) || [...left, ...right].some((p) => p.tier === null);
  const ranges: TierRange<T>[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const lo = bounds[i]!;
    const hi = bounds[i + 1] ?? null;
    if (hi === null && !open) break;
    ranges.push({
      tier: { minInputTokens: lo, maxInputTokens: hi },
      left: covering(left, lo, hi),
      right: covering(right, lo, hi),
    });
  }
  return ranges;
}
