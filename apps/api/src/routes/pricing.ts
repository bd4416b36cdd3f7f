import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COST_CSV_COLUMNS,
  FX_RULE,
  PRICE_CSV_COLUMNS,
  buildHistory,
  buildPriceRows,
  estimateCosts,
  missingPriceNotes,
  monthlyTokens,
  versionsAt,
  type CostEstimateQuery,
  type PriceHistoryQuery,
  type PricingCsvContext,
  type Workload,
} from '@dash/domain';
import {
  CostEstimateQuerySchema,
  CostEstimateResponseSchema,
  ErrorResponseSchema,
  FxRatesResponseSchema,
  PriceHistoryQuerySchema,
  PriceModelsResponseSchema,
  PricesQuerySchema,
  PricesResponseSchema,
} from '@dash/domain/schemas';
import { listFxRates, listPricedModels, listPricePairs, listPricePoints, listVendors, type Store } from '@dash/store';
import type { RouteDeps } from '../app.js';
import { attachment, toCsv } from '../csv.js';
import { badValue } from '../plugins/errors.js';

const list = (xs: readonly string[]) => xs.join(', ');
const today = () => new Date().toISOString().slice(0, 10);

type Filters = Pick<PriceHistoryQuery, 'vendor' | 'model' | 'region'>;

/** Loads what a pricing answer needs, rejecting well-formed but unknown vendor and model ids. */
async function loadFor(store: Store, q: Filters) {
  const [models, vendors, rates] = await Promise.all([
    listPricedModels(store.db),
    listVendors(store.db),
    listFxRates(store.db),
  ]);
  const unknownVendors = (q.vendor ?? []).filter((v) => !vendors.some((x) => x.id === v));
  if (unknownVendors.length > 0) {
    const priced = [...new Set(models.map((m) => m.vendorId))];
    throw badValue(
      'vendor',
      `unknown vendor ${unknownVendors.map((v) => `"${v}"`).join(', ')}; vendors with prices: ${list(priced)}`,
    );
  }
  const unknownModels = (q.model ?? []).filter((m) => !models.some((x) => x.id === m));
  if (unknownModels.length > 0) {
    throw badValue(
      'model',
      `unknown model ${unknownModels.map((m) => `"${m}"`).join(', ')}; known: ${list(models.map((m) => m.id))}`,
    );
  }
  const points = await listPricePoints(store.db, q);
  const ctx: PricingCsvContext = { vendorNames: new Map(vendors.map((v) => [v.id, v.name])) };
  return { data: { models, points, rates }, ctx };
}

/** `prices_qwen-plus+doubao-seed-1.6_at-2024-05-20_USD.csv` */
function fileName(base: string, q: Filters & { at?: string | undefined; currency?: string | undefined }) {
  const parts = [base];
  if (q.vendor?.length) parts.push(q.vendor.join('+'));
  if (q.model?.length) parts.push(q.model.join('+'));
  if (q.region) parts.push(q.region);
  if (q.at) parts.push(`at-${q.at}`);
  parts.push(q.currency ?? 'as-published');
  return `${parts.join('_')}.csv`;
}

async function priceAnswer(store: Store, q: PriceHistoryQuery, mode: 'current' | 'history') {
  const { data, ctx } = await loadFor(store, q);
  const at = mode === 'history' ? (q.at ?? null) : null;
  const rows = buildPriceRows(data, { mode, at, currency: q.currency ?? null, today: today() });
  const asked = mode === 'current' || at !== null ? (q.model ?? []) : [];
  const found =
    mode === 'current'
      ? versionsAt(buildHistory(data.points), null)
      : at
        ? versionsAt(buildHistory(data.points), at)
        : [];
  return { rows, ctx, at, notes: missingPriceNotes(asked, found, at) };
}

