import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app.js';
import { earlyHintsLink, isEmbedPath } from './web.js';

let t: TestApp;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'dash-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>dashboard</title>');
  writeFileSync(
    join(dist, 'preload.json'),
    JSON.stringify({
      '/': {
        modules: [],
        data: [
          { url: '/api/v1/markets' },
          { url: '/api/v1/shares?market={market}', market: 'first' },
          { url: '/api/v1/strategy-shares?market={market}&view=graded', market: 'model-family', unlessQuery: ['view'] },
        ],
      },
      '/compare': {
        modules: ['assets/compare-page-abc.js'],
        data: [{ url: '/api/v1/vendors' }, { url: '/api/v1/compare?vendors=alibaba%2Cbytedance', unlessQuery: ['vendors'] }],
      },
    }),
  );
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

describe('early hints', () => {
  it("announce a page's chunks and first API answers as Link preloads with its HTML, embedded or not", async () => {
    for (const url of ['/compare', '/compare/', '/embed/compare?chart=compare-revenue']) {
      const res = await page(url);
      expect(res.headers.link, url).toBe(
        '</assets/compare-page-abc.js>; rel=modulepreload, </api/v1/vendors>; rel=preload; as=fetch; crossorigin=anonymous, ' +
          '</api/v1/compare?vendors=alibaba%2Cbytedance>; rel=preload; as=fetch; crossorigin=anonymous',
      );
    }
  });

  it('leave out data the page will not ask for (another selection in the URL), and pages without hints', async () => {
    expect((await page('/compare?vendors=alibaba,tencent')).headers.link).toBe(
      '</assets/compare-page-abc.js>; rel=modulepreload, </api/v1/vendors>; rel=preload; as=fetch; crossorigin=anonymous',
    );
    expect((await page('/openness')).headers.link).toBeUndefined();
    expect(earlyHintsLink({}, '/')).toBeNull();
    // Stylesheets first, then scripts (the entry first), then data.
    expect(earlyHintsLink({ '/x': { styles: ['assets/a.css'], modules: ['assets/index.js', 'assets/x.js'], data: [{ url: '/api/v1/x' }] } }, '/x')).toBe(
      '</assets/a.css>; rel=preload; as=style; crossorigin=anonymous, </assets/index.js>; rel=modulepreload, </assets/x.js>; rel=modulepreload, ' +
        '</api/v1/x>; rel=preload; as=fetch; crossorigin=anonymous',
    );
    // Data only one view of a page asks for.
    const prices = { '/prices': { modules: [], data: [{ url: '/api/v1/price-history', onlyQuery: { view: 'history' } }] } };
    expect(earlyHintsLink(prices, '/prices?view=history')).toBe('</api/v1/price-history>; rel=preload; as=fetch; crossorigin=anonymous');
    expect(earlyHintsLink(prices, '/prices')).toBeNull();
    expect(earlyHintsLink(prices, '/prices?view=table')).toBeNull();
  });

  it("name the market the page shows first, read from the markets list as the page picks it", async () => {
    const markets = (await t.app.inject({ url: '/api/v1/markets' })).json<{ data: Array<{ id: string; subjectLevel: string }> }>().data;
    const first = markets[0]!.id;
    const family = (markets.find((m) => m.subjectLevel === 'model-family') ?? markets[0])!.id;
    const other = markets[markets.length - 1]!.id;
    const link = (market: string, familyMarket: string, view = true) =>
      [
        '</api/v1/markets>; rel=preload; as=fetch; crossorigin=anonymous',
        `</api/v1/shares?market=${market}>; rel=preload; as=fetch; crossorigin=anonymous`,
        ...(view ? [`</api/v1/strategy-shares?market=${familyMarket}&view=graded>; rel=preload; as=fetch; crossorigin=anonymous`] : []),
      ].join(', ');
    expect((await page('/')).headers.link).toBe(link(first, family));
    expect((await page(`/?market=${other}`)).headers.link).toBe(link(other, other));
    expect((await page(`/embed?market=${other}&chart=shares`)).headers.link).toBe(link(other, other));
    // A market the dataset does not have: the page falls back to the default, and so do the hints.
    expect((await page('/?market=no-such-market&view=binary')).headers.link).toBe(link(first, family, false));
    // Without the list (it could not be read), the market's URLs are left out.
    expect(earlyHintsLink({ '/': { modules: [], data: [{ url: '/api/v1/shares?market={market}', market: 'first' }] } }, '/')).toBeNull();
  });
});
