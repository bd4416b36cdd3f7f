import { z } from 'zod';
import { figureIdFor, sourceIdFor } from '../ids.js';
import { parsePercent } from '../percent.js';
import { parsePeriod } from '../period.js';
import { type Market, PartialDateSchema, type ShareFigure, type Source, SourceQualitySchema, type Vendor, type VendorAlias, type VendorGroup } from '../schemas/entities.js';
import { checkShareSums } from '../share-checks.js';

/** The columns of a market-share source file (`market_shares.csv`), all as text. */
export const SHARE_SOURCE_COLUMNS = [
  'vendor',
  'parent_company',
  'market',
  'region',
  'period',
  'period_start',
  'period_end',
  'metric',
  'value_percent',
  'publisher',
  'report_title',
  'published_date',
  'url',
  'quote',
  'source_quality',
] as const;
export type ShareSourceColumn = (typeof SHARE_SOURCE_COLUMNS)[number];
export type RawShareRow = Partial<Record<ShareSourceColumn, string>>;

/**
 * A problem with one row (1-based data row, header excluded) or, with `row: null`, with the file.
 * `column` names the offending column when there is one.
 */
export const RowIssueSchema = z.object({
  row: z.number().int().positive().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type RowIssue = z.infer<typeof RowIssueSchema>;

export interface ShareReferenceData {
  vendors: readonly Vendor[];
  aliases: readonly VendorAlias[];
  markets: readonly Market[];
}

export interface NormalizedShares {
  figures: ShareFigure[];
  sources: Source[];
  groups: VendorGroup[];
  issues: RowIssue[];
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ');
const key = (s: string) => squash(s).toLowerCase();

interface Subject {
  kind: 'vendor' | 'group';
  id: string;
  name: string;
  vendorIds: string[];
  modelFamily: string | null;
}

/** Builds a case-insensitive lookup from every alias, vendor name and vendor id to its vendor. */
export function buildAliasIndex(ref: Pick<ShareReferenceData, 'vendors' | 'aliases'>) {
  const index = new Map<string, { vendor: Vendor; modelFamily: string | null }>();
  const byId = new Map(ref.vendors.map((v) => [v.id, v]));
  for (const v of ref.vendors) {
    for (const name of [v.id, v.name, ...v.aliases]) index.set(key(name), { vendor: v, modelFamily: null });
  }
  for (const a of ref.aliases) {
    const vendor = byId.get(a.vendorId);
    if (vendor) index.set(key(a.alias), { vendor, modelFamily: a.modelFamily });
  }
  return index;
}

/**
 * Subject id of a model family: `alibaba-cloud:qwen`. Distinct from the vendor's own id, so a
 * family's figure is never mistaken for another source's figure about the whole vendor.
 */
export const familySubjectId = (vendorId: string, family: string) =>
  `${vendorId}:${family.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

const COMBINED = /\s*\((?:combined|together)\)\s*$/i;

/**
 * Normalizes market-share rows into cited figures. Vendor names and aliases resolve to canonical
 * vendor ids ("Qwen (Alibaba Cloud)" → alibaba-cloud, model family Qwen); "A + B + C (combined)"
 * becomes a vendor-group figure; period labels become dates and must agree with any stated
 * start/end; percentages are parsed exactly as published. Never throws: each bad row yields
 * issues naming its row and column and is left out of `figures`.
 */
export function normalizeShares(rows: readonly RawShareRow[], ref: ShareReferenceData): NormalizedShares {
  const aliasIndex = buildAliasIndex(ref);
  const marketIndex = new Map<string, Market>();
  for (const m of ref.markets) {
    for (const s of m.sourceNames) marketIndex.set(`${key(s.market)}|${key(s.metric)}`, m);
  }
  const issues: RowIssue[] = [];
  const figures: ShareFigure[] = [];
  const sources = new Map<string, Source>();
  const groups = new Map<string, VendorGroup>();
  const seenFigures = new Map<string, number>();

  rows.forEach((raw, i) => {
    const row = i + 1;
    const rowIssues: RowIssue[] = [];
    const fail = (column: string | null, message: string) => rowIssues.push({ row, column, message });
    const cell = (c: ShareSourceColumn) => squash(raw[c] ?? '');
    const required = (c: ShareSourceColumn) => {
      const v = cell(c);
      if (v === '') fail(c, 'is empty');
      return v;
    };

    // Subject: one vendor, or a combined group of vendors.
    let subject: Subject | null = null;
    const vendorText = required('vendor');
    if (vendorText !== '') {
      const isCombined = vendorText.includes(' + ');
      if (isCombined) {
        const names = vendorText.replace(COMBINED, '').split(' + ').map(squash);
        const members = names.map((n) => ({ n, hit: aliasIndex.get(key(n)) }));
        const unknown = members.filter((m) => !m.hit).map((m) => `"${m.n}"`);
        if (unknown.length > 0) fail('vendor', `unknown vendor ${unknown.join(', ')} in combined figure`);
        else {
          const vendorIds = members.map((m) => m.hit!.vendor.id);
          if (new Set(vendorIds).size !== vendorIds.length) fail('vendor', 'names the same vendor twice');
          else {
            const name = members.map((m) => m.hit!.vendor.name).join(' + ');
            subject = { kind: 'group', id: vendorIds.join('+'), name, vendorIds, modelFamily: null };
          }
        }
      } else {
        const hit = aliasIndex.get(key(vendorText));
        if (!hit) fail('vendor', `unknown vendor "${vendorText}"; add it or an alias to the vendor list`);
        else {
          const family = hit.modelFamily;
          subject = {
            kind: 'vendor',
            id: family ? familySubjectId(hit.vendor.id, family) : hit.vendor.id,
            name: family ? `${family} (${hit.vendor.name})` : hit.vendor.name,
            vendorIds: [hit.vendor.id],
            modelFamily: family,
          };
        }
      }
    }

    // The stated parent company must be the vendor's (or, for a group, each member's in order).
    const parentText = cell('parent_company');
    if (subject && parentText !== '') {
      const expected = subject.vendorIds.map(
        (id) => ref.vendors.find((v) => v.id === id)!.parentName,
      );
      const stated = subject.kind === 'group' ? parentText.split(' / ').map(squash) : [parentText];
      if (stated.length !== expected.length || stated.some((p, j) => key(p) !== key(expected[j]!))) {
        fail('parent_company', `"${parentText}" does not match the vendor's parent "${expected.join(' / ')}"`);
      }
    }

    // Market from its wording and metric.
    const marketText = required('market');
    const metricText = required('metric');
    let market: Market | undefined;
    if (marketText !== '' && metricText !== '') {
      market = marketIndex.get(`${key(marketText)}|${key(metricText)}`);
      if (!market) {
        fail('market', `unknown market "${marketText}" with metric "${metricText}"; known: ${ref.markets.map((m) => m.id).join(', ')}`);
      } else {
        const region = cell('region');
        if (region !== '' && key(region) !== key(market.region)) {
          fail('region', `"${region}" does not match market ${market.id}'s region "${market.region}"`);
        }
      }
    }
    if (subject && market?.subjectLevel === 'model-family' && subject.kind === 'vendor' && !subject.modelFamily) {
      // In a market ranked by model family, a bare vendor name ("DeepSeek") is that vendor's family.
      subject = { ...subject, id: familySubjectId(subject.id, subject.name), modelFamily: subject.name };
    }

    // Period label → dates, cross-checked against stated dates.
    const periodText = required('period');
    const period = periodText === '' ? null : parsePeriod(periodText);
    if (periodText !== '' && !period) fail('period', `"${periodText}" is not a period (expected 2025Q1, 2025H1 or 2025)`);
    if (period) {
      for (const [col, expected] of [
        ['period_start', period.startDate],
        ['period_end', period.endDate],
      ] as const) {
        const stated = cell(col);
        if (stated !== '' && stated !== expected) fail(col, `${stated} does not match period ${period.label} (${expected})`);
      }
    }

    const valueText = cell('value_percent');
    const pct = parsePercent(valueText);
    if ('error' in pct) fail('value_percent', pct.error);

    const publisher = required('publisher');
    const title = required('report_title');
    const url = required('url');
    if (url !== '' && !z.url({ protocol: /^https?$/ }).safeParse(url).success) fail('url', `"${url}" is not an http(s) URL`);
    const published = cell('published_date');
    if (published !== '' && !PartialDateSchema.safeParse(published).success) {
      fail('published_date', `"${published}" is not a date (expected 2025, 2025-09 or 2025-09-10)`);
    }
    const quote = (raw.quote ?? '').trim();
    if (quote === '') fail('quote', 'is empty: every figure needs the sentence it was read from');
    const qualityText = required('source_quality');
    const quality = SourceQualitySchema.safeParse(qualityText);
    if (qualityText !== '' && !quality.success) {
      fail('source_quality', `"${qualityText}" is not one of ${SourceQualitySchema.options.join(', ')}`);
    }

    if (rowIssues.length > 0 || !subject || !market || !period || 'error' in pct || !quality.success) {
      issues.push(...rowIssues);
      return;
    }

    const source: Source = {
      id: sourceIdFor(url, title),
      publisher,
      title,
      url,
      publishedDate: published === '' ? null : published,
      quality: quality.data,
    };
    const known = sources.get(source.id);
    if (known && JSON.stringify(known) !== JSON.stringify(source)) {
      issues.push({ row, column: 'url', message: `same page and title as an earlier row but different publisher, date or quality` });
      return;
    }
    const id = figureIdFor({ marketId: market.id, subjectId: subject.id, period: period.label, sourceId: source.id });
    const earlier = seenFigures.get(id);
    if (earlier !== undefined) {
      issues.push({ row, column: null, message: `duplicates row ${earlier} (same market, vendor, period and source)` });
      return;
    }
    seenFigures.set(id, row);
    sources.set(source.id, source);
    if (subject.kind === 'group') groups.set(subject.id, { id: subject.id, name: subject.name, vendorIds: subject.vendorIds });
    figures.push({
      id,
      marketId: market.id,
      subjectKind: subject.kind,
      subjectId: subject.id,
      subjectName: subject.name,
      vendorIds: subject.vendorIds,
      modelFamily: subject.modelFamily,
      period,
      sharePct: pct.value,
      sharePctText: pct.text,
      sourceId: source.id,
      quote,
      datasetRow: row,
    });
  });

  const sourceList = [...sources.values()];
  issues.push(...checkShareSums(figures, sourceList));
  return { figures, sources: sourceList, groups: [...groups.values()], issues };
}
