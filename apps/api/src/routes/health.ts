import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponseSchema, HealthResponseSchema } from '@dash/domain/schemas';
import type { RouteDeps } from '../app.js';

export const healthRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, datasetVersion }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness and the loaded dataset',
        response: { 200: HealthResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (_req, reply) => {
      // Liveness is asked of this instance now: never from a cache.
      reply.header('cache-control', 'no-store');
      const row = await store.db
        .selectFrom('share_figures')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return { status: 'ok' as const, database: store.dialect, datasetVersion, figures: Number(row.n) };
    },
  );
};
