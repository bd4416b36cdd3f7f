import {
  absoluteEstimates,
  comparePeriods,
  formatPeriod,
  type AbsoluteEstimate,
  type MarketSize,
  type Period,
  type PeriodKind,
  type ShareFigureWithSource,
  type SizeUnit,
  type SnapshotRow,
} from '@dash/domain';

/*
 * The market-share page's view model: what it shows, derived from its data and view state, with
 * no React in it (the panels render it).
 */

export const KIND_LABELS: Record<PeriodKind, string> = {
  quarter: 'Quarterly',
  half: 'Half-yearly',
  year: 'Annual',
};

/** The unit of a market's totals (they share one per market definition). */
export const unitOf = (sizes: readonly MarketSize[], marketId: string): SizeUnit =>
  sizes.find((z) => z.marketId === marketId)?.unit ?? 'USD billions';

/**
 * The snapshot's period: the URL's, else the latest period with at least two subjects, so a lone
 * low-confidence figure does not stand in for the market (every period stays one click away),
 * else the latest.
 */
export function snapshotPeriodOf(
  periodsDesc: readonly Period[],
  figures: readonly ShareFigureWithSource[],
  requested: string | undefined,
): Period | undefined {
  const subjects = new Map<string, Set<string>>();
  for (const f of figures) subjects.set(f.period.label, (subjects.get(f.period.label) ?? new Set()).add(f.subjectId));
  return (
    periodsDesc.find((p) => p.label === requested) ??
    periodsDesc.find((p) => (subjects.get(p.label)?.size ?? 0) >= 2) ??
    periodsDesc[0]
  );
}

/**
 * The period lengths among the shown figures and the one the trend draws: the URL's when there
 * are figures of it, else the most common (a line never mixes quarters and years).
 */
export function trendKindOf(shown: readonly ShareFigureWithSource[], requested: PeriodKind | undefined) {
  const kinds = [...new Set(shown.map((f) => f.period.kind))];
  const counts = kinds.map((k) => ({ k, n: shown.filter((f) => f.period.kind === k).length }));
  const fallback = counts.sort((a, b) => b.n - a.n)[0]?.k;
  const kind = requested && kinds.includes(requested) ? requested : fallback;
  return { kinds, kind, figures: shown.filter((f) => f.period.kind === kind) };
}

export type RowEstimate = AbsoluteEstimate & { figure: ShareFigureWithSource };

/** Every absolute estimate of a snapshot row: each of its figures times each matching total. */
export const estimatesOf = (row: SnapshotRow<ShareFigureWithSource>, sizes: readonly MarketSize[]): RowEstimate[] =>
  row.figures.flatMap((f) => absoluteEstimates(f, sizes).map((e) => ({ ...e, figure: f })));

/** A row's bar in the absolute view: the range of its estimates, labelled and described; null without a total. */
export function absoluteBar(row: SnapshotRow<ShareFigureWithSource>, list: readonly RowEstimate[]) {
  if (list.length === 0) return null;
  const values = list.map((e) => Number(e.value));
  const texts = [...new Set(list.map((e) => e.display))];
  return {
    lo: Math.min(...values),
    hi: Math.max(...values),
    label: `≈ ${texts.join(' / ')}`,
    description: `${row.subjectName}: about ${texts.join(' or ')}, derived from ${list
      .map((e) => `${e.figure.sharePctText}% of ${e.size.publisherText}'s total of ${e.size.value} ${e.size.unit}`)
      .join(' or ')}`,
  };
}

/**
 * The companies whose events the trend marks: those of its own vendor series; a combined figure
 * ("Alibaba + Huawei + Tencent") brings in its members' events only when nothing else is drawn.
 */
export function trendCompaniesOf(figures: readonly ShareFigureWithSource[], parentOf: (vendorId: string) => string) {
  const own = figures.filter((f) => f.subjectKind === 'vendor');
  return new Set((own.length > 0 ? own : figures).flatMap((f) => f.vendorIds.map(parentOf)));
}

/** The trend's first and last period, for its subtitle ("2024 Q1–2025 Q2") and file name ("2024Q1-2025Q2"). */
export function trendSpanOf(figures: readonly ShareFigureWithSource[]): { text: string; label: string } {
  const periods = [...new Map(figures.map((f) => [f.period.label, f.period])).values()].sort(comparePeriods);
  if (periods.length === 0) return { text: '', label: '' };
  const ends = [periods[0]!, periods[periods.length - 1]!];
  return {
    text: [...new Set(ends.map((p) => formatPeriod(p.label)))].join('–'),
    label: [...new Set(ends.map((p) => p.label))].join('-'),
  };
}
