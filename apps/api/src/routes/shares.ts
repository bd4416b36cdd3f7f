import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorResponseSchema,
  SHARE_CSV_COLUMNS,
  ShareQuerySchema,
  SharesResponseSchema,
  type ShareQuery,
} from '@dash/domain';
import { findShares, listMarkets, listSources, listVendors, type Store } from '@dash/store';
import type { RouteDeps } from '../app.js';
import { attachment, toCsv } from '../csv.js';
import { badValue } from '../plugins/errors.js';

const list = (xs: readonly string[]) => xs.join(', ');

/** Rejects ids that are well-formed but unknown, naming the known ones. */
async function checkQuery(store: Store, q: ShareQuery) {
  const [markets, vendors, sources] = await Promise.all([listMarkets(store.db), listVendors(store.db), listSources(store.db)]);
  if (q.market && !markets.some((m) => m.id === q.market)) {
    throw badValue('market', `unknown market "${q.market}"; known: ${list(markets.map((m) => m.id))}`);
  }
  const unknown = (q.vendor ?? []).filter((v) => !vendors.some((x) => x.id === v));
  if (unknown.length > 0) {
    throw badValue('vendor', `unknown vendor ${unknown.map((v) => `"${v}"`).join(', ')}; known: ${list(vendors.map((v) => v.id))}`);
  }
  const publishers = [...new Set(sources.map((s) => s.publisher))].sort();
  if (q.publisher && !publishers.some((p) => p.toLowerCase() === q.publisher!.toLowerCase())) {
    throw badValue('publisher', `unknown publisher "${q.publisher}"; known: ${list(publishers)}`);
  }
  return { markets, vendors };
}

/** `market-shares_china-ai-cloud_alibaba-cloud+volcano-engine_2024Q1-2025H2.csv` */
export function sharesFileName(q: ShareQuery): string {
  const parts = ['market-shares', q.market ?? 'all-markets'];
  if (q.vendor?.length) parts.push(q.vendor.join('+'));
  if (q.from || q.to) parts.push(`${q.from ?? 'start'}-${q.to ?? 'latest'}`);
  if (q.publisher) parts.push(q.publisher.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  return `${parts.join('_')}.csv`;
}

export const shareRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, datasetVersion }) => {
  app.get(
    '/shares',
    {
      schema: {
        tags: ['shares'],
        summary: 'Share figures with their sources, filtered by market, vendors, period range and publisher',
        querystring: ShareQuerySchema,
        response: { 200: SharesResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => {
      await checkQuery(store, req.query);
      const data = await findShares(store.db, req.query);
      return { data, meta: { count: data.length, datasetVersion } };
    },
  );

  app.get(
    '/shares.csv',
    {
      schema: {
        tags: ['shares'],
        summary: 'The same figures as CSV (RFC 4180, UTF-8), one row per figure with source columns',
        description: `Columns: ${SHARE_CSV_COLUMNS.map((c) => `\`${c.name}\` (${c.description})`).join('; ')}.`,
        querystring: ShareQuerySchema,
        produces: ['text/csv'],
        response: {
          200: z.string().describe('text/csv; header line then one line per figure'),
          400: ErrorResponseSchema,
          500: ErrorResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const { markets, vendors } = await checkQuery(store, req.query);
      const data = await findShares(store.db, req.query);
      const csv = toCsv(data, SHARE_CSV_COLUMNS, {
        markets: new Map(markets.map((m) => [m.id, m])),
        vendors: new Map(vendors.map((v) => [v.id, v])),
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(sharesFileName(req.query)))
        .header('x-row-count', String(data.length))
        .send(csv);
    },
  );
};
