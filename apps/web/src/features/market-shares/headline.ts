import { formatPeriod, type MarketSummary, type ShareFigureWithSource, type Snapshot } from '@dash/domain';

const value = (lo: number, hi: number, loText: string, hiText: string) =>
  lo === hi ? `${hiText}%` : `${loText}–${hiText}%`;

/**
 * The finding a snapshot chart states in its title, from the data alone: who leads, with what
 * share, according to whom ("Alibaba Cloud leads with 35.8% (Omdia, 2025 H1)"). Ties and combined
 * figures are said as such; no figure, no claim.
 */
export function headlineFor(
  snapshot: Snapshot<ShareFigureWithSource>,
  market: Pick<MarketSummary, 'name'>,
  periodLabel: string,
): string {
  const period = formatPeriod(periodLabel);
  const rows = snapshot.rows;
  if (rows.length === 0) return `${market.name}: no figures for ${period}`;
  const publishers = [...new Set(rows.flatMap((r) => r.figures.map((f) => f.source.publisher)))].join(', ');
  const vendorsOnly = rows.filter((r) => r.subjectKind === 'vendor');
  const describe = (r: Snapshot<ShareFigureWithSource>['rows'][number]) =>
    value(r.minPct, r.maxPct, r.figures[r.figures.length - 1]!.sharePctText, r.figures[0]!.sharePctText);
  if (vendorsOnly.length === 0) {
    const g = rows[0]!;
    return `${g.subjectName} together held ${describe(g)} of ${market.name} (${publishers}, ${period})`;
  }
  const [top, second] = vendorsOnly;
  if (vendorsOnly.length === 1)
    return `${top!.subjectName}: ${describe(top!)} of ${market.name} (${publishers}, ${period})`;
  if (second && second.maxPct >= top!.minPct) {
    return `${top!.subjectName} (${describe(top!)}) and ${second.subjectName} (${describe(second)}) are level in ${market.name} (${publishers}, ${period})`;
  }
  return `${top!.subjectName} leads ${market.name} with ${describe(top!)} (${publishers}, ${period})`;
}
