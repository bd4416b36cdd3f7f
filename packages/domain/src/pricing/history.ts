import type { PricePoint } from '../schemas/pricing.js';

/**
 * One price schedule as one source gave it at one time: every tier of an offer (model, region,
 * currency) read from the same page under the same effective date.
 */
export interface ScheduleVersion {
  key: string;
  offerKey: string;
  points: PricePoint[];
  /** First day in force (inclusive); null when unknown (an undated price, or "before <day>"). */
  validFrom: string | null;
  /** First day no longer in force (exclusive): the next version's start or a stated end; null while current. */
  validTo: string | null;
  /** False for undated prices: they answer "what does it cost now", never "what did it cost on a day". */
  inHistory: boolean;
}

/** Model, region and currency: the unit whose prices form one history. */
export const offerKeyOf = (p: Pick<PricePoint, 'modelId' | 'region' | 'currency'>) =>
  `${p.modelId}|${p.region}|${p.currency}`;
const versionKeyOf = (p: PricePoint) => `${offerKeyOf(p)}|${p.effective.text}|${p.source.url}`;

/**
 * Groups price points into schedule versions and places them in time, per offer, as half-open
 * windows `[validFrom, validTo)`: a dated version is in force from its (possibly approximate)
 * start until the next later-starting version of the same offer starts, or until the end its
 * source states ("before 2024-05-21"). History is never overwritten: every version stays, with
 * its window. Versions starting on the same day are in force together (sources side by side).
 * Undated versions get no window (`inHistory: false`).
 */
export function buildHistory(points: readonly PricePoint[]): ScheduleVersion[] {
  const versions = new Map<string, ScheduleVersion>();
  for (const p of points) {
    const key = versionKeyOf(p);
    const v = versions.get(key);
    if (v) v.points.push(p);
    else {
      const dated = p.effective.from !== null || p.effective.kind === 'before';
      versions.set(key, {
        key,
        offerKey: offerKeyOf(p),
        points: [p],
        validFrom: p.effective.from,
        validTo: null,
        inHistory: dated,
      });
    }
  }
  const all = [...versions.values()];
  for (const v of all) {
    if (!v.inHistory) continue;
    const start = v.validFrom ?? '';
    const laterStarts = all
      .filter((o) => o.offerKey === v.offerKey && o.inHistory && o.validFrom !== null && o.validFrom > start)
      .map((o) => o.validFrom!);
    const ends = [...laterStarts, ...(v.points[0]!.effective.to ? [v.points[0]!.effective.to] : [])].sort();
    v.validTo = ends[0] ?? null;
    v.points.sort((a, b) => (a.tier?.minInputTokens ?? -1) - (b.tier?.minInputTokens ?? -1));
  }
  return all.sort(
    (a, b) =>
      (a.offerKey < b.offerKey ? -1 : a.offerKey > b.offerKey ? 1 : 0) ||
      (a.validFrom ?? '').localeCompare(b.validFrom ?? '') ||
      a.points[0]!.datasetRow - b.points[0]!.datasetRow,
  );
}

/** Whether a version was in force on `date` (ISO day): `validFrom ≤ date < validTo`. */
export function inForceOn(v: ScheduleVersion, date: string): boolean {
  return v.inHistory && (v.validFrom === null || v.validFrom <= date) && (v.validTo === null || date < v.validTo);
}

/**
 * The versions answering "what does it cost": on `at` (ISO day), those in force that day; with
 * `at` null ("now"), each offer's open-ended dated version plus its undated ones.
 */
export function versionsAt(versions: readonly ScheduleVersion[], at: string | null): ScheduleVersion[] {
  return versions.filter((v) => (at === null ? !v.inHistory || v.validTo === null : inForceOn(v, at)));
}

/** "no price known for doubao-seed-1.6 on 2024-05-20" for each asked-for model without a price. */
export function missingPriceNotes(
  modelIds: readonly string[],
  found: readonly ScheduleVersion[],
  at: string | null,
): string[] {
  const have = new Set(found.flatMap((v) => v.points.map((p) => p.modelId)));
  return modelIds.filter((m) => !have.has(m)).map((m) => `no price known for ${m} ${at === null ? 'now' : `on ${at}`}`);
}
