import { z } from 'zod';
import { hash64 } from '../ids.js';
import { MARKET_SIZE_COLUMNS, publisherOf, type RawMarketSizeRow } from '../market-sizes.js';
import { parsePeriod } from '../period.js';
import { type Market, PartialDateSchema, SourceQualitySchema } from '../schemas/entities.js';
import { type MarketSize, SizeUnitSchema } from '../schemas/market-sizes.js';
import type { RowIssue } from './shares.js';

/**
 * Normalizes market-size rows. A row whose market wording is listed in a share market's
 * `sizeNames` is attached to that market (and must then have a parsable period); other rows are
 * kept as context totals. Never throws; each bad row becomes issues naming row and column.
 */
export function normalizeMarketSizes(
  rows: readonly RawMarketSizeRow[],
  markets: readonly Pick<Market, 'id' | 'sizeNames'>[],
): { sizes: MarketSize[]; issues: RowIssue[] } {
  const byName = new Map<string, string>();
  for (const m of markets) for (const n of m.sizeNames) byName.set(n.trim().toLowerCase(), m.id);
  const issues: RowIssue[] = [];
  const sizes: MarketSize[] = [];
  rows.forEach((raw, i) => {
    const row = i + 1;
    const before = issues.length;
    const fail = (column: string, message: string) => issues.push({ row, column, message });
    const cell = (c: (typeof MARKET_SIZE_COLUMNS)[number]) => (raw[c] ?? '').trim();

    const marketText = cell('market');
    if (marketText === '') fail('market', 'is empty');
    const marketId = byName.get(marketText.toLowerCase()) ?? null;
    const periodText = cell('period');
    const forecast = /\(forecast\)/i.test(periodText);
    const period = parsePeriod(periodText.replace(/\s*\(forecast\)\s*$/i, ''));
    if (periodText === '') fail('period', 'is empty');
    else if (marketId && !period) fail('period', `"${periodText}" is not a period (expected 2025Q1, 2025H1 or 2025)`);
    if (period) {
      for (const [col, expected] of [
        ['period_start', period.startDate],
        ['period_end', period.endDate],
      ] as const) {
        const stated = cell(col);
        if (stated !== '' && stated !== expected) fail(col, `${stated} does not match period ${period.label} (${expected})`);
      }
    }
    const value = cell('value');
    if (!/^\d+(?:\.\d+)?$/.test(value)) fail('value', `"${value}" is not a decimal number`);
    const unitText = cell('unit');
    const lowerBound = /\(lower bound/i.test(unitText);
    const unit = SizeUnitSchema.safeParse(unitText.replace(/\s*\(lower bound[^)]*\)\s*$/i, ''));
    if (!unit.success) fail('unit', `"${unitText}" is not one of ${SizeUnitSchema.options.join(', ')}`);
    const publisherText = cell('publisher');
    if (publisherText === '') fail('publisher', 'is empty');
    const published = cell('published_date');
    if (published !== '' && !PartialDateSchema.safeParse(published).success) fail('published_date', `"${published}" is not a date`);
    const url = cell('url');
    if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) fail('url', `"${url}" is not an http(s) URL`);
    const quote = cell('quote');
    if (quote === '') fail('quote', 'is empty: every total needs the sentence it was read from');
    const quality = SourceQualitySchema.safeParse(cell('source_quality'));
    if (!quality.success) fail('source_quality', `"${cell('source_quality')}" is not one of ${SourceQualitySchema.options.join(', ')}`);
    if (issues.length > before || !unit.success || !quality.success) return;

    sizes.push({
      id: `z-${hash64(`${marketText}|${periodText}|${value}|${url}`)}`,
      marketId,
      marketText,
      region: cell('region'),
      periodText,
      period,
      forecast,
      value,
      unit: unit.data,
      lowerBound,
      publisher: publisherOf(publisherText),
      publisherText,
      publishedDate: published === '' ? null : published,
      url,
      quote,
      quality: quality.data,
      datasetRow: row,
    });
  });
  return { sizes, issues };
}
