import type { ShareFigureWithSource } from './schemas/api.js';
import type { ShareFigure, Source, SourceQuality } from './schemas/entities.js';
import type { RowIssue } from './normalize/shares.js';
import { summarizeSnapshot } from './share-checks.js';

/**
 * Figure identity and revisions.
 *
 * A share figure is identified by its market, subject (vendor, model family or vendor group),
 * period and source page (the source id hashes the page's URL and title): "this page says this
 * subject held X% of this market in this period". The id (`figureIdFor`) is a hash of exactly
 * those four, so the same statement gets the same id in every file, database and export.
 *
 * A *revision* is a new state for the same identity: a corrected value or quote, a changed
 * publisher, publication date or quality of its source page, or a renamed subject. A figure read
 * from another page (a publisher's later report, a press article) is a different figure, kept
 * side by side with the first, never a revision of it.
 */

/** What a revision can change about a figure (everything but its identity). */
export interface FigureState {
  /** The share exactly as published ("18.0"). */
  sharePctText: string;
  quote: string;
  subjectName: string;
  modelFamily: string | null;
  vendorIds: readonly string[];
  publisher: string;
  publishedDate: string | null;
  quality: SourceQuality;
}

/** Field names of {@link FigureState} as users see them (the CSV column names). */
export const REVISABLE_FIELDS = [
  'share_pct',
  'quote',
  'subject',
  'model_family',
  'vendor_ids',
  'publisher',
  'published_date',
  'source_quality',
] as const;
export type RevisableField = (typeof REVISABLE_FIELDS)[number];

const FIELD_VALUES: Record<RevisableField, (s: FigureState) => string | null> = {
  share_pct: (s) => s.sharePctText,
  quote: (s) => s.quote,
  subject: (s) => s.subjectName,
  model_family: (s) => s.modelFamily,
  vendor_ids: (s) => s.vendorIds.join(';'),
  publisher: (s) => s.publisher,
  published_date: (s) => s.publishedDate,
  source_quality: (s) => s.quality,
};

/** The fields that differ between two states, in {@link REVISABLE_FIELDS} order; empty when equal. */
export function changedFields(a: FigureState, b: FigureState): RevisableField[] {
  return REVISABLE_FIELDS.filter((f) => FIELD_VALUES[f](a) !== FIELD_VALUES[f](b));
}

/** The state of a figure with its source (what a file or request supplies, what the store holds). */
export function stateOf(f: ShareFigure, source: Pick<Source, 'publisher' | 'publishedDate' | 'quality'>): FigureState {
  return {
    sharePctText: f.sharePctText,
    quote: f.quote,
    subjectName: f.subjectName,
    modelFamily: f.modelFamily,
    vendorIds: [...f.vendorIds],
    publisher: source.publisher,
    publishedDate: source.publishedDate,
    quality: source.quality,
  };
}

/**
 * What happens to one figure. `added`, `revised` and `withdrawn` write a revision; `unchanged`
 * writes nothing; `kept` and `conflict` (bundled loads only) leave another author's current
 * revision in place and say why.
 */
export const FIGURE_CHANGE_KINDS = ['added', 'revised', 'unchanged', 'withdrawn', 'kept', 'conflict'] as const;
export type FigureChangeKind = (typeof FIGURE_CHANGE_KINDS)[number];

/** A share figure's change as imports and bundled loads report it: {@link RecordChange} in figure terms. */
export interface PlannedChange {
  figureId: string;
  kind: FigureChangeKind;
  /** The fields that differ from the current state (for `revised`, `conflict`); empty otherwise. */
  fields: RevisableField[];
  before: FigureState | null;
  after: FigureState | null;
  /** The row of the incoming file (or request) the change comes from; null for withdrawals. */
  row: number | null;
  /** Why a bundled change was not applied (`kept`, `conflict`). */
  reason?: string;
}

/**
 * What happens to one record of any kind (a share figure, a release, a price point, a market
 * size, an event): its id is its identity, `before` and `after` the stored states.
 */
export interface RecordChange<S, F extends string = string> {
  id: string;
  kind: FigureChangeKind;
  /** Fields that differ from the current state. */
  fields: F[];
  before: S | null;
  after: S | null;
  /** The incoming row; null for withdrawals and what a bundled load keeps unasked. */
  row: number | null;
  reason?: string;
}

/** A record as the database holds it: its current state and who wrote that. */
export interface HeldRecord<S> {
  state: S;
  /** True when a bundled dataset load wrote the current revision. */
  currentFromBundle: boolean;
  /** Who wrote it, for messages ("token alice (t-…)", "the bundled data"). */
  currentActor: string;
}

/**
 * The one planner, for every kind, imports and bundled loads alike. Each incoming record is
 * `added` when not held, `unchanged` when `diff` finds nothing, otherwise:
 *
 * - `import`: `revised`;
 * - `bundled` (a three-way merge with `base`, the state the bundled data last gave it):
 *   `revised` when the bundled data wrote the current revision; `kept` when someone else revised
 *   it and the bundled data did not change it since (equals the base); `conflict` when both
 *   changed it (or an import added what the bundled data now gives): the current revision stays
 *   and the bundled state is reported, never applied over a person's correction.
 *
 * In `bundled` mode, held records absent from `incoming` that the base has are `withdrawn` when
 * the bundled data wrote their current revision, `kept` otherwise; records added by imports are
 * never withdrawn. (A writer planning in chunks passes, at the end, the held records no chunk
 * named, with no incoming.)
 */
