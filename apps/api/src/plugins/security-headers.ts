import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options`, worked out once: helmet's middleware run against a
 * response that only records them. (@fastify/helmet builds the whole middleware again, CSP
 * parsing included, on every request: a third of a cached answer's time.)
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}

/**
 * The headers of an API answer (`/api/v1/…`: JSON, CSV, ZIP, Atom, errors), after OWASP's REST
 * security cheat sheet: data is never a document to run, frame or style, so the strictest CSP
 * (`default-src 'none'; frame-ancestors 'none'`) and no framing at all, without the page-only
 * headers helmet adds (COOP, Origin-Agent-Cluster, DNS prefetch, X-Download-Options, …). No
 * Cross-Origin-Resource-Policy: the figures are public and any site may read them (plugins/cors.ts).
 * A third of the bytes of helmet's set, on the answers the API serves most.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** `/api/v1/…`: answers that are data, not pages. */
export const isApiDataPath = (url: string) => url.startsWith('/api/v1/');

/**
 * Sets the security headers on every answer, in one synchronous hook at the start of the request,
 * so later hooks and routes can still change them (an embed page lifts the framing rules; the API
 * docs page has its own CSP): helmet's (see {@link securityHeaders}) on pages, assets and the docs,
 * {@link API_SECURITY_HEADERS} on API answers.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>) {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(isApiDataPath(req.url) ? API_SECURITY_HEADERS : headers);
    done();
  });
}
