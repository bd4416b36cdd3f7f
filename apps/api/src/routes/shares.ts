import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SHARE_CSV_COLUMNS, type ShareQuery } from '@dash/domain';
import { ErrorResponseSchema, ShareQuerySchema, SharesResponseSchema } from '@dash/domain/schemas';
import {
  countShares,
  findPublisher,
  findShares,
  listMarkets,
  listPublishers,
  listVendors,
  streamShareBatches,
  type Store,
} from '@dash/store';
import type { ShareFigureWithSource } from '@dash/domain';
import type { RouteDeps } from '../app.js';
import { attachment, csvStream, toCsv } from '../csv.js';
import { badValue } from '../plugins/errors.js';

const list = (xs: readonly string[]) => xs.join(', ');

/** A CSV export of more rows than this streams instead of being rendered whole (and is not cached). */
export const STREAM_AFTER_ROWS = 5000;

/**
 * Figures read from the database and formatted at a time in a streamed export (about 100 KB of
 * CSV): large enough that per-batch costs vanish, small enough that little is alive when the
 * young generation is collected (what survives is promoted and waits for a full collection).
 */
const STREAM_BATCH_ROWS = 200;

/** Rejects ids that are well-formed but unknown, naming the known ones. */
async function checkQuery(store: Store, q: ShareQuery) {
  const [markets, vendors] = await Promise.all([listMarkets(store.db), listVendors(store.db)]);
  if (q.market && !markets.some((m) => m.id === q.market)) {
    throw badValue('market', `unknown market "${q.market}"; known: ${list(markets.map((m) => m.id))}`);
  }
  const unknown = (q.vendor ?? []).filter((v) => !vendors.some((x) => x.id === v));
  if (unknown.length > 0) {
    throw badValue('vendor', `unknown vendor ${unknown.map((v) => `"${v}"`).join(', ')}; known: ${list(vendors.map((v) => v.id))}`);
  }
  if (q.publisher && (await findPublisher(store.db, q.publisher)) === null) {
    const publishers = await listPublishers(store.db);
    const shown = publishers.length > 100 ? [...publishers.slice(0, 100), `… (${publishers.length - 100} more)`] : publishers;
    throw badValue('publisher', `unknown publisher "${q.publisher}"; known: ${list(shown)}`);
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

export const shareRoutes: FastifyPluginAsyncZod<RouteDeps & { csvStreamAfterRows?: number }> = async (
  app,
  { store, datasetVersion, csvStreamAfterRows = STREAM_AFTER_ROWS },
) => {
  app.get(
    '/shares',
    {
      config: { cache: 'data' },
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
      config: { cache: 'data' },
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
      const ctx = { markets: new Map(markets.map((m) => [m.id, m])), vendors: new Map(vendors.map((v) => [v.id, v])) };
      reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(sharesFileName(req.query)));
      // An export that fits in memory is rendered whole (and cached); a larger one streams as
      // the client reads it, in the same order, from a connection of its own. A current-state
      // export is counted first (its x-row-count); an as-of export is read until it is known to fit.
      if (req.query.asOf === undefined) {
        const count = await countShares(store.db, req.query);
        if (count <= csvStreamAfterRows) {
          const data = await findShares(store.db, req.query);
          return reply.header('x-row-count', String(data.length)).send(toCsv(data, SHARE_CSV_COLUMNS, ctx));
        }
        reply.header('x-row-count', String(count));
      }
      const reader = store.openReader();
      async function* figures(): AsyncGenerator<ShareFigureWithSource[], void, undefined> {
        try {
          yield* streamShareBatches(reader, store.dialect, req.query, { batchSize: STREAM_BATCH_ROWS });
        } finally {
          // Runs on the last batch, on an error and when the stream is destroyed (client gone).
          await reader.close();
        }
      }
      const batches = figures();
      // An as-of export is read until it is known not to fit (or has ended): one that fits is
      // rendered whole, like a current-state one.
      const head: ShareFigureWithSource[] = [];
      while (req.query.asOf !== undefined && head.length <= csvStreamAfterRows) {
        const next = await batches.next();
        if (next.done) return reply.header('x-row-count', String(head.length)).send(toCsv(head, SHARE_CSV_COLUMNS, ctx));
        head.push(...next.value);
      }
      async function* all() {
        yield head;
        yield* batches;
      }
      const body = csvStream(all(), SHARE_CSV_COLUMNS, ctx);
      // A stream is sent as it is (never serialized): the 200 schema documents the text it carries.
      return reply.send(body as unknown as string);
    },
  );
};
