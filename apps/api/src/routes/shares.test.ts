import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { figureIdFor, sourceIdFor, type SharesResponse } from '@dash/domain';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

// The export's columns, written out here rather than taken from SHARE_CSV_COLUMNS, so a renamed,
// dropped or reordered column fails this test.
const CSV_HEADER = [
  'figure_id',
  'market_id',
  'market',
  'region',
  'metric_basis',
  'metric',
  'period',
  'period_start',
  'period_end',
  'subject_kind',
  'subject_id',
  'subject',
  'vendor_ids',
  'parent_company',
  'model_family',
  'share_pct',
  'publisher',
  'source_title',
  'source_url',
  'published_date',
  'source_quality',
  'quote',
].join(',');

// IDC via 财中社: a quote with commas, parentheses and Chinese text.
const IDC_QUOTE =
  '其中字节跳动旗下火山引擎以49.2%的市场份额位居第一,阿里巴巴(09988.HK)旗下阿里云以27%的份额位列第二,百度(09888.HK)智能云占17%排第三';

const parseCsv = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe('GET /api/v1/shares', () => {
  beforeEach(async () => {
    t = await buildTestApp();
  });

  it('returns exactly the China AI cloud figures, oldest period first, each with its source', async () => {
    const res = await t.app.inject('/api/v1/shares?market=china-ai-cloud');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json() as SharesResponse;
    expect(body.meta).toEqual({ count: 6, datasetVersion: bundledDataset().version });
    // Omdia's 2025H1 table (35.8/14.8/13.1/7/6.1) and the full-year 2025 Alibaba figure (38.1).
    expect(body.data.map((f) => [f.period.label, f.subjectId, f.sharePctText, f.source.publisher])).toEqual([
      ['2025H1', 'alibaba-cloud', '35.8', 'Omdia'],
      ['2025H1', 'baidu-ai-cloud', '6.1', 'Omdia'],
      ['2025H1', 'huawei-cloud', '13.1', 'Omdia'],
      ['2025H1', 'tencent-cloud', '7', 'Omdia'],
      ['2025H1', 'volcano-engine', '14.8', 'Omdia'],
      ['2025', 'alibaba-cloud', '38.1', 'Omdia'],
    ]);
    for (const f of body.data) {
      // Ids are derived from content, so the same figure has the same id in every database and export.
      expect(f.source.id).toBe(sourceIdFor(f.source.url, f.source.title));
      expect(f.id).toBe(
        figureIdFor({ marketId: f.marketId, subjectId: f.subjectId, period: f.period.label, sourceId: f.source.id }),
      );
      expect(f.sourceId).toBe(f.source.id);
      expect(f.sharePct).toBe(Number(f.sharePctText));
      expect(f.source.url).toMatch(/^https:\/\//);
      expect(f.quote).toContain(`${f.sharePctText}%`);
    }
    expect(body.data[0]!.source).toEqual({
      id: body.data[0]!.sourceId,
      publisher: 'Omdia',
      title: 'Omdia China AI Cloud Market, 1H25 (SCMP coverage via Sentifin)',
      url: 'https://www.sentifin.ai/20250910090028-fcf0c47d',
      publishedDate: '2025-09-10',
      quality: 'secondary',
    });
  });

  it('returns all 112 figures without filters', async () => {
    const body = (await t.app.inject('/api/v1/shares')).json() as SharesResponse;
    expect(body.meta.count).toBe(112);
    expect(body.data).toHaveLength(112);
  });

  it('accepts vendors comma-separated or repeated, and includes combined figures of a selected member', async () => {
    const a = (
      await t.app.inject('/api/v1/shares?market=china-cloud-infra&vendor=tencent-cloud,huawei-cloud')
    ).json() as SharesResponse;
    const b = (
      await t.app.inject('/api/v1/shares?market=china-cloud-infra&vendor=tencent-cloud&vendor=huawei-cloud')
    ).json() as SharesResponse;
    expect(b.data).toEqual(a.data);
    expect(a.data.every((f) => f.vendorIds.includes('tencent-cloud') || f.vendorIds.includes('huawei-cloud'))).toBe(
      true,
    );
    const group = a.data.find((f) => f.period.label === '2025Q1' && f.subjectKind === 'group');
    expect(group).toMatchObject({ sharePctText: '61', vendorIds: ['alibaba-cloud', 'huawei-cloud', 'tencent-cloud'] });
  });

  it('filters by period range and publisher (any letter case)', async () => {
    const body = (await t.app.inject('/api/v1/shares?from=2025Q1&to=2025H1&publisher=omdia')).json() as SharesResponse;
    expect(body.data.map((f) => `${f.marketId} ${f.period.label} ${f.subjectId}`)).toEqual([
      'china-ai-cloud 2025H1 alibaba-cloud',
      'china-ai-cloud 2025H1 baidu-ai-cloud',
      'china-ai-cloud 2025H1 huawei-cloud',
      'china-ai-cloud 2025H1 tencent-cloud',
      'china-ai-cloud 2025H1 volcano-engine',
    ]);
  });

  it('returns an empty list, not an error, for a valid query without figures', async () => {
    const res = await t.app.inject('/api/v1/shares?market=china-ai-cloud&from=2019&to=2019');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: [], meta: { count: 0, datasetVersion: bundledDataset().version } });
  });
});

