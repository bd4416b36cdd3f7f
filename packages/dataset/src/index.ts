import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from './csv.js';
import { loadMarketSizes, loadOpenness, type MarketSizeData, type OpennessData } from './openness.js';
import { z } from 'zod';
import type {
  Company,
  Market,
  RawShareRow,
  RowIssue,
  ShareFigure,
  Source,
  Vendor,
  VendorAlias,
  VendorGroup,
} from '@dash/domain';
import {
  CompanySchema,
  MarketSchema,
  SHARE_SOURCE_COLUMNS,
  SlugSchema,
  VendorAliasSchema,
  normalizeShares,
} from '@dash/domain/schemas';
import { loadPricing, type PricingDataset } from './pricing.js';
import { loadEvents, type EventData } from './events.js';

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
  /** Model families, their graded releases (licensing data) and the rows that did not load. */
  openness: OpennessData;
  /** Market totals (for absolute estimates and context) and the rows that did not load. */
  marketSizes: MarketSizeData;
  /** Token prices, exchange rates and head-to-head pairs (see pricing.ts), with their own issues. */
  pricing: PricingDataset;
  /** Dated market events (events.csv) for chart annotations, with the rows that did not load. */
  events: EventData;
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

/** Parses a market-share CSV (see {@link parseCsvRecords}). */
export const parseShareCsv = (text: string): { rows: RawShareRow[]; issues: RowIssue[] } =>
  parseCsvRecords(text, SHARE_SOURCE_COLUMNS);

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
    openness: loadOpenness(dir, companies),
    marketSizes: loadMarketSizes(dir, markets),
    pricing: loadPricing(dir, vendors),
    events: loadEvents(dir, companies, vendors),
  };
}
export { parseCsvRecords } from './csv.js';
export type { EventData } from './events.js';
