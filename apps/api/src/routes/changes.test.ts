import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangesResponse } from '@dash/domain';
import { importShareFigures } from '@dash/store';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

const ds = bundledDataset();
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const source = ds.sources.find((s) => s.id === target.sourceId)!;

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await importShareFigures(
    t.store.db,
    {
      figures: [{ ...target, sharePctText: '33.5', sharePct: 33.5, quote: 'Alibaba <b>33.5%</b> & more' }],
      sources: [source],
      groups: [],
    },
    { mode: 'import', changeset: { kind: 'import', actor: 'Jane <Analyst>', description: 'import of fix.csv' } },
  );
});
afterEach(async () => {
  await t.close();
});

describe('GET /api/v1/changes', () => {
  it('lists changes newest first, each with who, when, what changed and the value it replaced', async () => {
    const res = await t.app.inject('/api/v1/changes?limit=3');
    expect(res.statusCode).toBe(200);
    const body = res.json() as ChangesResponse;
    expect(body.meta).toEqual({ count: 3, latestChangesetId: 2, truncated: true });
    const [first, second] = body.data;
    expect(first).toMatchObject({
      changesetId: 2,
      kind: 'import',
      actor: 'Jane <Analyst>',
      description: 'import of fix.csv',
      change: 'revised',
      figureId: target.id,
      revision: 2,
      changedFields: ['share_pct', 'quote'],
      figure: { sharePctText: '33.5', source: { url: source.url } },
      previous: { sharePctText: '33', quote: target.quote },
    });
    expect(second).toMatchObject({
      changesetId: 1,
      kind: 'bundled',
      actor: `bundled dataset ${ds.version}`,
      change: 'added',
      previous: null,
    });
  });

  it('filters by change set (for polling), time and market', async () => {
    const after = (await t.app.inject('/api/v1/changes?after=1')).json() as ChangesResponse;
    expect(after.data.map((c) => c.figureId)).toEqual([target.id]);
    expect(((await t.app.inject('/api/v1/changes?after=2')).json() as ChangesResponse).data).toEqual([]);
    const all = (await t.app.inject('/api/v1/changes?since=2000-01-01&limit=1000')).json() as ChangesResponse;
    expect(all.meta).toMatchObject({ count: 113, truncated: false });
    expect(((await t.app.inject('/api/v1/changes?since=2999-01-01')).json() as ChangesResponse).data).toEqual([]);
    const market = (await t.app.inject('/api/v1/changes?market=china-ai-cloud&limit=1000')).json() as ChangesResponse;
    expect(market.data.length).toBe(ds.figures.filter((f) => f.marketId === 'china-ai-cloud').length);
    expect(new Set(market.data.map((c) => c.figure.marketId))).toEqual(new Set(['china-ai-cloud']));
  });

  it('rejects bad parameters with a 400 naming the field', async () => {
    for (const [q, field] of [
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['after=abc', 'after'],
      ['since=yesterday', 'since'],
      ['market=china-clod', 'market'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await t.app.inject(`/api/v1/changes?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(
        res.json().error.fields.map((f: { field: string }) => f.field),
        q,
      ).toEqual([field]);
    }
  });
});

describe('GET /api/v1/changes.atom', () => {
  it('is an Atom feed of the same changes, text escaped, each entry linking to its figure history', async () => {
    const res = await t.app.inject({ url: '/api/v1/changes.atom?after=1', headers: { host: 'dash.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml.match(/<entry>/g)).toHaveLength(1);
    expect(xml).toContain(
      '<title type="html"><![CDATA[Revised: Alibaba Cloud, china-cloud-infra 2025Q1 (Canalys): 33% → 33.5% [share_pct, quote]]]></title>',
    );
    expect(xml).toContain(`<id>http://dash.example/api/v1/shares/${target.id}/revisions#2</id>`);
    expect(xml).toContain(`<link href="http://dash.example/api/v1/shares/${target.id}/revisions"/>`);
    expect(xml).toContain('<name>Jane &lt;Analyst&gt;</name>');
    // Titles and summaries are HTML to feed readers: the data's text is escaped so it stays text.
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&quot;Alibaba &lt;b&gt;33.5%&lt;/b&gt; &amp; more&quot;');
    // Everything outside CDATA is escaped: no raw & or < from the data.
    const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(outsideCdata).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  });
});
