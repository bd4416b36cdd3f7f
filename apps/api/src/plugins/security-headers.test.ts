import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS, registerSecurityHeaders, securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it("are helmet's headers for the options given", () => {
    const h = securityHeaders({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, styleSrc: ["'self'"] } },
      crossOriginEmbedderPolicy: false,
    });
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['content-security-policy']).toContain("style-src 'self'");
    expect(h['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['cross-origin-embedder-policy']).toBeUndefined();
    expect(securityHeaders({ frameguard: false })['x-frame-options']).toBeUndefined();
  });

  it('are on every answer, errors included, and a route may still change them', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, {});
    app.get('/ok', async () => ({ ok: true }));
    app.get('/api/v1/data', async () => ({ ok: true }));
    app.get('/framed', async (_req, reply) => reply.removeHeader('x-frame-options').send('framed'));
    app.get('/fails', async () => {
      throw new Error('boom');
    });
    for (const url of ['/ok', '/fails', '/missing']) {
      const res = await app.inject(url);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy'], url).toContain("object-src 'none'");
    }
    for (const url of ['/api/v1/data', '/api/v1/missing']) {
      const res = await app.inject(url);
      for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(res.headers[name], `${url} ${name}`).toBe(value);
      // None of helmet's page-only headers on data.
      expect(res.headers['cross-origin-opener-policy'], url).toBeUndefined();
      expect(res.headers['x-dns-prefetch-control'], url).toBeUndefined();
    }
    const framed = await app.inject('/framed');
    expect(framed.headers['x-frame-options']).toBeUndefined();
    expect(framed.headers['x-content-type-options']).toBe('nosniff');
  });
});
