import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3 document generated from the routes' zod schemas, and a docs page at /api/docs. */

const PRODUCT = 'China cloud and AI-model market dashboard';
const STATIC = '/api/docs/static';

/**
 * The docs page: Swagger UI's own page (@fastify/swagger-ui's index.html, same files in the same
 * order), plus what it lacks: a viewport for phones, a title naming the product, and a link back
 * to the dashboard. Swagger UI's page takes no additions in <head>, so this one is served instead.
 */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · ${PRODUCT}</title>
<link rel="stylesheet" href="${STATIC}/swagger-ui.css">
<link rel="stylesheet" href="${STATIC}/index.css">
<link rel="stylesheet" href="${STATIC}/theme/dashboard.css">
<link rel="icon" type="image/png" href="${STATIC}/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${STATIC}/favicon-16x16.png" sizes="16x16">
</head>
<body>
<nav class="dashboard-link"><a href="/">← Back to the ${PRODUCT}</a></nav>
<div id="swagger-ui"></div>
<script src="${STATIC}/swagger-ui-bundle.js" charset="utf-8"></script>
<script src="${STATIC}/swagger-ui-standalone-preset.js" charset="utf-8"></script>
<script src="${STATIC}/swagger-initializer.js" charset="utf-8"></script>
</body>
</html>
`;
/** A stylesheet file (the CSP allows no inline style): the link bar above Swagger UI's. */
const DOCS_CSS = `.dashboard-link { padding: 10px 20px; font: 14px/1.4 sans-serif; background: #1b1b1b; }
.dashboard-link a { color: #fff; }
.dashboard-link a:focus-visible { outline: 2px solid #89bf04; outline-offset: 2px; }
`;

/** CSP hash of the inline <style> Swagger UI (@fastify/swagger-ui 6.1.3) adds to its page. */
const SWAGGER_UI_STYLE_HASH = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'China cloud and AI-model market dashboard API',
        description:
          'Cited market-share figures for China\'s cloud and AI-model market. Every figure carries its publisher, the citing page\'s URL, a verbatim quote, publication date and source quality. JSON routes have `.csv` twins taking the same query.',
        version,
      },
      tags: [
        { name: 'shares', description: 'Market-share figures and their CSV export' },
        { name: 'compare', description: 'Companies or vendors compared market by market' },
        { name: 'openness', description: 'Open weights vs API only: releases, licences, strategies, shares by strategy' },
        { name: 'pricing', description: 'Token prices per 1M tokens with tiers and history, dated CNY/USD rates, workload cost estimates' },
        { name: 'reference', description: 'Vendors, markets, sources and market totals' },
        { name: 'meta', description: 'Health' },
        { name: 'changes', description: 'The change feed: new, revised and withdrawn figures (JSON and Atom)' },
        { name: 'writes', description: 'Create and revise figures (editors: a bearer token with the right shares:write)' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'a token from `npm run data -- token create`' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    theme: { title: `API reference · ${PRODUCT}`, css: [{ filename: 'dashboard.css', content: DOCS_CSS }] },
    uiHooks: {
      onRequest: async (req, reply) => {
        if (/^\/api\/docs\/?$/.test(req.url.split('?')[0]!)) return reply.type('text/html; charset=utf-8').send(DOCS_PAGE);
      },
    },
    staticCSP: true,
    // Swagger UI's page under the same rules as the dashboard (no 'unsafe-inline', no https:
    // wildcard for styles and fonts), but for the one <style> element Swagger UI 5 injects, allowed
    // by its hash (the e2e docs test fails on any CSP report, so a Swagger UI update that changes it
    // is caught); drop upgrade-insecure-requests: the server speaks plain HTTP.
    transformStaticCSP: (header) =>
      header
        .replace(/style-src [^;]*/, `style-src 'self' '${SWAGGER_UI_STYLE_HASH}'`)
        .replace(/font-src [^;]*/, "font-src 'self'")
        .replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
