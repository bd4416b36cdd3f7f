import { parse } from 'csv-parse/sync';
import { strToU8, zipSync } from 'fflate';
import {
  COMPARE_CSV_COLUMNS,
  COST_CSV_COLUMNS,
  MARKET_SIZE_CSV_COLUMNS,
  OPENNESS_CSV_COLUMNS,
  OPENNESS_RULE,
  PRICE_CSV_COLUMNS,
  SHARE_CSV_COLUMNS,
  SOURCE_QUALITY_LABELS,
  STRATEGY_SHARES_CSV_COLUMNS,
  type SourceQuality,
} from '@dash/domain';

/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (Chinese quotes intact) only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

/** What each column holds, from the column definitions the CSV routes use (first definition of a name wins). */
const DESCRIPTIONS = new Map<string, string>();
for (const columns of [
  SHARE_CSV_COLUMNS,
  COMPARE_CSV_COLUMNS,
  OPENNESS_CSV_COLUMNS,
  STRATEGY_SHARES_CSV_COLUMNS,
  MARKET_SIZE_CSV_COLUMNS,
  PRICE_CSV_COLUMNS,
  COST_CSV_COLUMNS,
] as ReadonlyArray<ReadonlyArray<{ name: string; description: string }>>) {
  for (const c of columns) if (!DESCRIPTIONS.has(c.name)) DESCRIPTIONS.set(c.name, c.description);
}

/**
 * The unit of a column, or null for text, ids and labels. Exact names first, then name patterns,
 * so a new column with a known suffix (`…_per_mtok`, `…_pct`, `…_date`) gets its unit.
 */
export function unitOf(column: string): string | null {
  const exact: Record<string, string> = {
    share_pct: 'percent (0-100), exactly as published',
    band_share_pct: 'percent (0-100)',
    others_not_reported_pct: 'percent (0-100)',
    fx_cny_per_usd: 'CNY per 1 USD',
    monthly_cost: 'the currency in `currency`, per month',
    converted_monthly_cost: 'the currency in `compare_currency`, per month',
    times_cheapest: 'ratio to the cheapest paid offer',
    value: 'the unit in `unit`',
    total_value: 'the unit in `absolute_unit`',
    absolute_estimate: 'the unit in `absolute_unit` (derived: share × total)',
    tier_min_input_tokens: 'tokens',
    tier_max_input_tokens: 'tokens',
    source_unit_tokens: 'tokens (the quantity the source prices: 1000 or 1000000)',
    period: 'reporting period label (2025Q1, 2025H1, 2025)',
  };
  if (exact[column]) return exact[column]!;
  if (/^display_.*_per_mtok$/.test(column)) return 'the currency in `display_currency`, per 1M tokens';
  if (/_per_mtok$/.test(column)) return 'the currency in `currency`, per 1M tokens';
  if (/^source_.*_price$/.test(column))
    return 'the currency in `currency`, per `source_unit_tokens` tokens, as the source states it';
  if (/_pct$/.test(column)) return 'percent (0-100)';
  if (/(^|_)(date|start|end|from|to)$/.test(column) || /_date$/.test(column))
    return 'ISO 8601 date (UTC), as precise as the source gives it';
  return null;
}

export interface CitedSource {
  url: string;
  title: string | null;
  publisher: string | null;
  publishedDate: string | null;
  quality: string | null;
  /** Rows of the export that cite it. */
  rows: number;
}

/**
 * Every page the export's rows cite, from its URL columns: `source_url` with `source_title`,
 * `publisher`, `published_date`, `source_quality`; `total_source_url` with `total_publisher`…;
 * `fx_rate_url` with `fx_rate_publisher`. One entry per URL, most-cited first.
 */