export function planChanges<S, F extends string = string>(
  mode: 'import' | 'bundled',
  current: ReadonlyMap<string, HeldRecord<S>>,
  base: ReadonlyMap<string, S>,
  incoming: ReadonlyArray<{ id: string; state: S; row: number }>,
  diff: (a: S, b: S) => F[],
): RecordChange<S, F>[] {
  const out: RecordChange<S, F>[] = [];
  const seen = new Set<string>();
  for (const { id, state, row } of incoming) {
    seen.add(id);
    const held = current.get(id);
    if (!held) {
      out.push({ id, kind: 'added', fields: [], before: null, after: state, row });
      continue;
    }
    const fields = diff(held.state, state);
    const change = { id, fields, before: held.state, after: state, row };
    const actor = held.currentActor;
    if (fields.length === 0) out.push({ ...change, kind: 'unchanged' });
    else if (mode === 'import' || held.currentFromBundle) out.push({ ...change, kind: 'revised' });
    else {
      const baseState = base.get(id);
      if (baseState && diff(baseState, state).length === 0) {
        out.push({ ...change, kind: 'kept', reason: `revised by ${actor} since the bundled data last changed it` });
      } else {
        const what = baseState ? 'the bundled data changed it too' : 'the bundled data now gives it too';
        out.push({ ...change, kind: 'conflict', reason: `revised by ${actor}; ${what}: kept ${actor}'s revision` });
      }
    }
  }
  if (mode === 'import') return out;
  for (const [id, held] of current) {
    if (seen.has(id) || !base.has(id)) continue;
    const gone = { id, fields: [], before: held.state, row: null };
    if (held.currentFromBundle) out.push({ ...gone, kind: 'withdrawn', after: null });
    else {
      const reason = `no longer in the bundled data, but revised by ${held.currentActor}: kept`;
      out.push({ ...gone, kind: 'kept', after: held.state, reason });
    }
  }
  return out;
}

/** Counts of a plan by kind, every kind present. */
export function countChanges(changes: readonly Pick<PlannedChange, 'kind'>[]): Record<FigureChangeKind, number> {
  const counts = Object.fromEntries(FIGURE_CHANGE_KINDS.map((k) => [k, 0])) as Record<
    FigureChangeKind,
    number
  >;
  for (const c of changes) counts[c.kind] += 1;
  return counts;
}

/**
 * Checks that applying incoming figures keeps every market-period set of one publisher at or
 * under 100% together with the figures the database already holds (a set over 100% is a data
 * error). `held` are the database's current figures of the affected markets; `incoming` the new
 * states with their rows. One issue per overfull set, on the first incoming row in it.
 */
export function checkSumsWithHeld(
  held: readonly ShareFigureWithSource[],
  incoming: ReadonlyArray<{ figure: ShareFigure; publisher: string; row: number }>,
): RowIssue[] {
  const key = (marketId: string, period: string, publisher: string) => `${marketId}|${period}|${publisher}`;
  const sets = new Map<string, Map<string, ShareFigure>>();
  const rows = new Map<string, number[]>();
  const add = (k: string, f: ShareFigure) => {
    const set = sets.get(k) ?? new Map<string, ShareFigure>();
    set.set(f.id, f);
    sets.set(k, set);
  };
  for (const f of held) add(key(f.marketId, f.period.label, f.source.publisher), f);
  for (const { figure, publisher, row } of incoming) {
    const k = key(figure.marketId, figure.period.label, publisher);
    add(k, figure); // replaces the held state of the same figure
    rows.set(k, [...(rows.get(k) ?? []), row]);
  }
  const issues: RowIssue[] = [];
  for (const [k, incomingRows] of rows) {
    const set = [...sets.get(k)!.values()];
    const snap = summarizeSnapshot(set);
    if (!snap.overfull) continue;
    const [marketId, period, publisher] = k.split('|');
    const fromDb = set.length - new Set(incomingRows).size;
    issues.push({
      row: Math.min(...incomingRows),
      column: 'value_percent',
      message:
        `${publisher}'s figures for ${marketId} ${period} would sum to ${snap.totalMinPct}%, more than 100%` +
        (fromDb > 0 ? ` (with ${fromDb} figure(s) already in the database)` : '') +
        ` (rows ${[...new Set(incomingRows)].sort((a, b) => a - b).join(', ')})`,
    });
  }
  return issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

const AS_OF = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The instant an `asOf` parameter names, as an ISO timestamp (`2025-06-30T23:59:59.999Z`), or
 * null when it is not a valid date or date-time. A bare date means the end of that day in UTC
 * (the data as it stood when the day was over); a date-time needs a zone (`Z` or `+08:00`).
 */
export function asOfInstant(text: string): string | null {
  const m = AS_OF.exec(text);
  if (!m) return null;
  const [, date, hh] = m;
  const probe = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) return null;
  if (hh === undefined) return `${date}T23:59:59.999Z`;
  const t = new Date(text);
  if (Number.isNaN(t.getTime())) return null;
  return t.toISOString();
}

/** Top-level fields whose JSON differs, ignoring `ignore` (row numbers and the like), sorted. */
export function recordFieldsChanged(a: object, b: object, ignore: readonly string[] = ['datasetRow']): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k)).sort();
  const va = a as Record<string, unknown>;
  const vb = b as Record<string, unknown>;
  return keys.filter((k) => stableJson(va[k] ?? null) !== stableJson(vb[k] ?? null));
}

/** JSON with object keys sorted at every level, so equal records compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
