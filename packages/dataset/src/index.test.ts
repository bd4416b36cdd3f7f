import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShareFigure } from '@dash/domain';
import { SHARE_SOURCE_COLUMNS } from '@dash/domain/schemas';
import { DATA_DIR, loadDataset, parseShareCsv } from './index.js';

// The bundled CSV read independently of the loader, to check the loader against.
const CSV_TEXT = readFileSync(join(DATA_DIR, 'market-shares.csv'), 'utf8');
const CSV_ROWS = parse(CSV_TEXT, { columns: true, bom: true }) as Array<Record<string, string>>;

describe('loadDataset() on the bundled data', () => {
  const ds = loadDataset();
  const sourceOf = (f: ShareFigure) => ds.sources.find((s) => s.id === f.sourceId)!;
  const find = (marketId: string, period: string, subjectId: string, publisher?: string) =>
    ds.figures.filter(
      (f) =>
        f.marketId === marketId &&
        f.period.label === period &&
        f.subjectId === subjectId &&
        (publisher === undefined || sourceOf(f).publisher === publisher),
    );

  it('turns every one of the 112 CSV rows into a figure, with no issues', () => {
    expect(CSV_ROWS).toHaveLength(112);
    expect(ds.shareRowCount).toBe(112);
    expect(ds.figures).toHaveLength(112);
    expect(ds.issues).toEqual([]);
    expect(ds.figures.map((f) => f.datasetRow)).toEqual(CSV_ROWS.map((_, i) => i + 1));
  });

  it('keeps every published value and quote exactly as the CSV has them', () => {
    for (const f of ds.figures) {
      const raw = CSV_ROWS[f.datasetRow - 1]!;
      expect(f.sharePctText, `row ${f.datasetRow}`).toBe(raw.value_percent);
      expect(f.quote, `row ${f.datasetRow}`).toBe(raw.quote!.trim());
      expect(sourceOf(f).url, `row ${f.datasetRow}`).toBe(raw.url);
      expect(sourceOf(f).publisher, `row ${f.datasetRow}`).toBe(raw.publisher);
    }
  });

  it('gives every figure a source with an http(s) URL, a quote and a quality', () => {
    for (const f of ds.figures) {
      const s = sourceOf(f);
      expect(s, `row ${f.datasetRow}`).toBeDefined();
      expect(new URL(s.url).protocol, `row ${f.datasetRow}`).toMatch(/^https?:$/);
      expect(f.quote.trim().length, `row ${f.datasetRow}`).toBeGreaterThan(10);
      expect(['primary', 'press', 'community', 'secondary'], `row ${f.datasetRow}`).toContain(s.quality);
    }
    // Sources are shared by the figures read on the same page, never duplicated.
    expect(new Set(ds.sources.map((s) => s.id)).size).toBe(ds.sources.length);
    expect(new Set(ds.figures.map((f) => f.id)).size).toBe(112);
  });

  it('has the headline figures with their exact values (see the research notes)', () => {
    const one = (marketId: string, period: string, subjectId: string, publisher: string) => {
      const list = find(marketId, period, subjectId, publisher);
      expect(list, `${publisher} ${marketId} ${period} ${subjectId}`).toHaveLength(1);
      return list[0]!;
    };
    expect(one('china-ai-cloud', '2025H1', 'alibaba-cloud', 'Omdia').sharePctText).toBe('35.8');
    expect(one('china-ai-cloud', '2025H1', 'volcano-engine', 'Omdia').sharePctText).toBe('14.8');
    expect(one('china-llm-api-tokens', '2025H1', 'volcano-engine', 'IDC').sharePctText).toBe('49.2');
    expect(one('china-llm-api-tokens', '2025H1', 'alibaba-cloud', 'IDC').sharePctText).toBe('27');
    expect(one('china-cloud-infra', '2025Q1', 'alibaba-cloud', 'Canalys').sharePctText).toBe('33');
    expect(one('china-cloud-infra', '2025Q4', 'alibaba-cloud', 'Omdia').sharePctText).toBe('37');

    const qwen = one('china-enterprise-llm-usage', '2025H2', 'alibaba-cloud:qwen', 'Frost & Sullivan');
    expect(qwen).toMatchObject({
      sharePctText: '32.1',
      modelFamily: 'Qwen',
      vendorIds: ['alibaba-cloud'],
      subjectKind: 'vendor',
      subjectId: 'alibaba-cloud:qwen',
    });
    const doubao = one('china-enterprise-llm-usage', '2025H2', 'volcano-engine:doubao', 'Frost & Sullivan');
    expect(doubao).toMatchObject({ sharePctText: '21.3', modelFamily: 'Doubao', vendorIds: ['volcano-engine'] });
  });

  it('keeps the Canalys 2021Q3 Baidu disagreement (8.8 vs 8.2) as two figures from two sources', () => {
    const baidu = find('china-cloud-infra', '2021Q3', 'baidu-ai-cloud', 'Canalys');
    expect(baidu.map((f) => f.sharePctText).sort()).toEqual(['8.2', '8.8']);
    expect(new Set(baidu.map((f) => f.sourceId)).size).toBe(2);
  });

  it('keeps combined figures as vendor groups with their members in order', () => {
    const top3 = find('china-cloud-infra', '2025Q1', 'alibaba-cloud+huawei-cloud+tencent-cloud');
    expect(top3.map((f) => [f.subjectKind, f.sharePctText, f.vendorIds])).toEqual([
      ['group', '61', ['alibaba-cloud', 'huawei-cloud', 'tencent-cloud']],
    ]);
    const groupFigures = ds.figures.filter((f) => f.subjectKind === 'group');
    // Rows whose vendor cell names several vendors "(combined)" and nothing else.
    expect(groupFigures.length).toBe(CSV_ROWS.filter((r) => r.vendor!.includes(' + ')).length);
    expect(ds.groups.map((g) => g.id).sort()).toEqual([
      'alibaba-cloud+huawei-cloud+tencent-cloud',
      'aws+microsoft-azure+google-cloud',
    ]);
  });

  it('keeps "18.0"-style values as published', () => {
    expect(
      find('china-cloud-infra', '2019Q4', 'tencent-cloud', 'Canalys').map((f) => [f.sharePctText, f.sharePct]),
    ).toEqual([['18.0', 18]]);
    expect(find('global-public-iaas', '2023', 'aws', 'Gartner').map((f) => f.sharePctText)).toEqual(['39.0']);
    expect(find('global-public-iaas', '2023', 'microsoft-azure', 'Gartner').map((f) => f.sharePctText)).toEqual([
      '23.0',
    ]);
  });

  it('has a content version that identifies the data', () => {
    expect(ds.version).toMatch(/^ds-[0-9a-f]{12}$/);
    expect(loadDataset().version).toBe(ds.version);
  });
});

