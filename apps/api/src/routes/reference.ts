import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorResponseSchema,
  MarketsResponseSchema,
  SourcesResponseSchema,
  VendorsResponseSchema,
} from '@dash/domain/schemas';
import { listCompanies, listGroups, listMarketSummaries, listSources, listVendors } from '@dash/store';
import type { RouteDeps } from '../app.js';

export const referenceRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get(
    '/vendors',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['reference'],
        summary: 'Vendors with parent company, colour and aliases; vendor groups of combined figures; companies',
        response: { 200: VendorsResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async () => ({
      data: await listVendors(store.db),
      groups: await listGroups(store.db),
      companies: await listCompanies(store.db),
    }),
  );

  app.get(
    '/markets',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['reference'],
        summary: 'Markets with region, metric basis, written scope, and the periods, publishers and vendors with figures',
        response: { 200: MarketsResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async () => ({ data: await listMarketSummaries(store.db) }),
  );

  app.get(
    '/sources',
    {
      config: { cache: 'data' },
      schema: {
        tags: ['reference'],
        summary: 'Every cited source (publisher, title, URL, date, quality) with its number of figures',
        response: { 200: SourcesResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async () => ({ data: await listSources(store.db) }),
  );
};
