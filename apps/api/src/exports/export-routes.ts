import type { FastifyInstance, FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema } from '@dash/domain/schemas';
import { latestChangeset } from '@dash/store';
import type { RouteDeps } from '../app.js';
import { attachment } from '../csv.js';
import { buildExportZip, UTF8_BOM } from './export-package.js';

/** A CSV route of the API, found as it was registered. */
export interface CsvRoute {
  url: string;
  schema: FastifySchema & { querystring?: unknown; summary?: string; tags?: string[] };
  /** How the route's answers are cached (plugins/response-cache.ts), which its `.excel.csv` twin shares. */
  cache: 'data' | 'daily' | undefined;
}

const TITLES: Record<string, string> = {
  '/api/v1/shares.csv': 'Market-share figures',
  '/api/v1/compare.csv': 'Companies or vendors compared market by market',
  '/api/v1/openness.csv': 'Model releases graded by openness',
  '/api/v1/strategy-shares.csv': 'Market shares by openness strategy',
  '/api/v1/market-sizes.csv': 'Market totals',
  '/api/v1/prices.csv': 'Token prices per 1M tokens',
  '/api/v1/price-history.csv': 'Token price history',
  '/api/v1/cost-estimate.csv': 'Workload cost estimates',
};

/**
 * Collects every `GET /api/v1/….csv` route as it is registered, so each view gets its `.zip` and
 * `.excel.csv` twins without being listed by hand. Call before the routes are registered.
 */
export function collectCsvRoutes(app: FastifyInstance): CsvRoute[] {
  const routes: CsvRoute[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    if (methods.includes('GET') && /^\/api\/v1\/[^:]+\.csv$/.test(r.url) && !r.url.endsWith('.excel.csv')) {
      routes.push({ url: r.url, schema: (r.schema ?? {}) as CsvRoute['schema'], cache: r.config?.cache });
    }
  });
  return routes;
}

/** The file name a CSV route gave its download (`filename*=UTF-8''…`, else `filename="…"`). */
function fileNameOf(disposition: string | undefined, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]!);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? '');
  return plain ? plain[1]! : fallback;
}

/**
 * For every CSV view: `….zip` (the CSV, an Excel-friendly copy, metadata.json and a README with
 * citations) and `….excel.csv` (the CSV with a UTF-8 byte order mark). Both take the CSV's query
 * and answer its 400s unchanged; they run the CSV route itself, so the data cannot drift.
 */
export const exportRoutes: FastifyPluginAsyncZod<RouteDeps & { csvRoutes: readonly CsvRoute[] }> = async (
  app,
  { store, datasetVersion, csvRoutes },
) => {
  for (const route of csvRoutes) {
    const path = route.url.replace(/^\/api\/v1/, '').replace(/\.csv$/, '');
    const title = TITLES[route.url] ?? path.slice(1);
    const runCsv = async (url: string) => {
      const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
      return app.inject({ method: 'GET', url: `${route.url}${query}` });
    };
    const errors = { 400: ErrorResponseSchema, 500: ErrorResponseSchema };

    app.get(
      `${path}.zip`,
      {
        schema: {
          tags: route.schema.tags,
          summary: `${title}: a ZIP with the CSV, an Excel copy, metadata.json (columns, units, sources, filters, version) and a README on citing`,
          ...(route.schema.querystring ? { querystring: route.schema.querystring as z.ZodType } : {}),
          produces: ['application/zip'],
          response: {
            200: z.any().describe('application/zip: the CSV, an Excel copy, metadata.json and README.md'),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const csv = await runCsv(req.url);
        if (csv.statusCode !== 200)
          return reply.code(csv.statusCode).type(String(csv.headers['content-type'])).send(csv.body);
        const csvName = fileNameOf(csv.headers['content-disposition'] as string | undefined, `${path.slice(1)}.csv`);
        const filters = Object.fromEntries(
          Object.entries((req.query ?? {}) as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
        );
        const { zip } = buildExportZip({
          title,
          route: route.url,
          csv: csv.body,
          csvName,
          filters,
          datasetVersion,
          latestChangesetId: (await latestChangeset(store.db))?.id ?? null,
          generatedAt: new Date(),
          siteUrl: `${req.protocol}://${req.host}`,
        });
        return reply
          .type('application/zip')
          .header('content-disposition', attachment(csvName.replace(/\.csv$/, '.zip')))
          .header('x-row-count', String(csv.headers['x-row-count'] ?? ''))
          .send(Buffer.from(zip));
      },
    );

    app.get(
      `${path}.excel.csv`,
      {
        // The CSV's bytes behind a BOM: as immutable between data changes as the CSV itself. (The
        // .zip is not cached: it says when it was generated and for which host.)
        config: route.cache ? { cache: route.cache } : {},
        schema: {
          tags: route.schema.tags,
          summary: `${title}: the CSV with a UTF-8 byte order mark, so Excel shows Chinese text correctly`,
          ...(route.schema.querystring ? { querystring: route.schema.querystring as z.ZodType } : {}),
          produces: ['text/csv'],
          response: { 200: z.string().describe('text/csv with a UTF-8 BOM'), ...errors },
        },
      },
      async (req, reply) => {
        const csv = await runCsv(req.url);
        if (csv.statusCode !== 200)
          return reply.code(csv.statusCode).type(String(csv.headers['content-type'])).send(csv.body);
        const csvName = fileNameOf(csv.headers['content-disposition'] as string | undefined, `${path.slice(1)}.csv`);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(csvName.replace(/\.csv$/, '_excel.csv')))
          .header('x-row-count', String(csv.headers['x-row-count'] ?? ''))
          .send(`${UTF8_BOM}${csv.body}`);
      },
    );
  }
};
