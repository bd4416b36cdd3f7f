import type { ShareFigureWithSource } from './schemas/api.js';
import type { Market, Vendor } from './schemas/entities.js';

/** What a CSV export row is built from: the figure with its source, and the reference data. */
export interface ShareCsvContext {
  markets: ReadonlyMap<string, Market>;
  vendors: ReadonlyMap<string, Vendor>;
}

export interface CsvColumn<Row, Ctx> {
  name: string;
  description: string;
  value: (row: Row, ctx: Ctx) => string | number | null;
}

const parentsOf = (f: ShareFigureWithSource, ctx: ShareCsvContext) =>
  [...new Set(f.vendorIds.map((id) => ctx.vendors.get(id)?.parentName ?? id))].join(' / ');

/**
 * The columns of the share-figure CSV export, one row per figure, in order. Shared by the API's
 * `.csv` routes and the export metadata so names and descriptions never drift apart.
 */
export const SHARE_CSV_COLUMNS: ReadonlyArray<CsvColumn<ShareFigureWithSource, ShareCsvContext>> = [
  { name: 'figure_id', description: 'stable id of the figure', value: (f) => f.id },
  { name: 'market_id', description: 'market id', value: (f) => f.marketId },
  { name: 'market', description: 'market name', value: (f, c) => c.markets.get(f.marketId)?.name ?? f.marketId },
  { name: 'region', description: 'China or Global', value: (f, c) => c.markets.get(f.marketId)?.region ?? null },
  {
    name: 'metric_basis',
    description: 'what the share measures: revenue, token-volume or usage',
    value: (f, c) => c.markets.get(f.marketId)?.metricBasis ?? null,
  },
  { name: 'metric', description: "the publisher's metric as stated", value: (f, c) => c.markets.get(f.marketId)?.metric ?? null },
  { name: 'period', description: 'reporting period: 2025Q1, 2025H1 or 2025', value: (f) => f.period.label },
  { name: 'period_start', description: 'first day of the period (ISO date)', value: (f) => f.period.startDate },
  { name: 'period_end', description: 'last day of the period, inclusive (ISO date)', value: (f) => f.period.endDate },
  { name: 'subject_kind', description: 'vendor, or group for a combined figure of several vendors', value: (f) => f.subjectKind },
  { name: 'subject_id', description: 'vendor id, or member ids joined by + for a group', value: (f) => f.subjectId },
  { name: 'subject', description: 'vendor, model family or group as named in the product', value: (f) => f.subjectName },
  { name: 'vendor_ids', description: 'vendor ids the figure is about, separated by ;', value: (f) => f.vendorIds.join(';') },
  { name: 'parent_company', description: 'parent company (companies separated by / for a group)', value: parentsOf },
  { name: 'model_family', description: 'model family when the figure is about one (e.g. Qwen), else empty', value: (f) => f.modelFamily },
  { name: 'share_pct', description: 'share in percent (0-100), exactly as published', value: (f) => f.sharePctText },
  { name: 'publisher', description: 'who published the figure (analyst firm)', value: (f) => f.source.publisher },
  { name: 'source_title', description: 'report or article the figure was read in', value: (f) => f.source.title },
  { name: 'source_url', description: 'URL of the page the figure was read on', value: (f) => f.source.url },
  { name: 'published_date', description: 'publication date, as precise as the source gives it', value: (f) => f.source.publishedDate },
  {
    name: 'source_quality',
    description: 'primary, press, community or secondary (see the dataset notes)',
    value: (f) => f.source.quality,
  },
  { name: 'quote', description: 'the sentence the figure was read from, verbatim', value: (f) => f.quote },
];

/**
 * Neutralizes spreadsheet formula injection (OWASP): a text cell starting with =, +, -, @, tab or
 * carriage return is prefixed with a single quote so Excel and LibreOffice show it as text.
 */
export function escapeSpreadsheetCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
