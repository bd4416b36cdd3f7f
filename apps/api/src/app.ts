import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { getDatasetVersion, recordAudit, type Store } from '@dash/store';
import { ClientError, frameworkError, registerErrorHandling } from './plugins/errors.js';
import { registerOpenApi } from './plugins/openapi.js';
import { RequestLog } from './logging.js';
import { registerCors } from './plugins/cors.js';
import { DEFAULT_CACHE_POLICY, registerCacheHeaders, registerConditionalGet, type CachePolicy } from './plugins/http-caching.js';
import { registerResponseCache, type ResponseCache } from './plugins/response-cache.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerWeb } from './plugins/web.js';
import { healthRoutes } from './routes/health.js';
import { referenceRoutes } from './routes/reference.js';
import { insightRoutes } from './routes/insights.js';
import { shareRoutes } from './routes/shares.js';
import { pricingRoutes } from './routes/pricing.js';
import { shareWriteRoutes } from './routes/share-writes.js';
import { changeRoutes } from './routes/changes.js';
import { collectCsvRoutes, exportRoutes } from './exports/export-routes.js';
import { eventRoutes } from './routes/events.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The answers cached per data revision (plugins/response-cache.ts): its stats, and clear(). */
    responseCache: ResponseCache;
  }
}

export interface AppOptions {
  store: Store;
  /** Folder of the built web app; omitted in API-only tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Writes a client address may make per minute (default 30); reads are not limited. */
  writeRateLimitPerMinute?: number;
  /** Behind a load balancer: take the client address from X-Forwarded-For (rate limits, audit log). */
  trustProxy?: boolean;
  /** A share CSV of more rows than this streams rather than being rendered whole (default 5000). */
  csvStreamAfterRows?: number;
  /** How long browsers and shared caches may reuse a read (plugins/http-caching.ts; default 10 s + 20 s stale). */
  cachePolicy?: Readonly<CachePolicy>;
  /** Bytes of answers kept in memory per data revision (plugins/response-cache.ts; default 64 MiB, 0: none). */
  responseCacheBytes?: number;
}

/**
 * Builds the Fastify app over an open, migrated and loaded store. Never listens: tests call
 * `inject`, the server calls `listen`. External plugins first, then app plugins, then routes.
 */
export async function buildApp({
  store,
  webDist,
  logger = false,
  writeRateLimitPerMinute = 30,
  trustProxy = false,
  csvStreamAfterRows,
  cachePolicy = DEFAULT_CACHE_POLICY,
  responseCacheBytes,
}: AppOptions) {
  const app = Fastify({
    logger,
    // One line per request instead of two (logging.ts).
    logController: new RequestLog(),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1_048_576,
    trustProxy,
    // A URL the router cannot read (bad percent-encoding, an over-long path segment) gets the
    // API's error shape too, not Fastify's default body.
    frameworkErrors: (err, _req, res) => {
      const reply = res as FastifyReply;
      const { status, body } = frameworkError(err) ?? { status: 400, body: { error: { code: 'bad_request', message: 'the URL cannot be read' } } };
      void reply.code(status).type('application/json; charset=utf-8').send(body);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const datasetVersion = (await getDatasetVersion(store.db)) ?? 'empty';

  registerSecurityHeaders(app, {
    // helmet's defaults, tightened: styles and fonts from this origin only, no 'unsafe-inline'
    // anywhere (React sets style props through the CSSOM, which CSP does not govern), images from
    // here and data: URLs (the PNG export draws the chart's SVG through one). No
    // upgrade-insecure-requests: the server speaks plain HTTP on loopback and behind a proxy.
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: null, styleSrc: ["'self'"], fontSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Cross-origin reads of /api/v1 for everyone, cross-origin writes for no one (plugins/cors.ts).
  await registerCors(app);
  // onSend hooks run in this order: the cache keeps the route's payload, Cache-Control is set,
  // etag hashes the payload (and answers a 304), then compress encodes it for this client.
  app.decorate('responseCache', registerResponseCache(app, { store, ...(responseCacheBytes === undefined ? {} : { maxBytes: responseCacheBytes }) }));
  registerCacheHeaders(app, cachePolicy);
  await app.register(etag);
  registerConditionalGet(app);
  // br and gzip (every client that takes deflate takes gzip): fewer variants in shared caches.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  // Only routes that ask for it (the writes) are limited.
  await app.register(rateLimit, {
    global: false,
    // Refused writes belong in the audit log too (never the token: only the client's address).
    onExceeded: (req) => {
      recordAudit(store.db, {
        actor: 'unknown (rate-limited before authentication)',
        action: `${req.method} ${req.routeOptions.url ?? req.url}`,
        target: req.url,
        outcome: 'rate-limited',
        remoteAddr: req.ip,
      }).catch((err: unknown) => req.log.error({ err }, 'audit entry for a rate-limited write failed'));
    },
    errorResponseBuilder: (_req, ctx) =>
      new ClientError(429, 'rate_limited', `too many writes: at most ${ctx.max} a minute from one address; try again in ${ctx.after}`),
  });
  registerErrorHandling(app);
  await registerOpenApi(app, datasetVersion);

  const deps = { store, datasetVersion };
  // Every CSV route registered from here on gets .zip and .excel.csv twins (exportRoutes below).
  const csvRoutes = collectCsvRoutes(app);
  await app.register(healthRoutes, { prefix: '/api/v1', ...deps });
  await app.register(referenceRoutes, { prefix: '/api/v1', ...deps });
  await app.register(shareRoutes, { prefix: '/api/v1', ...deps, ...(csvStreamAfterRows === undefined ? {} : { csvStreamAfterRows }) });
  await app.register(insightRoutes, { prefix: '/api/v1', ...deps });
  await app.register(pricingRoutes, { prefix: '/api/v1', ...deps });
  await app.register(shareWriteRoutes, { prefix: '/api/v1', ...deps, writeRateLimitPerMinute });
  await app.register(changeRoutes, { prefix: '/api/v1', ...deps });
  await app.register(eventRoutes, { prefix: '/api/v1', ...deps });
  await app.register(exportRoutes, { prefix: '/api/v1', ...deps, csvRoutes });
  await registerWeb(app, webDist);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
export interface RouteDeps {
  store: Store;
  datasetVersion: string;
}
