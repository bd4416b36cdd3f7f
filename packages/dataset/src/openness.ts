import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  LICENSING_COLUMNS,
  MARKET_SIZE_COLUMNS,
  type Company,
  type Market,
  type MarketSize,
  type ModelFamily,
  type ModelRelease,
  type RowIssue,
} from '@dash/domain';
import { ModelFamilySchema, normalizeMarketSizes, normalizeReleases, SlugSchema } from '@dash/domain/schemas';
import { parseCsvRecords } from './csv.js';

const FamiliesFileSchema = z.object({
  licensingVendors: z.array(z.object({ name: z.string().min(1), companyId: SlugSchema })),
  families: z.array(ModelFamilySchema),
});

export interface OpennessData {
  /** How the licensing data names companies ("Alibaba (Qwen)" → alibaba). */
  licensingVendors: Array<{ name: string; companyId: string }>;
  families: ModelFamily[];
  releases: ModelRelease[];
  /** Licensing rows that did not become releases, with the reason. */
  issues: RowIssue[];
  rowCount: number;
}

export interface MarketSizeData {
  sizes: MarketSize[];
  issues: RowIssue[];
  rowCount: number;
}

/** Loads `model-families.json` and grades every row of `licensing.csv`. */
export function loadOpenness(dir: string, companies: readonly Company[]): OpennessData {
  const file = FamiliesFileSchema.parse(JSON.parse(readFileSync(join(dir, 'model-families.json'), 'utf8')));
  const companyIds = new Set(companies.map((c) => c.id));
  for (const f of file.families) {
    if (!companyIds.has(f.companyId)) throw new Error(`model family ${f.id}: unknown company "${f.companyId}"`);
  }
  const parsed = parseCsvRecords(readFileSync(join(dir, 'licensing.csv'), 'utf8'), LICENSING_COLUMNS);
  const { releases, issues } = normalizeReleases(parsed.rows, {
    licensingVendors: file.licensingVendors,
    families: file.families,
    companyIds,
  });
  return { licensingVendors: file.licensingVendors, families: file.families, releases, issues: [...parsed.issues, ...issues], rowCount: parsed.rows.length };
}

/** Loads `market-sizes.csv`, attaching totals to the share markets that list their wording. */
export function loadMarketSizes(dir: string, markets: readonly Market[]): MarketSizeData {
  const parsed = parseCsvRecords(readFileSync(join(dir, 'market-sizes.csv'), 'utf8'), MARKET_SIZE_COLUMNS);
  const { sizes, issues } = normalizeMarketSizes(parsed.rows, markets);
  return { sizes, issues: [...parsed.issues, ...issues], rowCount: parsed.rows.length };
}