describe('parseShareCsv', () => {
  const header = SHARE_SOURCE_COLUMNS.join(',');
  const cells = SHARE_SOURCE_COLUMNS.map((c) => (c === 'quote' ? '"a, quoted ""sentence"""' : `${c}-value`));

  it('reads rows into records keyed by column, in any column order', () => {
    const reversed = [...SHARE_SOURCE_COLUMNS].reverse();
    const text = `${reversed.join(',')}\r\n${reversed.map((c) => (c === 'quote' ? '"x, ""y"""' : c.toUpperCase())).join(',')}\r\n`;
    const out = parseShareCsv(text);
    expect(out.issues).toEqual([]);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({ vendor: 'VENDOR', quote: 'x, "y"', source_quality: 'SOURCE_QUALITY' });
  });

  it('reports a missing column as a file-level issue naming it, and returns no rows', () => {
    const without = SHARE_SOURCE_COLUMNS.filter((c) => c !== 'quote');
    const out = parseShareCsv(`${without.join(',')}\n${without.map(() => 'x').join(',')}\n`);
    expect(out.rows).toEqual([]);
    expect(out.issues).toEqual([{ row: null, column: 'quote', message: 'missing column(s): quote' }]);
  });

  it('reports an unknown column as a file-level issue', () => {
    const out = parseShareCsv(`${header},colour\n${cells.join(',')},red\n`);
    expect(out.issues).toEqual([{ row: null, column: 'colour', message: 'unknown column(s): colour' }]);
  });

  it('reports a row with too few cells as an issue on that row and keeps the others', () => {
    const text = [header, cells.join(','), cells.slice(0, 5).join(','), cells.join(',')].join('\n');
    const out = parseShareCsv(text);
    expect(out.issues).toEqual([{ row: 2, column: null, message: 'has 5 cells, expected 15' }]);
    expect(out.rows).toHaveLength(3);
    expect(out.rows[0]!.quote).toBe('a, quoted "sentence"');
    expect(out.rows[2]!.quote).toBe('a, quoted "sentence"');
  });

  it('reports text that is not CSV instead of throwing', () => {
    const out = parseShareCsv(`${header}\n"unterminated,quote`);
    expect(out.rows).toEqual([]);
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]).toMatchObject({ row: null, column: null });
    expect(out.issues[0]!.message).toMatch(/^not valid CSV: /);
  });
});

