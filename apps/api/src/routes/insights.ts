import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COMPARE_CSV_COLUMNS,
  DEFAULT_COMPARE_IDS,
  MARKET_SIZE_CSV_COLUMNS,
  OPENNESS_CSV_COLUMNS,
  OPENNESS_RULE,
  STRATEGY_SHARES_CSV_COLUMNS,
  type CompareCsvRow,
  type OpennessCsvRow,
  type StrategyCsvRow,
} from '@dash/domain';
import {
  CompareQuerySchema,
  CompareResponseSchema,
  ErrorResponseSchema,
  MarketSizesQuerySchema,
  MarketSizesResponseSchema,
  OpennessResponseSchema,
  StrategySharesQuerySchema,
  StrategySharesResponseSchema,
} from '@dash/domain/schemas';
import { listMarkets, listMarketSizes } from '@dash/store';
import type { RouteDeps } from '../app.js';
import { attachment, toCsv } from '../csv.js';
import { badValue } from '../plugins/errors.js';
import { buildComparison, buildOpenness, buildStrategyShares, loadInsights } from '../services/insights.js';

const csvResponse = (description: string) => ({
  200: z.string().describe(description),
  400: ErrorResponseSchema,
  500: ErrorResponseSchema,
});

/**
 * The comparison (`/compare`), openness (`/openness`, `/strategy-shares`) and market totals
 * (`/market-sizes`), each with a `.csv` twin taking the same query.
 */
export const insightRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, datasetVersion }) => {
  app.get(
    '/compare',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['compare'],
        summary: 'Compare companies or vendors market by market (Alibaba vs ByteDance by default)',
        description:
          'For every market where they have figures: the latest period with the most of them present, every source’s figure, who leads (none when ranges overlap), a generated sentence, the series over time, and absolute estimates where the same publisher gives the market’s total for the same period.',
        querystring: CompareQuerySchema,
        response: { 200: CompareResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => {
      const { ids: _ids, ...body } = buildComparison(await loadInsights(store), req.query.vendors ?? [...DEFAULT_COMPARE_IDS]);
      return { ...body, datasetVersion };
    },
  );

  app.get(
    '/compare.csv',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['compare'],
        summary: 'The comparison as CSV: one row per figure in each compared period, with sources and absolute estimates',
        description: `Columns: ${COMPARE_CSV_COLUMNS.map((c) => `\`${c.name}\` (${c.description})`).join('; ')}.`,
        querystring: CompareQuerySchema,
        produces: ['text/csv'],
        response: csvResponse('text/csv'),
      },
    },
    async (req, reply) => {
      const ids = req.query.vendors ?? [...DEFAULT_COMPARE_IDS];
      const cmp = buildComparison(await loadInsights(store), ids);
      const rows: CompareCsvRow[] = cmp.markets.flatMap((c) =>
        c.entries.flatMap((e) =>
          e.figures.flatMap((figure): CompareCsvRow[] => {
            const entity = cmp.entities.find((x) => x.id === e.entityId)!;
            const base = { entities: ids.join('+'), comparison: c, entity, figure };
            return figure.estimates.length > 0 ? figure.estimates.map((estimate) => ({ ...base, estimate })) : [{ ...base, estimate: null }];
          }),
        ),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`comparison_${ids.join('-vs-')}.csv`))
        .header('x-row-count', String(rows.length))
        .send(toCsv(rows, COMPARE_CSV_COLUMNS, undefined));
    },
  );

  app.get(
    '/openness',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['openness'],
        summary: 'Model families, their graded releases and licences, and each company’s derived strategy, with the rule',
        description: OPENNESS_RULE,
        response: { 200: OpennessResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async () => buildOpenness(await loadInsights(store)),
  );

  app.get(
    '/openness.csv',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['openness'],
        summary: 'Every release as CSV with its grade, licence, source and its family’s and company’s strategy',
        description: `Columns: ${OPENNESS_CSV_COLUMNS.map((c) => `\`${c.name}\``).join(', ')}. ${OPENNESS_RULE}`,
        produces: ['text/csv'],
        response: csvResponse('text/csv'),
      },
    },
    async (_req, reply) => {
      const o = buildOpenness(await loadInsights(store));
      const rows: OpennessCsvRow[] = o.releases.map((release) => ({
        release,
        family: o.families.find((f) => f.id === release.familyId)!,
        company: o.companies.find((c) => c.id === release.companyId)!,
      }));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('model-openness.csv'))
        .header('x-row-count', String(rows.length))
        .send(toCsv(rows, OPENNESS_CSV_COLUMNS, undefined));
    },
  );

  app.get(
    '/strategy-shares',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['openness'],
        summary: 'Market shares added up by the strategy of each figure’s subject, per market and period',
        description: OPENNESS_RULE,
        querystring: StrategySharesQuerySchema,
        response: { 200: StrategySharesResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => buildStrategyShares(await loadInsights(store), req.query.market, req.query.view),
  );

  app.get(
    '/strategy-shares.csv',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['openness'],
        summary: 'Shares by strategy as CSV: one row per counted figure with its band total and source',
        querystring: StrategySharesQuerySchema,
        produces: ['text/csv'],
        response: csvResponse('text/csv'),
      },
    },
    async (req, reply) => {
      const s = buildStrategyShares(await loadInsights(store), req.query.market, req.query.view);
      const rows: StrategyCsvRow[] = s.markets.flatMap((m) =>
        m.periods.flatMap((p) =>
          p.bands.flatMap((band) =>
            band.figures.map((figure) => ({ marketId: m.marketId, view: s.view, band, figure, remainderPct: p.remainder?.pctText ?? null })),
          ),
        ),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`shares-by-strategy_${req.query.market ?? 'all-markets'}_${s.view}.csv`))
        .header('x-row-count', String(rows.length))
        .send(toCsv(rows, STRATEGY_SHARES_CSV_COLUMNS, undefined));
    },
  );

  const sizesFor = async (market: string | undefined) => {
    if (market) {
      const markets = await listMarkets(store.db);
      if (!markets.some((m) => m.id === market)) {
        throw badValue('market', `unknown market "${market}"; known: ${markets.map((m) => m.id).join(', ')}`);
      }
    }
    return listMarketSizes(store.db, market);
  };

  app.get(
    '/market-sizes',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['reference'],
        summary: 'Market totals (US$, CNY, tokens) as published, with forecasts and lower bounds marked',
        querystring: MarketSizesQuerySchema,
        response: { 200: MarketSizesResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => ({ data: await sizesFor(req.query.market) }),
  );

  app.get(
    '/market-sizes.csv',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['reference'],
        summary: 'Market totals as CSV with their sources',
        querystring: MarketSizesQuerySchema,
        produces: ['text/csv'],
        response: csvResponse('text/csv'),
      },
    },
    async (req, reply) => {
      const rows = await sizesFor(req.query.market);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`market-sizes_${req.query.market ?? 'all-markets'}.csv`))
        .header('x-row-count', String(rows.length))
        .send(toCsv(rows, MARKET_SIZE_CSV_COLUMNS, undefined));
    },
  );
};
