import { METRIC_BASIS_LABELS } from './labels.js';
import { comparePeriods, formatPeriod } from './period.js';
import type { ShareFigureWithSource } from './schemas/api.js';
import type { Company, Market, MetricBasis, Vendor } from './schemas/entities.js';
import type { Period } from './schemas/period.js';

/** Something to compare: a parent company (all its vendors and model families) or one vendor. */
export interface CompareEntity {
  id: string;
  kind: 'company' | 'vendor';
  name: string;
  vendorIds: string[];
  color: string;
}

/** The default comparison: Alibaba (Alibaba Cloud, Qwen) against ByteDance (Volcano Engine, Doubao). */
export const DEFAULT_COMPARE_IDS = ['alibaba', 'bytedance'] as const;

/**
 * Resolves ids to entities: a company id stands for all its vendors, any other id must be a vendor
 * id. (A one-vendor company such as DeepSeek has the same id for both; either reading is the same.)
 * Unknown ids come back in `unknown`.
 */
export function resolveEntities(
  ids: readonly string[],
  vendors: readonly Pick<Vendor, 'id' | 'name' | 'parentId' | 'color'>[],
  companies: readonly Pick<Company, 'id' | 'name' | 'color'>[],
): { entities: CompareEntity[]; unknown: string[] } {
  const entities: CompareEntity[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const company = companies.find((c) => c.id === id);
    const own = vendors.filter((v) => v.parentId === id);
    if (company && own.length > 0) {
      entities.push({ id, kind: 'company', name: company.name, vendorIds: own.map((v) => v.id), color: company.color });
      continue;
    }
    const vendor = vendors.find((v) => v.id === id);
    if (vendor) entities.push({ id, kind: 'vendor', name: vendor.name, vendorIds: [vendor.id], color: vendor.color });
    else unknown.push(id);
  }
  return { entities, unknown };
}

/** One entity's figures in the compared period of one market, with their spread. */
export interface CompareEntry<F> {
  entityId: string;
  /** How the figures name the entity here ("Volcano Engine", "Qwen (Alibaba Cloud)"). */
  label: string;
  figures: F[];
  minPct: number;
  maxPct: number;
  /** "35.8" or, when sources or publishers differ, "8.2–8.8". */
  text: string;
  publishers: string[];
}

export interface MarketComparison<F> {
  market: Pick<Market, 'id' | 'name' | 'shortName' | 'metricBasis' | 'metric' | 'scope' | 'region'>;
  /** `compared`: two or more entities have figures for one period; `single`: only one entity has any. */
  status: 'compared' | 'single';
  /** The latest period in which the most entities have figures. */
  period: Period;
  entries: Array<CompareEntry<F>>;
  /** Entities with no figure in `period` (they may have figures in other periods). */
  missing: string[];
  /** The entity whose lowest figure is above every other's highest; null when ranges touch or overlap. */
  leaderId: string | null;
  sentence: string;
  /** Every figure of each entity in this market, for trends. */
  series: Array<{ entityId: string; figures: F[] }>;
}

const joinNames = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

function entryOf<F extends ShareFigureWithSource>(entityId: string, figures: F[]): CompareEntry<F> {
  const sorted = [...figures].sort((a, b) => b.sharePct - a.sharePct);
  const hi = sorted[0]!;
  const lo = sorted[sorted.length - 1]!;
  // A model family is named by itself ("Qwen"), a vendor by its name.
  const labels = [...new Set(sorted.map((f) => f.modelFamily ?? f.subjectName))];
  return {
    entityId,
    label: labels.join(' / '),
    figures: sorted,
    minPct: lo.sharePct,
    maxPct: hi.sharePct,
    text: lo.sharePctText === hi.sharePctText ? hi.sharePctText : `${lo.sharePctText}–${hi.sharePctText}`,
    publishers: [...new Set(sorted.map((f) => f.source.publisher))],
  };
}

/**
 * Compares entities market by market. An entity's figures in a market are the figures about its
 * vendors or their model families (never a combined group's figure, which is not any one
 * vendor's). For each market the compared period is the latest one in which the most entities
 * have figures; all sources' figures for that period are kept, so disagreement shows as a range
 * with each publisher named. Markets where no entity has figures are left out. The sentence says
 * who leads on what, by how much, according to whom; it calls a tie a tie.
 */