describe('loadDataset() on a copy with a broken row', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('names the broken row and column and still loads every other row', () => {
    dir = mkdtempSync(join(tmpdir(), 'dash-dataset-'));
    cpSync(DATA_DIR, dir, { recursive: true });
    // Break the Omdia 2025H1 Volcano Engine row: a vendor name nobody knows.
    const brokenRow =
      CSV_ROWS.findIndex((r) => r.vendor === 'Volcano Engine' && r.period === '2025H1' && r.publisher === 'Omdia') + 1;
    expect(brokenRow).toBeGreaterThan(0);
    const lines = CSV_TEXT.split('\n');
    // No quoted field in the bundled CSV spans lines, so data row n is line n + 1 (after the header).
    expect(lines.length - 1).toBe(CSV_ROWS.length + (CSV_TEXT.endsWith('\n') ? 1 : 0));
    expect(lines[brokenRow]).toMatch(/^Volcano Engine,/);
    lines[brokenRow] = lines[brokenRow]!.replace(/^Volcano Engine,/, 'Volcano Engin,');
    writeFileSync(join(dir, 'market-shares.csv'), lines.join('\n'));

    const ds = loadDataset(dir);
    expect(ds.shareRowCount).toBe(112);
    expect(ds.issues).toEqual([
      {
        row: brokenRow,
        column: 'vendor',
        message: 'unknown vendor "Volcano Engin"; add it or an alias to the vendor list',
      },
    ]);
    expect(ds.figures).toHaveLength(111);
    expect(ds.figures.some((f) => f.datasetRow === brokenRow)).toBe(false);
    expect(
      ds.figures.filter((f) => f.marketId === 'china-ai-cloud' && f.period.label === '2025H1').map((f) => f.subjectId),
    ).toEqual(['alibaba-cloud', 'huawei-cloud', 'tencent-cloud', 'baidu-ai-cloud']);
    // Different content, different version.
    expect(ds.version).not.toBe(loadDataset().version);
  });

  it('throws, naming the vendor, when reference data is inconsistent (code, not data)', () => {
    dir = mkdtempSync(join(tmpdir(), 'dash-dataset-'));
    cpSync(DATA_DIR, dir, { recursive: true });
    const vendors = JSON.parse(readFileSync(join(dir, 'vendors.json'), 'utf8')) as {
      vendors: Array<{ id: string; parentId: string }>;
    };
    vendors.vendors[0]!.parentId = 'no-such-company';
    writeFileSync(join(dir, 'vendors.json'), JSON.stringify(vendors));
    expect(() => loadDataset(dir)).toThrow(
      `vendor ${vendors.vendors[0]!.id}: unknown parent company "no-such-company"`,
    );
  });
});

describe('loadDataset(): licensing and market totals', () => {
  const ds = loadDataset();
  it('grades all 24 licensing rows and loads all 71 market totals with no issues', () => {
    expect(ds.openness.rowCount).toBe(24);
    expect(ds.openness.releases).toHaveLength(24);
    expect(ds.openness.issues).toEqual([]);
    expect(ds.marketSizes.rowCount).toBe(71);
    expect(ds.marketSizes.sizes).toHaveLength(71);
    expect(ds.marketSizes.issues).toEqual([]);
  });
  it('grades the headline releases as the research notes describe them', () => {
    const grade = (name: string) => ds.openness.releases.find((r) => r.name.startsWith(name))!.grade;
    expect(grade('Qwen3 open-weight')).toBe('open-permissive');
    expect(grade('Qwen-Max')).toBe('api-only');
    expect(grade('Doubao API models')).toBe('api-only');
    expect(grade('Seed-OSS-36B')).toBe('open-permissive');
    expect(grade('Kimi K2')).toBe('open-restricted');
    expect(grade('Qwen3.5 small models')).toBe('open-unstated');
    expect(ds.openness.releases.find((r) => r.name.startsWith('Qwen overall'))!.kind).toBe('statement');
  });
  it('attaches every total of a share market to it, and none of the context markets', () => {
    const attached = ds.marketSizes.sizes.filter((s) => s.marketId !== null);
    expect(new Set(attached.map((s) => s.marketId))).toEqual(new Set(ds.markets.map((m) => m.id)));
    expect(ds.marketSizes.sizes.filter((s) => s.marketText.startsWith('China GenAI IaaS')).map((s) => s.marketId)).toEqual([null]);
  });
});
