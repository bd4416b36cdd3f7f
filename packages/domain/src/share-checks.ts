import type { RowIssue } from './normalize/shares.js';
import { decimalsOf, PERCENT_SCALE, percentUnits } from './percent.js';
import type { ShareFigure, Source } from './schemas/entities.js';

const SCALE = PERCENT_SCALE;
const toUnits = percentUnits;
const unitsToText = (units: number, decimals: number) => (units / SCALE).toFixed(decimals);

/** One subject (vendor or vendor group) in a market-period snapshot, with every source's figure. */
export interface SnapshotRow<F extends ShareFigure = ShareFigure> {
  subjectId: string;
  subjectName: string;
  subjectKind: 'vendor' | 'group';
  vendorIds: string[];
  modelFamily: string | null;
  /** All figures for this subject, highest first; more than one when sources disagree or agree. */
  figures: F[];
  minPct: number;
  maxPct: number;
  /** Whether the figure counts towards the total: a group does only when it covers members not shown individually. */
  countedInTotal: boolean;
}

/** The derived "others / not reported" remainder: 100% minus the figures shown, as a range when sources disagree. */
export interface Remainder {
  minPct: number;
  maxPct: number;
  /** "23.2" or "22.6–23.2", with as many decimals as the figures it was derived from. */
  text: string;
}

export interface Snapshot<F extends ShareFigure = ShareFigure> {
  rows: Array<SnapshotRow<F>>;
  remainder: Remainder | null;
  /** Sum of the counted figures using each subject's lowest figure; above 100 is a data error. */
  totalMinPct: number;
  overfull: boolean;
}

/**
 * Summarizes the figures of one market and period: one row per subject (all its sources kept),
 * and the explicit "others / not reported" remainder. Individually reported vendors count towards
 * the total; a combined group counts instead of its members only when some member has no figure
 * of its own, so nothing is counted twice and no group is split into invented per-vendor numbers.
 */
export function summarizeSnapshot<F extends ShareFigure>(figures: readonly F[]): Snapshot<F> {
  const bySubject = new Map<string, F[]>();
  for (const f of figures) bySubject.set(f.subjectId, [...(bySubject.get(f.subjectId) ?? []), f]);

  const individual = new Set(
    figures.filter((f) => f.subjectKind === 'vendor').map((f) => f.vendorIds[0]!),
  );
  const covered = new Set<string>();
  const countedGroups = new Set<string>();
  // Larger groups first, so the widest combined figure that adds information is used.
  const groupIds = [...bySubject.keys()]
    .filter((id) => bySubject.get(id)![0]!.subjectKind === 'group')
    .sort((a, b) => bySubject.get(b)![0]!.vendorIds.length - bySubject.get(a)![0]!.vendorIds.length);
  for (const id of groupIds) {
    const members = bySubject.get(id)![0]!.vendorIds;
    const addsInformation = members.some((m) => !individual.has(m));
    const overlaps = members.some((m) => covered.has(m));
    if (addsInformation && !overlaps) {
      countedGroups.add(id);
      members.forEach((m) => covered.add(m));
    }
  }

  const rows: Array<SnapshotRow<F>> = [...bySubject.entries()].map(([subjectId, list]) => {
    const sorted = [...list].sort((a, b) => b.sharePct - a.sharePct);
    const first = sorted[0]!;
    const counted =
      first.subjectKind === 'group'
        ? countedGroups.has(subjectId)
        : !covered.has(first.vendorIds[0]!) && (first.modelFamily === null || !hasVendorLevelTwin(first, figures));
    return {
      subjectId,
      subjectName: first.subjectName,
      subjectKind: first.subjectKind,
      vendorIds: first.vendorIds,
      modelFamily: first.modelFamily,
      figures: sorted,
      minPct: sorted[sorted.length - 1]!.sharePct,
      maxPct: first.sharePct,
      countedInTotal: counted,
    };
  });
  rows.sort((a, b) => b.maxPct - a.maxPct || a.subjectName.localeCompare(b.subjectName));

  let minUnits = 0;
  let maxUnits = 0;
  let decimals = 0;
  for (const r of rows.filter((x) => x.countedInTotal)) {
    const texts = r.figures.map((f) => f.sharePctText);
    const units = texts.map(toUnits);
    minUnits += Math.min(...units);
    maxUnits += Math.max(...units);
    decimals = Math.max(decimals, ...texts.map(decimalsOf));
  }
  const full = 100 * SCALE;
  const overfull = minUnits > full;
  let remainder: Remainder | null = null;
  if (rows.length > 0 && minUnits < full) {
    const lo = Math.max(0, full - maxUnits);
    const hi = full - minUnits;
    const loText = unitsToText(lo, decimals);
    const hiText = unitsToText(hi, decimals);
    remainder = { minPct: lo / SCALE, maxPct: hi / SCALE, text: lo === hi ? hiText : `${loText}–${hiText}` };
  }
  return { rows, remainder, totalMinPct: minUnits / SCALE, overfull };
}

// A model-family figure (Qwen) next to a vendor-level figure for the same vendor would count the
// same business twice; the vendor-level figure wins.
function hasVendorLevelTwin(f: ShareFigure, all: readonly ShareFigure[]) {
  return all.some((o) => o.subjectKind === 'vendor' && o.modelFamily === null && o.vendorIds[0] === f.vendorIds[0]);
}

/**
 * Finds market-period sets from one publisher whose figures sum to more than 100% even when each
 * vendor's lowest figure is taken: a data error. Returns one issue per such set, on its first row.
 */
export function checkShareSums(figures: readonly ShareFigure[], sources: readonly Source[]): RowIssue[] {
  const publisherOf = new Map(sources.map((s) => [s.id, s.publisher]));
  const sets = new Map<string, ShareFigure[]>();
  for (const f of figures) {
    const k = `${f.marketId}|${f.period.label}|${publisherOf.get(f.sourceId) ?? ''}`;
    sets.set(k, [...(sets.get(k) ?? []), f]);
  }
  const issues: RowIssue[] = [];
  for (const [k, set] of sets) {
    const snap = summarizeSnapshot(set);
    if (!snap.overfull) continue;
    const [marketId, period, publisher] = k.split('|');
    const rowsList = set.map((f) => f.datasetRow).sort((a, b) => a - b);
    issues.push({
      row: rowsList[0]!,
      column: 'value_percent',
      message: `${publisher}'s figures for ${marketId} ${period} sum to ${snap.totalMinPct}%, more than 100% (rows ${rowsList.join(', ')})`,
    });
  }
  return issues;
}