describe.each(['/api/v1/shares', '/api/v1/shares.csv'])('bad queries to %s', (route) => {
  beforeEach(async () => {
    t = await buildTestApp();
  });

  it.each([
    ['market=china-clod', 'market', /^unknown market "china-clod"; known: china-cloud-infra, china-ai-cloud, /],
    ['vendor=alibaba-cloud,alibaba-clod', 'vendor', /^unknown vendor "alibaba-clod"; known: .*alibaba-cloud/],
    ['vendor=Alibaba%20Cloud', 'vendor.0', /kebab-case/],
    ['from=2025Q5', 'from', /expected a period like 2025Q1, 2025H1 or 2025/],
    ['to=Q1-2025', 'to', /expected a period like 2025Q1, 2025H1 or 2025/],
    ['from=1000Q1', 'from', /expected a year from 1990 to 2100/],
    ['from=2025H2&to=2025Q1', 'from', /^must not be after to$/],
    ['market=china-ai-cloud&colour=red', 'colour', /^is not a known parameter$/],
    ['market=china-ai-cloud&market=china-cloud-infra', 'market', /must be given once, got 2 values/],
    ['publisher=Canalys%20Research', 'publisher', /^unknown publisher "Canalys Research"; known: Canalys, /],
  ])('?%s is a 400 naming the field %s', async (query, field, message) => {
    const res = await t.app.inject(`${route}?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const { error } = res.json() as {
      error: { code: string; message: string; fields: Array<{ field: string; message: string }> };
    };
    expect(error.code).toBe('invalid_request');
    expect(error.fields.map((f) => f.field)).toContain(field);
    expect(error.fields.find((f) => f.field === field)!.message).toMatch(message);
    // The human-readable message starts with the field, so it makes sense on its own.
    expect(error.message).toContain(field);
  });
});

describe('GET /api/v1/shares.csv', () => {
  beforeEach(async () => {
    t = await buildTestApp();
  });

  it('sends CSV as a named download with the exact header line and CRLF line ends', async () => {
    const res = await t.app.inject('/api/v1/shares.csv?market=china-ai-cloud');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="market-shares_china-ai-cloud.csv"; filename*=UTF-8''market-shares_china-ai-cloud.csv`,
    );
    expect(res.body.split('\r\n')[0]).toBe(CSV_HEADER);
    expect(res.body.endsWith('\r\n')).toBe(true);
    // Every line break is CRLF (no quote in the data holds a line break of its own).
    expect(res.body).not.toMatch(/(?<!\r)\n/);
    expect(res.body.split('\r\n')).toHaveLength(1 + 6 + 1);
  });

  it('names the download after the filters', async () => {
    const res = await t.app.inject(
      '/api/v1/shares.csv?vendor=alibaba-cloud,volcano-engine&from=2024Q1&to=2025H2&publisher=Frost%20%26%20Sullivan',
    );
    expect(res.headers['content-disposition']).toContain(
      'filename="market-shares_all-markets_alibaba-cloud+volcano-engine_2024Q1-2025H2_frost-sullivan.csv"',
    );
  });

  it.each([
    '',
    '?market=china-cloud-infra',
    '?vendor=aws',
    '?from=2025&publisher=idc',
    '?market=china-ai-cloud&from=2019&to=2019',
  ])('has one row per figure of the JSON answer to the same query (%s)', async (query) => {
    const json = (await t.app.inject(`/api/v1/shares${query}`)).json() as SharesResponse;
    const res = await t.app.inject(`/api/v1/shares.csv${query}`);
    const rows = parseCsv(res.body);
    expect(rows).toHaveLength(json.meta.count);
    expect(res.headers['x-row-count']).toBe(String(json.meta.count));
    expect(rows.map((r) => r.figure_id)).toEqual(json.data.map((f) => f.id));
    expect(rows.map((r) => r.share_pct)).toEqual(json.data.map((f) => f.sharePctText));
  });

  it('puts the source in every row and round-trips quotes with commas and Chinese text exactly', async () => {
    const res = await t.app.inject('/api/v1/shares.csv');
    const rows = parseCsv(res.body);
    expect(rows).toHaveLength(112);
    for (const r of rows) {
      expect(r.source_url, r.figure_id).toMatch(/^https?:\/\/\S+$/);
      expect(r.publisher, r.figure_id).toMatch(/\S/);
      expect(['primary', 'press', 'community', 'secondary'], r.figure_id).toContain(r.source_quality);
      expect(r.quote, r.figure_id).toMatch(/\S/);
    }
    const idc = rows.filter((r) => r.publisher === 'IDC' && r.period === '2025H1');
    expect(idc.map((r) => [r.subject_id, r.share_pct])).toEqual([
      ['alibaba-cloud', '27'],
      ['baidu-ai-cloud', '17'],
      ['volcano-engine', '49.2'],
    ]);
    for (const r of idc) expect(r.quote).toBe(IDC_QUOTE);
    // Written as one quoted field, so the commas inside it do not split the row.
    expect(res.body).toContain(`,"${IDC_QUOTE}"\r\n`);
  });

  it('writes published precision, groups and model families as the JSON has them', async () => {
    const rows = parseCsv((await t.app.inject('/api/v1/shares.csv')).body);
    const tencent2019q4 = rows.find((r) => r.subject_id === 'tencent-cloud' && r.period === '2019Q4')!;
    expect(tencent2019q4.share_pct).toBe('18.0');
    const group = rows.find((r) => r.subject_kind === 'group' && r.period === '2025Q1')!;
    expect(group).toMatchObject({
      subject_id: 'alibaba-cloud+huawei-cloud+tencent-cloud',
      vendor_ids: 'alibaba-cloud;huawei-cloud;tencent-cloud',
      parent_company: 'Alibaba Group / Huawei / Tencent',
      share_pct: '61',
      model_family: '',
    });
    const qwen = rows.find(
      (r) => r.market_id === 'china-enterprise-llm-usage' && r.period === '2025H2' && r.subject_id === 'alibaba-cloud:qwen',
    )!;
    expect(qwen).toMatchObject({
      model_family: 'Qwen',
      share_pct: '32.1',
      parent_company: 'Alibaba Group',
      metric_basis: 'usage',
    });
  });

  it("is read identically by Python's csv module", async () => {
    const res = await t.app.inject('/api/v1/shares.csv');
    const script = [
      'import csv, io, json, sys',
      "rows = list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))",
      'header, body = rows[0], rows[1:]',
      "q = header.index('quote')",
      "idc = [r[q] for r in body if r[header.index('publisher')] == 'IDC' and r[header.index('period')] == '2025H1']",
      "print(json.dumps({'header': header, 'rows': len(body), 'widths': sorted({len(r) for r in body}), 'idc': idc}))",
    ].join('\n');
    const py = spawnSync('python3', ['-c', script], { input: res.rawPayload, encoding: 'utf8' });
    expect(py.error).toBeUndefined();
    expect(py.stderr).toBe('');
    expect(py.status).toBe(0);
    const out = JSON.parse(py.stdout) as { header: string[]; rows: number; widths: number[]; idc: string[] };
    expect(out.header.join(',')).toBe(CSV_HEADER);
    expect(out.rows).toBe(112);
    expect(out.widths).toEqual([CSV_HEADER.split(',').length]);
    expect(out.idc).toEqual([IDC_QUOTE, IDC_QUOTE, IDC_QUOTE]);
  });
});

