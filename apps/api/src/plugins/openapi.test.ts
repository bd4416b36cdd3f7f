import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app.js';

// Over real HTTP, as a browser gets it (compression, ETag and security headers included).
let t: TestApp;
let origin: string;
beforeAll(async () => {
  t = await buildTestApp();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t.close();
});

describe('the API docs page', () => {
  it.each(['/api/docs', '/api/docs/'])(
    '%s fits a phone, names the product and links back to the dashboard',
    async (path) => {
      const res = await fetch(`${origin}${path}`, { headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toMatch(/<title>API reference · China cloud and AI-model market dashboard<\/title>/);
      expect(html).toMatch(/<a href="\/">← Back to the China cloud and AI-model market dashboard<\/a>/);
      // Still under the dashboard's CSP: no inline script or style, Swagger UI's <style> by its hash.
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toMatch(/style-src 'self' 'sha256-[^']+'(;|$)/);
      expect(csp).toContain("script-src 'self'");
    },
  );

  it('loads every file it names, and the OpenAPI document, from this server', async () => {
    const html = await (await fetch(`${origin}/api/docs`)).text();
    const files = [...html.matchAll(/(?:href|src)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files).toHaveLength(8);
    for (const file of [...files, '/api/docs/json']) {
      const res = await fetch(`${origin}${file}`);
      await res.arrayBuffer();
      expect(res.status, file).toBe(200);
    }
  });
});
