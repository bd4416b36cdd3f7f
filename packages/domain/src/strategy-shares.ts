import { BINARY_LABELS, STRATEGY_LABELS, toBinary } from './openness.js';
import { sumPercentTexts } from './percent.js';
import type { ShareFigureWithSource } from './schemas/api.js';
import type { SourceQuality } from './schemas/entities.js';
import type { BinaryOpenness, Strategy } from './schemas/openness.js';
import { summarizeSnapshot } from './share-checks.js';

const QUALITY_RANK: Record<SourceQuality, number> = { primary: 0, press: 1, community: 2, secondary: 3 };

/**
 * Orders figures about one subject and period by preference: best source quality first, then the
 * most recently published, then id. Used wherever one figure must stand for a subject (a line
 * through a series, a stacked band); the others stay visible beside it.
 */
export function preferFigure(a: ShareFigureWithSource, b: ShareFigureWithSource): number {
  return (
    QUALITY_RANK[a.source.quality] - QUALITY_RANK[b.source.quality] ||
    (b.source.publishedDate ?? '').localeCompare(a.source.publishedDate ?? '') ||
    a.id.localeCompare(b.id)
  );
}

export type StrategyKey = Strategy | BinaryOpenness;

export interface StrategyBand<F> {
  key: StrategyKey;
  label: string;
  /** Exact sum of the figures in the band, in the precision they were published. */
  pctText: string;
  pct: number;
  figures: F[];
}

export interface StrategyShares<F> {
  bands: Array<StrategyBand<F>>;
  /** "Others / not reported": 100% minus every counted figure. */
  remainder: { pctText: string; pct: number } | null;
  /** True when some subject had disagreeing sources and the preferred one was used. */
  usedPreferredSource: boolean;
}

const GRADED_ORDER: Strategy[] = ['open', 'mixed', 'closed', 'not-classified'];
const BINARY_ORDER: BinaryOpenness[] = ['open-weights', 'api-only', 'not-classified'];

/**
 * Adds up one market-period's shares by the strategy of each figure's subject (graded: open,
 * mixed, closed, not classified; or binary). Each subject counts once, as in the snapshot (a
 * combined figure only where it covers unreported members); where sources disagree the preferred
 * source's figure is used and `usedPreferredSource` says so. Nothing is split or averaged.
 */
export function aggregateByStrategy<F extends ShareFigureWithSource>(
  figures: readonly F[],
  strategyOf: (f: F) => Strategy,
  view: 'graded' | 'binary' = 'graded',
): StrategyShares<F> {
  const snapshot = summarizeSnapshot(figures);
  const chosen: F[] = [];
  let usedPreferredSource = false;
  for (const row of snapshot.rows.filter((r) => r.countedInTotal)) {
    const sorted = [...row.figures].sort(preferFigure);
    if (new Set(sorted.map((f) => f.sharePctText)).size > 1) usedPreferredSource = true;
    chosen.push(sorted[0]!);
  }
  const keyOf = (f: F): StrategyKey => (view === 'binary' ? toBinary(strategyOf(f)) : strategyOf(f));
  const order: StrategyKey[] = view === 'binary' ? BINARY_ORDER : GRADED_ORDER;
  const bands = order
    .map((key) => {
      const members = chosen.filter((f) => keyOf(f) === key);
      const { sum } = sumPercentTexts(members.map((f) => f.sharePctText));
      const label = view === 'binary' ? BINARY_LABELS[key as BinaryOpenness] : STRATEGY_LABELS[key as Strategy];
      return { key, label, pctText: sum, pct: Number(sum), figures: members };
    })
    .filter((b) => b.figures.length > 0);
  const total = sumPercentTexts(chosen.map((f) => f.sharePctText));
  const remainder = chosen.length > 0 && Number(total.remainder) > 0 ? { pctText: total.remainder, pct: Number(total.remainder) } : null;
  return { bands, remainder, usedPreferredSource };
}
