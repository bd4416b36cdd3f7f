import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app.js';
import { isEmbedPath } from './web.js';

let t: TestApp;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'dash-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>dashboard</title>');
  t = await buildTestApp(undefined, { webDist: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });

describe('embed pages', () => {
  it('may be framed by any site: no X-Frame-Options, CSP frame-ancestors *, the rest of the CSP kept', async () => {
    for (const url of ['/embed?chart=shares&market=china-ai-cloud', '/embed/compare?chart=compare-revenue', '/embed/prices?view=history&chart=x']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>dashboard</title>');
      expect(res.headers['x-frame-options'], url).toBeUndefined();
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain('frame-ancestors *');
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
    }
  });

  it('every other page keeps the clickjacking protection', async () => {
    for (const url of ['/', '/compare', '/embedded', '/prices?chart=embed']) {
      const res = await page(url);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    }
  });

  it('recognises embed paths only', () => {
    expect(['/embed', '/embed/', '/embed?chart=a', '/embed/compare', '/embed#x'].every(isEmbedPath)).toBe(true);
    expect(['/embedded', '/compare', '/api/embed', '/'].some(isEmbedPath)).toBe(false);
  });
});

describe('pages', () => {
  it('are index.html with no Link preload headers: the HTML names its stylesheet, entry and imports itself', async () => {
    for (const url of ['/', '/compare', '/embed/compare?chart=compare-revenue']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers.link, url).toBeUndefined();
    }
  });
});

describe('pages for every client', () => {
  it('GET and HEAD of every page answer HTML whatever the Accept header says', async () => {
    for (const url of ['/', '/compare', '/openness', '/prices?view=history', '/embed/compare?chart=compare-revenue']) {
      for (const headers of [{}, { accept: '*/*' }, { accept: 'application/json' }]) {
        for (const method of ['GET', 'HEAD'] as const) {
          const res = await t.app.inject({ method, url, headers });
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(headers)}`).toBe(200);
          expect(res.headers['content-type'], url).toMatch(/^text\/html/);
          if (method === 'GET') expect(res.body).toContain('<title>dashboard</title>');
        }
      }
    }
  });

  it('a missing asset or API path is still a JSON 404, not the page', async () => {
    for (const url of ['/assets/missing-abc123.js', '/favicon.ico', '/api/v1/nope', '/api/nope']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
