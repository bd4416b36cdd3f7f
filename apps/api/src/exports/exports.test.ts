import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPENNESS_RULE } from '@dash/domain';
import { importShareFigures } from '@dash/store';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

// Buffer decoding keeps a byte order mark as \uFEFF (TextDecoder would drop it).
const unzip = (payload: Buffer) =>
  Object.fromEntries(
    Object.entries(unzipSync(payload)).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]),
  );

describe('GET /api/v1/shares.zip', () => {
  it('holds the CSV as served, an Excel copy, metadata.json and a README, all named after the filter', async () => {
    const q = 'market=china-ai-cloud&from=2025H1';
    const [zipRes, csvRes] = await Promise.all([
      t.app.inject(`/api/v1/shares.zip?${q}`),
      t.app.inject(`/api/v1/shares.csv?${q}`),
    ]);
    expect(zipRes.statusCode).toBe(200);
    expect(zipRes.headers['content-type']).toBe('application/zip');
    expect(zipRes.headers['content-disposition']).toBe(
      `attachment; filename="market-shares_china-ai-cloud_2025H1-latest.zip"; filename*=UTF-8''market-shares_china-ai-cloud_2025H1-latest.zip`,
    );
    const files = unzip(zipRes.rawPayload);
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'market-shares_china-ai-cloud_2025H1-latest.csv',
      'market-shares_china-ai-cloud_2025H1-latest_excel.csv',
      'metadata.json',
    ]);
    expect(files['market-shares_china-ai-cloud_2025H1-latest.csv']).toBe(csvRes.body);
    expect(files['market-shares_china-ai-cloud_2025H1-latest_excel.csv']).toBe(`\uFEFF${csvRes.body}`);

    const meta = JSON.parse(files['metadata.json']!);
    expect(meta).toMatchObject({
      title: 'Market-share figures',
      rows: Number(csvRes.headers['x-row-count']),
      route: '/api/v1/shares.csv',
      filters: { market: 'china-ai-cloud', from: '2025H1' },
      datasetVersion: bundledDataset().version,
      latestChangesetId: 1,
      opennessRule: OPENNESS_RULE,
    });
    expect(Date.parse(meta.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(meta.columns.map((c: { name: string }) => c.name)).toEqual(csvRes.body.split('\r\n')[0]!.split(','));
    expect(meta.columns.find((c: { name: string }) => c.name === 'share_pct')).toEqual({
      name: 'share_pct',
      description: 'share in percent (0-100), exactly as published',
      unit: 'percent (0-100), exactly as published',
    });
    // One source per cited page, with how many rows cite it and how to cite it.
    const urls = new Set(
      csvRes.body
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.match(/,(https?:\/\/[^,]+),/)![1]),
    );
    expect(meta.sources.map((s: { url: string }) => s.url).sort()).toEqual([...urls].sort());
    const omdia = meta.sources.find(
      (s: { url: string }) => s.url === 'https://www.sentifin.ai/20250910090028-fcf0c47d',
    );
    expect(omdia).toMatchObject({ publisher: 'Omdia', publishedDate: '2025-09-10', quality: 'secondary', rows: 5 });
    expect(omdia.qualityLabel).toMatch(/^Secondary: aggregator/);
    expect(omdia.citation).toMatch(
      /^Omdia, "Omdia China AI Cloud Market, 1H25 \(SCMP coverage via Sentifin\)", 2025-09-10, https:\/\/www\.sentifin\.ai\/20250910090028-fcf0c47d\. Cited in the China cloud & AI market-share dashboard, dataset ds-\w+, retrieved \d{4}-\d{2}-\d{2} from http:\/\/localhost:80\.$/,
    );

    const readme = files['README.md']!;
    expect(readme).toMatch(/^# Market-share figures\n/);
    expect(readme).toContain('- `market`: china-ai-cloud\n- `from`: 2025H1\n');
    expect(readme).toContain(
      '| `share_pct` | percent (0-100), exactly as published | share in percent (0-100), exactly as published |',
    );
    expect(readme).toContain('## How to cite');
    expect(readme).toContain('https://www.sentifin.ai/20250910090028-fcf0c47d');
    expect(readme).toContain('## The openness rule');
  });

  it('answers a bad query exactly as the CSV route does', async () => {
    const [zip, csv] = await Promise.all([
      t.app.inject('/api/v1/shares.zip?market=china-clod'),
      t.app.inject('/api/v1/shares.csv?market=china-clod'),
    ]);
    expect(zip.statusCode).toBe(400);
    expect(zip.body).toBe(csv.body);
    expect(zip.json().error.fields[0].field).toBe('market');
    expect((await t.app.inject('/api/v1/shares.excel.csv?colour=red')).statusCode).toBe(400);
  });

  it('keeps formulas out of every file: spreadsheet cells escaped, README text cannot become markup', async () => {
    const ds = bundledDataset();
    const f = ds.figures.find((x) => x.marketId === 'china-ai-cloud' && x.period.label === '2025H1')!;
    const source = ds.sources.find((s) => s.id === f.sourceId)!;
    await importShareFigures(
      t.store.db,
      {
        figures: [{ ...f, quote: '=HYPERLINK("http://evil.example","click")' }],
        sources: [{ ...source, publisher: '@SUM(A1) [click](http://evil.example)' }],
        groups: [],
      },
      { mode: 'import', changeset: { kind: 'import', actor: 'test', description: 'evil.csv' } },
    );
    const files = unzip((await t.app.inject('/api/v1/shares.zip?market=china-ai-cloud')).rawPayload);
    const csv = files['market-shares_china-ai-cloud.csv']!;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain("'@SUM(A1) [click](http://evil.example)");
    expect(csv).not.toMatch(/(^|,)"?[=@]/m);
    expect(files['market-shares_china-ai-cloud_excel.csv']).toBe(`\uFEFF${csv}`);
    const readme = files['README.md']!;
    expect(readme).toContain('@SUM(A1) \\[click\\](http://evil.example)');
    expect(readme).not.toContain('[click](');
    const meta = JSON.parse(files['metadata.json']!);
    expect(meta.sources.map((s: { publisher: string }) => s.publisher)).toContain(
      '@SUM(A1) [click](http://evil.example)',
    );
  });
});

describe('every CSV view downloads as a ZIP and as an Excel-friendly CSV', () => {
  const VIEWS = [
    '/api/v1/shares.csv',
    '/api/v1/compare.csv?vendors=alibaba,bytedance',
    '/api/v1/openness.csv',
    '/api/v1/strategy-shares.csv?market=china-ai-cloud',
    '/api/v1/market-sizes.csv',
    '/api/v1/prices.csv?currency=USD',
    '/api/v1/price-history.csv?at=2024-05-31',
    '/api/v1/cost-estimate.csv?inputTokensPerRequest=10000&outputTokensPerRequest=2000&requestsPerMonth=1000',
  ];
  it.each(VIEWS)('%s', async (url) => {
    const csv = await t.app.inject(url);
    expect(csv.statusCode).toBe(200);
    const zip = await t.app.inject(url.replace('.csv', '.zip'));
    expect(zip.statusCode).toBe(200);
    const files = unzip(zip.rawPayload);
    const name = /filename\*=UTF-8''(.+)$/.exec(csv.headers['content-disposition'] as string)![1]!;
    expect(files[decodeURIComponent(name)]).toBe(csv.body);
    const meta = JSON.parse(files['metadata.json']!);
    expect(meta.rows).toBe(Number(csv.headers['x-row-count']));
    expect(meta.sources.length).toBeGreaterThan(0);
    for (const s of meta.sources) expect(s.url).toMatch(/^https?:\/\//);
    const excel = await t.app.inject(url.replace('.csv', '.excel.csv'));
    expect(excel.statusCode).toBe(200);
    expect(excel.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(excel.headers['content-disposition']).toContain(`${name.replace(/\.csv$/, '')}_excel.csv`);
    expect(excel.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(excel.body).toBe(`\uFEFF${csv.body}`);
  });
});
