import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR, parseCsvRecords } from '@dash/dataset';
import { LICENSING_COLUMNS, type ModelRelease, type RowIssue } from '@dash/domain';
import {
  normalizePricing,
  normalizeReleases,
  PRICE_SOURCE_COLUMNS,
  PricingReferenceSchema,
  SHARE_SOURCE_COLUMNS,
} from '@dash/domain/schemas';
import {
  listCompanies,
  listFamilies,
  listLicensingVendors,
  listVendors,
  type PriceRecord,
  type Store,
} from '@dash/store';
import { parseJsonRows } from './share-import.js';

/** What an import file holds: share figures, licensing releases or token prices. */
export const FILE_KINDS = {
  shares: SHARE_SOURCE_COLUMNS,
  licences: LICENSING_COLUMNS,
  prices: PRICE_SOURCE_COLUMNS,
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/**
 * Which kind of file this is, from its columns (the CSV header, or the keys of a JSON file's first
 * row): the kind whose columns it shares most. A file that matches none well is read as that kind
 * anyway, and the missing or unknown columns are reported.
 */
export function detectFileKind(fileName: string, text: string): FileKind {
  let names: string[] = [];
  try {
    if (/\.json$/i.test(fileName)) {
      const data = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
      const list = Array.isArray(data) ? data : (data as { rows?: unknown[] } | null)?.rows;
      const first = Array.isArray(list) ? list[0] : undefined;
      names = first && typeof first === 'object' ? Object.keys(first) : [];
    } else {
      names = ((parse(text, { bom: true, to_line: 1 }) as string[][])[0] ?? []).map((h) => h.trim());
    }
  } catch {
    return 'shares';
  }
  const score = (k: FileKind) =>
    (FILE_KINDS[k] as readonly string[]).filter((c) => names.includes(c)).length / FILE_KINDS[k].length;
  return (Object.keys(FILE_KINDS) as FileKind[]).reduce((best, k) => (score(k) > score(best) ? k : best), 'shares');
}

/** Reads rows of `kind` from a CSV or JSON file. */
export function parseRowsFile(
  kind: FileKind,
  fileName: string,
  text: string,
): { rows: Array<Record<string, string>>; issues: RowIssue[] } {
  const columns = FILE_KINDS[kind];
  if (/\.json$/i.test(fileName)) return parseJsonRows(text, columns);
  if (/\.csv$/i.test(fileName))
    return parseCsvRecords(text, columns) as { rows: Array<Record<string, string>>; issues: RowIssue[] };
  return { rows: [], issues: [{ row: null, column: null, message: `${fileName}: expected a .csv or .json file` }] };
}

const unreadableRows = (issues: readonly RowIssue[]) =>
  new Set(issues.filter((i) => i.column === null && i.row !== null).map((i) => i.row));

/** Grades licensing rows exactly as the bundled licensing file is, against the database's families and companies. */
export async function validateReleaseRows(
  store: Store,
  parsed: { rows: Array<Record<string, string>>; issues: RowIssue[] },
): Promise<{ records: ModelRelease[]; issues: RowIssue[] }> {
  const [licensingVendors, families, companies] = await Promise.all([
    listLicensingVendors(store.db),
    listFamilies(store.db),
    listCompanies(store.db),
  ]);
  const { releases, issues } = normalizeReleases(parsed.rows, {
    licensingVendors,
    families,
    companyIds: new Set(companies.map((c) => c.id)),
  });
  const skip = unreadableRows(parsed.issues);
  return {
    records: releases,
    issues: [...parsed.issues, ...issues.filter((i) => !skip.has(i.row))].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  };
}

/**
 * Normalizes price rows exactly as the bundled price file is: platform and model wordings through
 * the curated pricing reference (`pricing-reference.json`), per-1K prices to per-1M by exact
 * decimal arithmetic, free-text effective dates parsed. Vendors are the database's.
 */
export async function validatePriceRows(
  store: Store,
  parsed: { rows: Array<Record<string, string>>; issues: RowIssue[] },
): Promise<{ records: PriceRecord[]; issues: RowIssue[] }> {
  const ref = PricingReferenceSchema.parse(JSON.parse(readFileSync(join(DATA_DIR, 'pricing-reference.json'), 'utf8')));
  const { points, models, issues } = normalizePricing(parsed.rows, ref, await listVendors(store.db));
  const byId = new Map(models.map((m) => [m.id, m]));
  const skip = unreadableRows(parsed.issues);
  return {
    records: points.map((p) => ({ ...p, model: byId.get(p.modelId) ?? null })),
    issues: [...parsed.issues, ...issues.filter((i) => i.row !== null && !skip.has(i.row))].sort(
      (a, b) => (a.row ?? 0) - (b.row ?? 0),
    ),
  };
}
