import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  CompanySchema,
  MarketSchema,
  SHARE_SOURCE_COLUMNS,
  SlugSchema,
  VendorAliasSchema,
  normalizeShares,
  type Company,
  type Market,
  type RawShareRow,
  type RowIssue,
  type ShareFigure,
  type Source,
  type Vendor,
  type VendorAlias,
  type VendorGroup,
} from '@dash/domain';

/** Folder of the bundled data files. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

const VendorFileSchema = z.object({
  vendors: z.array(
    z.object({
      id: SlugSchema,
      name: z.string().min(1),
      parentId: SlugSchema,
      country: z.string().regex(/^[A-Z]{2}$/),
      aliases: z.array(z.string().min(1)),
    }),
  ),
  modelFamilyAliases: z.array(VendorAliasSchema),
});

/** Everything the dashboard ships with: reference data plus normalized, cited share figures. */
export interface Dataset {
  /** Content hash of the bundled files: changes whenever any figure, source or definition does. */
  version: string;
  companies: Company[];
  vendors: Vendor[];
  aliases: VendorAlias[];
  markets: Market[];
  figures: ShareFigure[];
  sources: Source[];
  groups: VendorGroup[];
  /** Rows of the bundled CSV that did not become figures, with the reason. Empty for a sound dataset. */
  issues: RowIssue[];
  /** Number of data rows read from the share CSV. */
  shareRowCount: number;
}

/**
 * Content hash of every data file in `dir` (CSV and JSON, by name), so adding or editing any
 * bundled file changes the version and `npm start` reloads the database.
 */
export function datasetVersion(dir: string = DATA_DIR): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => /\.(csv|json)$/.test(n)).sort()) {
    hash.update(name).update('\u0000').update(readFileSync(join(dir, name))).update('\u0000');
  }
  return `ds-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Parses CSV text with a header row into records keyed by column name. The header must hold
 * exactly the expected columns (in any order); a missing or unknown column is a file-level issue.
 */
export function parseShareCsv(text: string): { rows: RawShareRow[]; issues: RowIssue[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    return { rows: [], issues: [{ row: null, column: null, message: `not valid CSV: ${(e as Error).message}` }] };
  }
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim());
  const missing = SHARE_SOURCE_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(SHARE_SOURCE_COLUMNS as readonly string[]).includes(n));
  const issues: RowIssue[] = [];
  if (missing.length > 0) issues.push({ row: null, column: missing.join(', '), message: `missing column(s): ${missing.join(', ')}` });
  if (unknown.length > 0) issues.push({ row: null, column: unknown.join(', '), message: `unknown column(s): ${unknown.join(', ')}` });
  if (issues.length > 0) return { rows: [], issues };
  const rows: RawShareRow[] = [];
  body.forEach((cells, i) => {
    if (cells.length !== names.length) {
      issues.push({ row: i + 1, column: null, message: `has ${cells.length} cells, expected ${names.length}` });
      rows.push({});
      return;
    }
    rows.push(Object.fromEntries(names.map((n, j) => [n, cells[j] ?? ''])) as RawShareRow);
  });
  return { rows, issues };
}

/**
 * Loads and normalizes the bundled dataset from `dir` (default: this package's data folder).
 * Reference files that fail their schema throw (they are code, not data); share rows never
 * throw but come back as `issues`.
 */
export function loadDataset(dir: string = DATA_DIR): Dataset {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const version = datasetVersion(dir);
  const [companiesText, vendorsText, marketsText, sharesText] = [
    read('companies.json'),
    read('vendors.json'),
    read('markets.json'),
    read('market-shares.csv'),
  ];

  const companies = z.array(CompanySchema).parse(JSON.parse(companiesText));
  const vendorFile = VendorFileSchema.parse(JSON.parse(vendorsText));
  const markets = z.array(MarketSchema).parse(JSON.parse(marketsText));
  const companyById = new Map(companies.map((c) => [c.id, c]));
  const vendors: Vendor[] = vendorFile.vendors.map((v) => {
    const parent = companyById.get(v.parentId);
    if (!parent) throw new Error(`vendor ${v.id}: unknown parent company "${v.parentId}"`);
    return { ...v, parentName: parent.name, color: parent.color };
  });

  const parsed = parseShareCsv(sharesText);
  const normalized = normalizeShares(parsed.rows, { vendors, aliases: vendorFile.modelFamilyAliases, markets });
  const issues = [...parsed.issues, ...normalized.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    version,
    companies,
    vendors,
    aliases: vendorFile.modelFamilyAliases,
    markets,
    figures: normalized.figures,
    sources: normalized.sources,
    groups: normalized.groups,
    issues,
    shareRowCount: parsed.rows.length,
  };
}