function workloadOf(q: CostEstimateQuery): Workload {
  return {
    inputTokensPerRequest: q.inputTokensPerRequest,
    outputTokensPerRequest: q.outputTokensPerRequest,
    requestsPerMonth: q.requestsPerMonth,
    cachedInputPct: q.cachedInputPct ?? '0',
    contextTokens: q.contextTokens,
    ratio: q.ratio ?? { input: 3, output: 1 },
  };
}

async function costAnswer(store: Store, q: CostEstimateQuery) {
  const { data, ctx } = await loadFor(store, q);
  const w = workloadOf(q);
  const rows = estimateCosts(data, w, { at: q.at ?? null, currency: q.currency ?? 'CNY', today: today() });
  const found = versionsAt(buildHistory(data.points), q.at ?? null);
  return { rows, ctx, w, notes: missingPriceNotes(q.model ?? [], found, q.at ?? null) };
}

const csvResponse = {
  200: z.string().describe('text/csv; header line then one line per row'),
  400: ErrorResponseSchema,
  500: ErrorResponseSchema,
};
const columnsDoc = (cols: ReadonlyArray<{ name: string; description: string }>) =>
  `Columns: ${cols.map((c) => `\`${c.name}\` (${c.description})`).join('; ')}.`;

export const pricingRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, datasetVersion }) => {
  app.get(
    '/price-models',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['pricing'],
        summary:
          'Models with prices: vendor, family, openness, pricing models; and the Qwen vs Doubao head-to-head pairs',
        response: { 200: PriceModelsResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async () => {
      const [models, vendors, pairs] = await Promise.all([
        listPricedModels(store.db),
        listVendors(store.db),
        listPricePairs(store.db),
      ]);
      const byId = new Map(vendors.map((v) => [v.id, v]));
      return {
        data: models.map((m) => ({
          ...m,
          vendorName: byId.get(m.vendorId)?.name ?? m.vendorId,
          color: byId.get(m.vendorId)?.color ?? '#7A7A7A',
        })),
        pairs,
      };
    },
  );

  app.get(
    '/fx-rates',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['pricing'],
        summary: 'The dated CNY-per-USD exchange rates (kind, publisher, URL, quote) and the rule that picks one',
        response: { 200: FxRatesResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async () => {
      const data = await listFxRates(store.db);
      return { data, meta: { count: data.length, fxRule: FX_RULE } };
    },
  );

  app.get(
    '/prices',
    {
      config: { cache: 'daily' },
      schema: {
        tags: ['pricing'],
        summary: 'Current token prices per 1M tokens, one row per model, region, currency and tier, with sources',
        description: `Current = each offer's latest dated price plus undated prices (marked \`inHistory: false\`). With \`currency\`, prices are converted at today's rate and each row carries the rate used. ${FX_RULE}`,
        querystring: PricesQuerySchema,
        response: { 200: PricesResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => {
      const { rows, notes } = await priceAnswer(store, req.query, 'current');
      return {
        data: rows,
        meta: {
          count: rows.length,
          at: null,
          currency: req.query.currency ?? null,
          fxRule: FX_RULE,
          notes,
          datasetVersion,
        },
      };
    },
  );

  app.get(
    '/prices.csv',
    {
      config: { cache: 'daily' },
      schema: {
        tags: ['pricing'],
        summary:
          'Current token prices as CSV (RFC 4180, UTF-8) with source columns and, when converted, the rate and its date',
        description: columnsDoc(PRICE_CSV_COLUMNS),
        querystring: PricesQuerySchema,
        produces: ['text/csv'],
        response: csvResponse,
      },
    },
    async (req, reply) => {
      const { rows, ctx } = await priceAnswer(store, req.query, 'current');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(fileName('prices', req.query)))
        .header('x-row-count', String(rows.length))
        .send(toCsv(rows, PRICE_CSV_COLUMNS, ctx));
    },
  );

  app.get(
    '/price-history',
    {
      config: { cache: 'daily' },
      schema: {
        tags: ['pricing'],
        summary:
          'Every dated price with its window [validFrom, validTo); with at=YYYY-MM-DD, the prices in force that day',
        description: `Windows are half-open: a price is in force from validFrom until the day before validTo. Undated prices are not part of the history. Converted prices use the rate for the day each price took effect (or the \`at\` day). ${FX_RULE}`,
        querystring: PriceHistoryQuerySchema,
        response: { 200: PricesResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => {
      const { rows, notes, at } = await priceAnswer(store, req.query, 'history');
      const data = at === null ? rows.filter((r) => r.inHistory) : rows;
      return {
        data,
        meta: { count: data.length, at, currency: req.query.currency ?? null, fxRule: FX_RULE, notes, datasetVersion },
      };
    },
  );

  app.get(
    '/price-history.csv',
    {
      config: { cache: 'daily' },
      schema: {
        tags: ['pricing'],
        summary: 'The price history (or the prices in force on `at`) as CSV with source columns',
        description: columnsDoc(PRICE_CSV_COLUMNS),
        querystring: PriceHistoryQuerySchema,
        produces: ['text/csv'],
        response: csvResponse,
      },
    },
    async (req, reply) => {
      const { rows, ctx, at } = await priceAnswer(store, req.query, 'history');
      const data = at === null ? rows.filter((r) => r.inHistory) : rows;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(fileName('price-history', req.query)))
        .header('x-row-count', String(data.length))
        .send(toCsv(data, PRICE_CSV_COLUMNS, ctx));
    },
  );

  app.get(
    '/cost-estimate',
    {
      config: { cache: 'daily' },
      schema: {
        tags: ['pricing'],
        summary:
          'Monthly cost of a workload per model at the tier its context length selects, ranked, with N× the cheapest',
        description: `Monthly tokens = tokens per request × requests per month; cached input (cachedInputPct of input) is costed at the cached-input price where the source gives one, else at the input price (noted). The blended price per 1M is (input × a + output × b) / (a + b) for ratio a:b (default 3:1). ${FX_RULE}`,
        querystring: CostEstimateQuerySchema,
        response: { 200: CostEstimateResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => {
      const { rows, w, notes } = await costAnswer(store, req.query);
      const t = monthlyTokens(w);
      return {
        data: rows,
        meta: {
          workload: {
            inputTokensPerRequest: w.inputTokensPerRequest,
            outputTokensPerRequest: w.outputTokensPerRequest,
            requestsPerMonth: w.requestsPerMonth,
            cachedInputPct: w.cachedInputPct,
            contextTokens: w.contextTokens ?? w.inputTokensPerRequest,
            ratio: w.ratio ?? { input: 3, output: 1 },
            monthlyInputTokens: t.input,
            monthlyCachedInputTokens: t.cached,
            monthlyOutputTokens: t.output,
          },
          at: req.query.at ?? null,
          currency: req.query.currency ?? 'CNY',
          count: rows.length,
          fxRule: FX_RULE,
          notes,
          datasetVersion,
        },
      };
    },
  );

  app.get(
    '/cost-estimate.csv',
    {
      config: { cache: 'daily' },
      schema: {
        tags: ['pricing'],
        summary: 'The cost estimate as CSV, one row per offer, with the rate used and the price source',
        description: columnsDoc(COST_CSV_COLUMNS),
        querystring: CostEstimateQuerySchema,
        produces: ['text/csv'],
        response: csvResponse,
      },
    },
    async (req, reply) => {
      const { rows, ctx } = await costAnswer(store, req.query);
      const q = req.query;
      const name = fileName(
        `cost-estimate_${q.inputTokensPerRequest}in-${q.outputTokensPerRequest}out-x${q.requestsPerMonth}`,
        {
          ...q,
          currency: q.currency ?? 'CNY',
        },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(name))
        .header('x-row-count', String(rows.length))
        .send(toCsv(rows, COST_CSV_COLUMNS, ctx));
    },
  );
};
