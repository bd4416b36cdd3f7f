import { OPENNESS_GRADE_LABELS, OPENNESS_RULE } from './openness.js';
import type { AbsoluteEstimateView, FigureWithEstimates, MarketComparisonView, OpennessResponse } from './schemas/api-insights.js';
import type { ShareFigureWithSource } from './schemas/api.js';
import type { MarketSize } from './schemas/market-sizes.js';
import type { ModelRelease } from './schemas/openness.js';
import type { CsvColumn } from './share-csv.js';
import type { StrategyBand } from './strategy-shares.js';

const sourceColumns = <R>(get: (r: R) => ShareFigureWithSource): Array<CsvColumn<R, unknown>> => [
  { name: 'publisher', description: 'who published the share (analyst firm)', value: (r) => get(r).source.publisher },
  { name: 'source_title', description: 'report or article the share was read in', value: (r) => get(r).source.title },
  { name: 'source_url', description: 'URL of the page the share was read on', value: (r) => get(r).source.url },
  { name: 'published_date', description: 'publication date, as precise as the source gives it', value: (r) => get(r).source.publishedDate },
  { name: 'source_quality', description: 'primary, press, community or secondary', value: (r) => get(r).source.quality },
  { name: 'quote', description: 'the sentence the share was read from, verbatim', value: (r) => get(r).quote },
];

/** One row of the comparison CSV: a figure in a market's compared period, with one of its absolute estimates. */
export interface CompareCsvRow {
  entities: string;
  comparison: MarketComparisonView;
  entity: { id: string; name: string };
  figure: FigureWithEstimates;
  estimate: AbsoluteEstimateView | null;
}

/**
 * Columns of `GET /api/v1/compare.csv`: one row per figure in each market's compared period, and
 * per absolute estimate when a share has several matching totals (so `figure_id` may repeat).
 */
export const COMPARE_CSV_COLUMNS: ReadonlyArray<CsvColumn<CompareCsvRow, unknown>> = [
  { name: 'compared', description: 'the ids compared, separated by +', value: (r) => r.entities },
  { name: 'market_id', description: 'market id', value: (r) => r.comparison.market.id },
  { name: 'market', description: 'market name', value: (r) => r.comparison.market.name },
  { name: 'metric_basis', description: 'revenue, token-volume or usage: compare only within one basis', value: (r) => r.comparison.market.metricBasis },
  { name: 'scope', description: 'what the market covers', value: (r) => r.comparison.market.scope },
  { name: 'period', description: 'the compared period (the latest with the most of them present)', value: (r) => r.comparison.period.label },
  { name: 'entity_id', description: 'company or vendor id', value: (r) => r.entity.id },
  { name: 'entity', description: 'company or vendor name', value: (r) => r.entity.name },
  { name: 'figure_id', description: 'stable id of the share figure', value: (r) => r.figure.id },
  { name: 'subject', description: 'vendor or model family the figure is about', value: (r) => r.figure.subjectName },
  { name: 'share_pct', description: 'share in percent, exactly as published', value: (r) => r.figure.sharePctText },
  { name: 'leader_id', description: 'who leads this market (empty when their figures overlap)', value: (r) => r.comparison.leaderId },
  { name: 'sentence', description: 'the generated comparison sentence', value: (r) => r.comparison.sentence },
  ...sourceColumns<CompareCsvRow>((r) => r.figure),
  {
    name: 'absolute_estimate',
    description: "derived: share × the same publisher's total for the same market and period (exact decimal); empty when no total matches",
    value: (r) => r.estimate?.value ?? null,
  },
  { name: 'absolute_unit', description: 'unit of the estimate and total (e.g. CNY billions)', value: (r) => r.estimate?.unit ?? null },
  { name: 'total_value', description: 'the market total multiplied, as published', value: (r) => r.estimate?.total.value ?? null },
  { name: 'total_publisher', description: "the total's publisher as cited", value: (r) => r.estimate?.total.publisherText ?? null },
  { name: 'total_source_url', description: 'URL of the page the total was read on', value: (r) => r.estimate?.total.url ?? null },
  { name: 'total_source_quality', description: "the total's source quality", value: (r) => r.estimate?.total.quality ?? null },
  { name: 'total_quote', description: 'the sentence the total was read from, verbatim', value: (r) => r.estimate?.total.quote ?? null },
];

/** One row of the openness CSV: a release with its family's and company's derived strategy. */
export interface OpennessCsvRow {
  release: ModelRelease;
  family: OpennessResponse['families'][number];
  company: OpennessResponse['companies'][number];
}