export function compareMarkets<F extends ShareFigureWithSource>(
  figures: readonly F[],
  entities: readonly CompareEntity[],
  markets: ReadonlyArray<MarketComparison<F>['market']>,
): Array<MarketComparison<F>> {
  const out: Array<MarketComparison<F>> = [];
  for (const market of markets) {
    const inMarket = figures.filter((f) => f.marketId === market.id && f.subjectKind === 'vendor');
    const series = entities
      .map((e) => ({ entityId: e.id, figures: inMarket.filter((f) => e.vendorIds.includes(f.vendorIds[0]!)) }))
      .filter((s) => s.figures.length > 0);
    if (series.length === 0) continue;

    // Candidate periods, latest first; pick the first with the most entities present.
    const periods = new Map<string, Period>();
    series.forEach((s) => s.figures.forEach((f) => periods.set(f.period.label, f.period)));
    const latestFirst = [...periods.values()].sort(comparePeriods).reverse();
    const present = (p: Period) => series.filter((s) => s.figures.some((f) => f.period.label === p.label)).length;
    const best = Math.max(...latestFirst.map(present));
    const period = latestFirst.find((p) => present(p) === best)!;

    const entries = series
      .map((s) => ({ s, inPeriod: s.figures.filter((f) => f.period.label === period.label) }))
      .filter((x) => x.inPeriod.length > 0)
      .map((x) => entryOf(x.s.entityId, x.inPeriod))
      .sort((a, b) => b.maxPct - a.maxPct);
    const missing = entities.map((e) => e.id).filter((id) => !entries.some((en) => en.entityId === id));
    const [top, ...rest] = entries;
    const leaderId = top && rest.length > 0 && rest.every((r) => top.minPct > r.maxPct) ? top.entityId : null;
    const status = entries.length >= 2 ? 'compared' : 'single';
    const publishers = joinNames([...new Set(entries.flatMap((e) => e.publishers))]);
    const when = `${publishers}, ${formatPeriod(period.label)}`;
    const nameOf = (id: string) => entities.find((e) => e.id === id)?.name ?? id;
    let sentence: string;
    if (status === 'single') {
      sentence = `Only ${top!.label} has a figure on ${market.shortName}: ${top!.text}% (${when})`;
    } else if (leaderId && rest.length === 1) {
      sentence = `${top!.label} leads on ${market.shortName}, ${top!.text}% to ${rest[0]!.text}% for ${rest[0]!.label} (${when})`;
    } else if (leaderId) {
      sentence = `${top!.label} leads on ${market.shortName} with ${top!.text}%, ahead of ${joinNames(rest.map((r) => `${r.label} (${r.text}%)`))} (${when})`;
    } else {
      sentence = `${joinNames(entries.map((e) => `${e.label} (${e.text}%)`))} are level on ${market.shortName} (${when})`;
    }
    if (status === 'compared' && missing.length > 0) sentence += `; no figure for ${joinNames(missing.map(nameOf))}`;
    out.push({ market, status, period, entries, missing, leaderId, sentence, series });
  }
  return out;
}

const BASIS_NOUNS: Record<MetricBasis, string> = { revenue: 'revenue', 'token-volume': 'API token volume', usage: 'model usage' };

/** Comparisons grouped by what their shares measure, in the order revenue, token volume, usage. */
export function groupByBasis<F>(comparisons: ReadonlyArray<MarketComparison<F>>) {
  const order: MetricBasis[] = ['revenue', 'token-volume', 'usage'];
  return order
    .map((basis) => ({ basis, label: METRIC_BASIS_LABELS[basis], comparisons: comparisons.filter((c) => c.market.metricBasis === basis) }))
    .filter((g) => g.comparisons.length > 0);
}

/**
 * One paragraph for the whole comparison: each compared market's sentence, then a warning when
 * the markets measure different things (revenue, tokens, usage) and must not be read across.
 */
export function summarizeComparison<F>(comparisons: ReadonlyArray<MarketComparison<F>>): string {
  const compared = comparisons.filter((c) => c.status === 'compared');
  if (compared.length === 0) return 'No market has figures for more than one of these in the same period.';
  const text = `${compared.map((c) => c.sentence).join('; ')}.`;
  const bases = new Set(compared.map((c) => c.market.metricBasis));
  return bases.size > 1
    ? `${text} These shares measure different things (${[...bases].map((b) => BASIS_NOUNS[b]).join(', ')}): compare within a measure, not across.`
    : text;
}
