import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_CSV_COLUMNS, EVENT_PRECISION_RULE, type EventQuery } from '@dash/domain';
import { ErrorResponseSchema, EventQuerySchema, EventsResponseSchema } from '@dash/domain/schemas';
import { listCompanies, listEvents, listVendors, type Store } from '@dash/store';
import type { RouteDeps } from '../app.js';
import { attachment, toCsv } from '../csv.js';
import { badValue } from '../plugins/errors.js';

/** Resolves `vendor` (company or vendor ids) to company ids; an unknown id is a 400 listing the known ones. */
async function companyIdsOf(store: Store, q: EventQuery) {
  const [companies, vendors] = await Promise.all([listCompanies(store.db), listVendors(store.db)]);
  const ids = (q.vendor ?? []).map((id) => (companies.some((c) => c.id === id) ? id : (vendors.find((v) => v.id === id)?.parentId ?? null)));
  const unknown = (q.vendor ?? []).filter((_, i) => ids[i] === null);
  if (unknown.length > 0) {
    throw badValue(
      'vendor',
      `unknown company or vendor ${unknown.map((v) => `"${v}"`).join(', ')}; known: ${[...new Set([...companies.map((c) => c.id), ...vendors.map((v) => v.id)])].join(', ')}`,
    );
  }
  return { companyIds: [...new Set(ids as string[])], companies };
}

/** `events_alibaba+bytedance_pricing_2024-01-01-2025-12-31.csv` */
const fileName = (q: EventQuery) =>
  `${[
    'events',
    ...(q.vendor?.length ? [q.vendor.join('+')] : []),
    ...(q.kind?.length ? [q.kind.join('+')] : []),
    ...(q.from || q.to ? [`${q.from ?? 'start'}-${q.to ?? 'latest'}`] : []),
  ].join('_')}.csv`;

/** Dated market events for chart annotations (`/events`), with a `.csv` twin taking the same query. */
export const eventRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, datasetVersion }) => {
  app.get(
    '/events',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['events'],
        summary: 'Dated market events (price cuts, releases, open-sourcing, leadership changes, reports) with their sources',
        description: `Filter by company or vendor (a vendor counts as its parent company), kind and dates (an event is included when the days it may fall on overlap [from, to]). ${EVENT_PRECISION_RULE}`,
        querystring: EventQuerySchema,
        response: { 200: EventsResponseSchema, 400: ErrorResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (req) => {
      const { companyIds } = await companyIdsOf(store, req.query);
      const data = await listEvents(store.db, { companyIds, kinds: req.query.kind, from: req.query.from, to: req.query.to });
      return { data, meta: { count: data.length, precisionRule: EVENT_PRECISION_RULE, datasetVersion } };
    },
  );

  app.get(
    '/events.csv',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['events'],
        summary: 'The same events as CSV (RFC 4180, UTF-8), one row per event with its source',
        description: `Columns: ${EVENT_CSV_COLUMNS.map((c) => `\`${c.name}\` (${c.description})`).join('; ')}. ${EVENT_PRECISION_RULE}`,
        querystring: EventQuerySchema,
        produces: ['text/csv'],
        response: {
          200: z.string().describe('text/csv; header line then one line per event'),
          400: ErrorResponseSchema,
          500: ErrorResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const { companyIds, companies } = await companyIdsOf(store, req.query);
      const data = await listEvents(store.db, { companyIds, kinds: req.query.kind, from: req.query.from, to: req.query.to });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(fileName(req.query)))
        .header('x-row-count', String(data.length))
        .send(toCsv(data, EVENT_CSV_COLUMNS, { companyNames: new Map(companies.map((c) => [c.id, c.name])) }));
    },
  );
};