/** Columns of `GET /api/v1/openness.csv`: one row per licensing row; every row states the rule. */
export const OPENNESS_CSV_COLUMNS: ReadonlyArray<CsvColumn<OpennessCsvRow, unknown>> = [
  { name: 'company_id', description: 'company id', value: (r) => r.company.id },
  { name: 'company', description: 'company name', value: (r) => r.company.name },
  { name: 'company_strategy', description: 'open, mixed, closed or not-classified, by the rule', value: (r) => r.company.strategy },
  { name: 'company_binary', description: 'open-weights or api-only, by the rule', value: (r) => r.company.binary },
  { name: 'family_id', description: 'model family id', value: (r) => r.family.id },
  { name: 'family', description: 'model family', value: (r) => r.family.name },
  { name: 'family_strategy', description: "the family's own strategy, used for shares about that family", value: (r) => r.family.strategy },
  { name: 'release', description: 'the release or statement as the source names it', value: (r) => r.release.name },
  { name: 'kind', description: 'release (graded and counted) or statement (shown, not counted)', value: (r) => r.release.kind },
  { name: 'grade', description: 'open-permissive, open-restricted, open-unstated, api-only or unreleased', value: (r) => r.release.grade },
  { name: 'grade_label', description: 'the grade in words', value: (r) => (r.release.grade ? OPENNESS_GRADE_LABELS[r.release.grade] : null) },
  { name: 'licence', description: 'licence as the source states it', value: (r) => r.release.licence },
  { name: 'date', description: "the source's date wording", value: (r) => r.release.dateText },
  { name: 'source_url', description: 'URL of the page the licence was read on', value: (r) => r.release.url },
  { name: 'source_quality', description: 'primary, press, community or secondary', value: (r) => r.release.quality },
  { name: 'quote', description: 'the sentence the licence was read from, verbatim', value: (r) => r.release.quote },
  { name: 'strategy_rule', description: 'the written rule that derives grades and strategies', value: () => OPENNESS_RULE },
];

/** One row of the strategy-shares CSV: a figure counted in a band of one market-period. */
export interface StrategyCsvRow {
  marketId: string;
  view: string;
  band: Pick<StrategyBand<ShareFigureWithSource>, 'label' | 'pctText'> & { key: string };
  figure: ShareFigureWithSource;
  remainderPct: string | null;
}

/** Columns of `GET /api/v1/strategy-shares.csv`: one row per counted figure, with its band's total. */
export const STRATEGY_SHARES_CSV_COLUMNS: ReadonlyArray<CsvColumn<StrategyCsvRow, unknown>> = [
  { name: 'market_id', description: 'market id', value: (r) => r.marketId },
  { name: 'period', description: 'reporting period', value: (r) => r.figure.period.label },
  { name: 'view', description: 'graded or binary', value: (r) => r.view },
  { name: 'band', description: 'strategy band the figure counts towards', value: (r) => r.band.key },
  { name: 'band_label', description: 'the band in words', value: (r) => r.band.label },
  { name: 'band_share_pct', description: 'sum of the band’s figures (exact), in percent', value: (r) => r.band.pctText },
  { name: 'others_not_reported_pct', description: '100% minus every counted figure of the period', value: (r) => r.remainderPct },
  { name: 'subject', description: 'vendor, model family or group of the figure', value: (r) => r.figure.subjectName },
  { name: 'share_pct', description: 'the figure, exactly as published', value: (r) => r.figure.sharePctText },
  ...sourceColumns<StrategyCsvRow>((r) => r.figure),
  { name: 'strategy_rule', description: 'the written rule that assigns strategies', value: () => OPENNESS_RULE },
];

/** Columns of `GET /api/v1/market-sizes.csv`: one row per market total. */
export const MARKET_SIZE_CSV_COLUMNS: ReadonlyArray<CsvColumn<MarketSize, unknown>> = [
  { name: 'total_id', description: 'stable id of the total', value: (s) => s.id },
  { name: 'market_id', description: 'share market with the same definition; empty for context totals', value: (s) => s.marketId },
  { name: 'market', description: 'market as the source names it', value: (s) => s.marketText },
  { name: 'region', description: 'region', value: (s) => s.region },
  { name: 'period', description: 'period label when the total covers one; empty for point-in-time statistics', value: (s) => s.period?.label ?? null },
  { name: 'period_text', description: "the source's period wording", value: (s) => s.periodText },
  { name: 'forecast', description: 'true for a forecast (never multiplied by a share)', value: (s) => String(s.forecast) },
  { name: 'value', description: 'the total, as published', value: (s) => s.value },
  { name: 'unit', description: 'USD billions, CNY billions or trillions of tokens (per day or week)', value: (s) => s.unit },
  { name: 'lower_bound', description: 'true when the source says "more than" (never multiplied)', value: (s) => String(s.lowerBound) },
  { name: 'publisher', description: 'analyst firm or agency', value: (s) => s.publisher },
  { name: 'publisher_as_cited', description: 'publisher with the citing page', value: (s) => s.publisherText },
  { name: 'published_date', description: 'publication date', value: (s) => s.publishedDate },
  { name: 'source_url', description: 'URL of the page the total was read on', value: (s) => s.url },
  { name: 'source_quality', description: 'primary, press, community or secondary', value: (s) => s.quality },
  { name: 'quote', description: 'the sentence the total was read from, verbatim', value: (s) => s.quote },
];