export function citedSources(
  records: ReadonlyArray<Record<string, string>>,
  columns: readonly string[],
): CitedSource[] {
  const urlColumns = columns.filter((c) => /(^|_)url$/.test(c));
  const byUrl = new Map<string, CitedSource>();
  for (const r of records) {
    for (const u of urlColumns) {
      const url = r[u]?.trim();
      if (!url) continue;
      const base = u.replace(/(source_)?url$/, '');
      const cell = (name: string) => {
        const v = r[`${base}${name}`]?.trim();
        return v ? v.replace(/^'(?=[=+\-@\t\r])/, '') : null;
      };
      const known = byUrl.get(url);
      if (known) {
        known.rows += 1;
        continue;
      }
      byUrl.set(url, {
        url,
        title: cell('source_title'),
        publisher: cell('publisher'),
        publishedDate: cell('published_date'),
        quality: cell('source_quality'),
        rows: 1,
      });
    }
  }
  return [...byUrl.values()].sort((a, b) => b.rows - a.rows || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export interface ExportInput {
  /** `Market-share figures`: what the view is. */
  title: string;
  /** The CSV route that produced it, e.g. `/api/v1/shares.csv`. */
  route: string;
  /** The CSV exactly as the route serves it, and its file name. */
  csv: string;
  csvName: string;
  /** The query parameters applied, as given. */
  filters: Record<string, string | string[]>;
  datasetVersion: string;
  latestChangesetId: number | null;
  generatedAt: Date;
  /** Where the dashboard runs, for the citation (`http://127.0.0.1:8080`). */
  siteUrl: string;
}

/**
 * Markdown-escapes text that comes from the data (titles, publishers, filters), so it cannot turn
 * into a link, an image, HTML or a table cell break in the README. Our own text is not escaped.
 */
const md = (text: string) => text.replace(/([\\`*_[\]<>|!])/g, '\\$1');

/** A citation in Markdown: its text escaped, its URL as an autolink (copied intact, never escaped). */
function citationMarkdown(citation: string, url: string): string {
  const safeUrl = /^https?:\/\/[^\s<>]+$/.test(url);
  return citation
    .split(url)
    .map(md)
    .join(safeUrl ? `<${url}>` : md(url));
}

const citationOf = (s: CitedSource, input: ExportInput) => {
  const retrieved = input.generatedAt.toISOString().slice(0, 10);
  const parts = [s.publisher, s.title ? `"${s.title}"` : null, s.publishedDate, s.url].filter((p): p is string => !!p);
  return `${parts.join(', ')}. Cited in the China cloud & AI market-share dashboard, dataset ${input.datasetVersion}, retrieved ${retrieved} from ${input.siteUrl}.`;
};

/**
 * Builds a self-describing download: the CSV as the route serves it, the same with a UTF-8 BOM
 * for Excel, `metadata.json` (columns with units, sources with citations, the openness rule, the
 * applied filters, dataset version, generation time) and a README telling how to cite each source.
 * Every text cell in both CSVs is already formula-escaped by the CSV route.
 */
export function buildExportZip(input: ExportInput): { zip: Uint8Array; files: Record<string, string> } {
  const records = parse(input.csv, { columns: true, bom: true }) as Array<Record<string, string>>;
  const header = (parse(input.csv, { to_line: 1 }) as string[][])[0] ?? [];
  const sources = citedSources(records, header).map((s) => ({
    ...s,
    qualityLabel:
      s.quality && s.quality in SOURCE_QUALITY_LABELS ? SOURCE_QUALITY_LABELS[s.quality as SourceQuality] : null,
    citation: citationOf(s, input),
  }));
  const base = input.csvName.replace(/\.csv$/, '');
  const excelName = `${base}_excel.csv`;
  const metadata = {
    title: input.title,
    files: { csv: input.csvName, excelCsv: excelName, readme: 'README.md', metadata: 'metadata.json' },
    rows: records.length,
    route: input.route,
    filters: input.filters,
    datasetVersion: input.datasetVersion,
    latestChangesetId: input.latestChangesetId,
    generatedAt: input.generatedAt.toISOString(),
    columns: header.map((name) => ({ name, description: DESCRIPTIONS.get(name) ?? null, unit: unitOf(name) })),
    opennessRule: OPENNESS_RULE,
    sourceQualityLevels: SOURCE_QUALITY_LABELS,
    sources,
    notes: [
      'Every figure is shown as its source published it; several sources for one figure are kept side by side, never averaged.',
      "Text cells starting with =, +, - or @ are prefixed with ' so spreadsheets show them as text, not formulas.",
      'Cite the original publisher of each figure (see sources); this dashboard compiles, it does not produce the figures.',
    ],
  };
  // Keys are the route's own parameter names; values come from the request.
  const filterLines = Object.entries(input.filters).map(
    ([k, v]) => `- \`${k}\`: ${md(Array.isArray(v) ? v.join(', ') : v)}`,
  );
  const readme = [
    `# ${md(input.title)}`,
    '',
    `Downloaded from the China cloud & AI market-share dashboard (${md(input.siteUrl)}), ${metadata.generatedAt}.`,
    `Dataset version ${input.datasetVersion}${input.latestChangesetId === null ? '' : `, change set ${input.latestChangesetId}`}; ${records.length} rows.`,
    '',
    '## Files',
    '',
    `- \`${input.csvName}\`: the data (RFC 4180 CSV, UTF-8, one row per record, sources in every row).`,
    `- \`${excelName}\`: the same with a UTF-8 byte order mark, so Excel shows Chinese text correctly.`,
    '- `metadata.json`: the columns with their units, the sources with citations, the filters and the rules below, machine-readable.',
    '',
    '## Filters applied',
    '',
    ...(filterLines.length > 0 ? filterLines : ['- none: everything the view holds']),
    '',
    '## Columns',
    '',
    '| column | unit | meaning |',
    '|---|---|---|',
    ...metadata.columns.map((c) => `| \`${c.name}\` | ${c.unit ?? ''} | ${c.description ?? ''} |`),
    '',
    '## The openness rule',
    '',
    OPENNESS_RULE,
    '',
    '## How to cite',
    '',
    "Cite the original publisher of each figure, then this compilation. Source quality: primary (the publisher's own page), press (trade press re-reporting it), community, secondary (aggregators and commentary: lower confidence).",
    '',
    ...(sources.length > 0
      ? sources.map(
          (s) =>
            `- ${citationMarkdown(s.citation, s.url)}${s.quality ? ` Quality: ${md(s.quality)}.` : ''} (${s.rows} row${s.rows === 1 ? '' : 's'})`,
        )
      : ['- no sources in this selection']),
    '',
    '## Notes',
    '',
    ...metadata.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  const files: Record<string, string> = {
    [input.csvName]: input.csv,
    [excelName]: `${UTF8_BOM}${input.csv}`,
    'metadata.json': `${JSON.stringify(metadata, null, 2)}\n`,
    'README.md': readme,
  };
  const mtime = input.generatedAt;
  const zip = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime }]])),
    { level: 6 },
  );
  return { zip, files };
}
