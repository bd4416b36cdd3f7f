import { formatPeriod, type CompareResponse, type MarketComparisonView } from '@dash/domain';
import type { DumbbellInputRow } from '../../charts/dumbbell/dumbbell-layout';

type Entity = CompareResponse['entities'][number];

const publishersOf = (c: MarketComparisonView) => [...new Set(c.entries.flatMap((e) => e.publishers))].join(', ');

/**
 * Dumbbell rows for compared markets. Share mode: each entity's published share (a range where
 * sources disagree). Absolute mode: each entity's derived estimate in the market's unit (a range
 * where totals disagree); an entity without a matching total is left out of the row, and a market
 * where nobody has one is listed in `withoutTotals` instead of drawn.
 */
export function compareRows(
  comparisons: readonly MarketComparisonView[],
  entities: readonly Entity[],
  mode: 'share' | 'absolute',
): { rows: DumbbellInputRow[]; withoutTotals: MarketComparisonView[] } {
  const colorOf = (id: string) => entities.find((e) => e.id === id)?.color ?? '#7A7A7A';
  const rows: DumbbellInputRow[] = [];
  const withoutTotals: MarketComparisonView[] = [];
  for (const c of comparisons) {
    const sublabel = `${formatPeriod(c.period.label)} · ${publishersOf(c)}`;
    if (mode === 'share') {
      rows.push({
        key: c.market.id,
        label: c.market.name,
        sublabel,
        points: c.entries.map((e) => ({
          key: e.entityId,
          color: colorOf(e.entityId),
          name: e.label,
          lo: e.minPct,
          hi: e.maxPct,
          valueText: `${e.text}%`,
          description: `${e.label}: ${e.text}% of ${c.market.name}, ${formatPeriod(c.period.label)} (${e.publishers.join(', ')})`,
        })),
      });
      continue;
    }
    const points = c.entries.flatMap((e) => {
      const estimates = e.figures.flatMap((f) => f.estimates);
      if (estimates.length === 0) return [];
      const values = estimates.map((x) => Number(x.value));
      const texts = [...new Set(estimates.map((x) => x.display))];
      return [
        {
          key: e.entityId,
          color: colorOf(e.entityId),
          name: e.label,
          lo: Math.min(...values),
          hi: Math.max(...values),
          valueText: `≈ ${texts.join(' / ')}`,
          description: `${e.label}: about ${texts.join(' or ')}, derived from ${e.text}% of ${estimates
            .map((x) => `${x.total.publisherText}'s total of ${x.total.value} ${x.total.unit}`)
            .join(' or ')}, ${formatPeriod(c.period.label)}`,
        },
      ];
    });
    if (points.length === 0) withoutTotals.push(c);
    else
      rows.push({
        key: c.market.id,
        label: c.market.name,
        sublabel: `${sublabel} · derived: share × published total`,
        points,
      });
  }
  return { rows, withoutTotals };
}

/**
 * The page title, from the data: whether the compared markets agree on a leader. "Who leads,
 * Alibaba Group or ByteDance, depends on what is measured" when they don't.
 */
export function compareTitle(res: Pick<CompareResponse, 'entities' | 'markets'>): string {
  const names = res.entities.map((e) => e.name);
  const list = names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const compared = res.markets.filter((m) => m.status === 'compared');
  if (compared.length === 0)
    return `${names.join(' vs ')}: no market has figures for more than one of them in the same period`;
  const leaders = new Set(compared.map((m) => m.leaderId));
  if (leaders.size === 1 && !leaders.has(null)) {
    const leader = res.entities.find((e) => e.id === [...leaders][0])!;
    return `${leader.name} leads on every measure compared (${compared.length} ${compared.length === 1 ? 'market' : 'markets'})`;
  }
  return `Who leads, ${list}, depends on what is measured`;
}