describe('CSV formula injection', () => {
  const EVIL = '=HYPERLINK("https://evil.example/steal","see source")';

  beforeEach(async () => {
    // A dataset whose Omdia 2025H1 Alibaba figure has a quote a spreadsheet would run as a formula.
    const ds = bundledDataset();
    const target = ds.figures.find(
      (f) => f.marketId === 'china-ai-cloud' && f.period.label === '2025H1' && f.subjectId === 'alibaba-cloud',
    )!;
    t = await buildTestApp({ ...ds, figures: ds.figures.map((f) => (f === target ? { ...f, quote: EVIL } : f)) });
  });

  it('prefixes the cell with a single quote in the CSV and leaves the JSON as published', async () => {
    const rows = parseCsv((await t.app.inject('/api/v1/shares.csv?market=china-ai-cloud')).body);
    const cell = rows.find((r) => r.subject_id === 'alibaba-cloud' && r.period === '2025H1')!.quote;
    expect(cell).toBe(`'${EVIL}`);
    // Only that cell: the other quotes start with text and stay as they are.
    expect(rows.filter((r) => (r.quote ?? '').startsWith("'"))).toHaveLength(1);
    const json = (await t.app.inject('/api/v1/shares?market=china-ai-cloud')).json() as SharesResponse;
    expect(json.data.find((f) => f.subjectId === 'alibaba-cloud' && f.period.label === '2025H1')!.quote).toBe(EVIL);
  });
});
