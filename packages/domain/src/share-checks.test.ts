import { describe, expect, it } from 'vitest';
import { parsePercent } from './percent.js';
import { parsePeriod } from './period.js';
import type { ShareFigure, Source } from './schemas/entities.js';
import { checkShareSums, summarizeSnapshot } from './share-checks.js';

let seq = 0;
/** A figure for one market-period; `subject` is a vendor id or member ids joined by "+". */
function fig(
  subject: string,
  pct: string,
  opts: { source?: string; modelFamily?: string; row?: number; period?: string } = {},
): ShareFigure {
  const vendorIds = subject.split('+');
  const parsed = parsePercent(pct);
  if ('error' in parsed) throw new Error(`bad test percent ${pct}`);
  seq += 1;
  return {
    id: `f-${seq.toString(16).padStart(8, '0')}`,
    marketId: 'china-cloud',
    subjectKind: vendorIds.length > 1 ? 'group' : 'vendor',
    subjectId: subject,
    subjectName: opts.modelFamily ? `${opts.modelFamily} (${subject})` : subject,
    vendorIds,
    modelFamily: opts.modelFamily ?? null,
    period: parsePeriod(opts.period ?? '2025Q1')!,
    sharePct: parsed.value,
    sharePctText: parsed.text,
    sourceId: opts.source ?? 's-00000001',
    quote: `${subject} ${pct}%`,
    datasetRow: opts.row ?? seq,
  };
}

describe('summarizeSnapshot', () => {
  it("keeps a model family's figure apart from its vendor's, and counts the business once", () => {
    const qwen = { ...fig('alibaba-cloud', '17.7', { modelFamily: 'Qwen' }), subjectId: 'alibaba-cloud:qwen' };
    const snap = summarizeSnapshot([fig('alibaba-cloud', '30'), qwen, fig('volcano-engine', '20')]);
    expect(snap.rows.map((r) => [r.subjectId, r.figures.length, r.countedInTotal])).toEqual([
      ['alibaba-cloud', 1, true],
      ['volcano-engine', 1, true],
      ['alibaba-cloud:qwen', 1, false],
    ]);
    expect(snap.remainder?.text).toBe('50');
  });

  it('derives the "others / not reported" remainder as exact decimal text', () => {
    // Omdia, China AI cloud 2025H1: 35.8 + 14.8 + 13.1 + 7 + 6.1 = 76.8, so 23.2 is not reported.
    const snap = summarizeSnapshot([
      fig('alibaba-cloud', '35.8'),
      fig('volcano-engine', '14.8'),
      fig('huawei-cloud', '13.1'),
      fig('tencent-cloud', '7'),
      fig('baidu-ai-cloud', '6.1'),
    ]);
    expect(snap.remainder).toEqual({ minPct: 23.2, maxPct: 23.2, text: '23.2' });
    expect(snap.totalMinPct).toBe(76.8);
    expect(snap.overfull).toBe(false);
    expect(snap.rows.map((r) => [r.subjectId, r.countedInTotal])).toEqual([
      ['alibaba-cloud', true],
      ['volcano-engine', true],
      ['huawei-cloud', true],
      ['tencent-cloud', true],
      ['baidu-ai-cloud', true],
    ]);
  });

  it('writes the remainder with the precision of its figures ("42.0" after "18.0")', () => {
    expect(summarizeSnapshot([fig('a', '40'), fig('b', '18.0')]).remainder?.text).toBe('42.0');
    expect(summarizeSnapshot([fig('a', '40'), fig('b', '18')]).remainder?.text).toBe('42');
  });

  it('does not count a group whose members all have their own figures (no double counting)', () => {
    // Canalys 2025Q1: Alibaba 33, Huawei 18, Tencent 10, and "the three together 61%".
    const snap = summarizeSnapshot([
      fig('alibaba-cloud', '33'),
      fig('huawei-cloud', '18'),
      fig('tencent-cloud', '10'),
      fig('alibaba-cloud+huawei-cloud+tencent-cloud', '61', { source: 's-00000002' }),
    ]);
    expect(snap.remainder).toEqual({ minPct: 39, maxPct: 39, text: '39' });
    expect(snap.overfull).toBe(false);
    const group = snap.rows.find((r) => r.subjectKind === 'group')!;
    expect(group.countedInTotal).toBe(false);
    expect(group.vendorIds).toEqual(['alibaba-cloud', 'huawei-cloud', 'tencent-cloud']);
    expect(group.figures.map((f) => f.sharePctText)).toEqual(['61']);
  });

  it('counts a group, not its member, when the group covers members without their own figure', () => {
    const snap = summarizeSnapshot([fig('alibaba-cloud', '33'), fig('alibaba-cloud+huawei-cloud+tencent-cloud', '61')]);
    expect(snap.remainder?.text).toBe('39');
    expect(snap.rows.map((r) => [r.subjectId, r.countedInTotal])).toEqual([
      ['alibaba-cloud+huawei-cloud+tencent-cloud', true],
      ['alibaba-cloud', false],
    ]);
  });

  it('uses a group figure on its own (Canalys 2024Q1: top three 72%)', () => {
    const snap = summarizeSnapshot([fig('alibaba-cloud+huawei-cloud+tencent-cloud', '72')]);
    expect(snap.remainder?.text).toBe('28');
    expect(snap.rows[0]!.countedInTotal).toBe(true);
  });

  it('shows two disagreeing sources as a range, for the vendor and for the remainder', () => {
    // Canalys 2021Q3: Baidu 8.8 (The Register) vs 8.2 (another page); the others agree.
    const snap = summarizeSnapshot([
      fig('alibaba-cloud', '38.3'),
      fig('huawei-cloud', '17'),
      fig('tencent-cloud', '16.6'),
      fig('baidu-ai-cloud', '8.8', { source: 's-00000001' }),
      fig('baidu-ai-cloud', '8.2', { source: 's-00000002' }),
    ]);
    const baidu = snap.rows.find((r) => r.subjectId === 'baidu-ai-cloud')!;
    expect(baidu.figures.map((f) => f.sharePctText)).toEqual(['8.8', '8.2']);
    expect([baidu.minPct, baidu.maxPct]).toEqual([8.2, 8.8]);
    // 100 − (38.3 + 17 + 16.6 + 8.8) = 19.3; 100 − (… + 8.2) = 19.9.
    expect(snap.remainder).toEqual({ minPct: 19.3, maxPct: 19.9, text: '19.3–19.9' });
    expect(snap.rows).toHaveLength(4);
  });

  it('marks a set above 100% as overfull and gives no remainder', () => {
    const snap = summarizeSnapshot([fig('a', '60'), fig('b', '45.5')]);
    expect(snap.overfull).toBe(true);
    expect(snap.totalMinPct).toBe(105.5);
    expect(snap.remainder).toBeNull();
  });

  it('gives no remainder when the figures sum to exactly 100, and none for an empty set', () => {
    expect(summarizeSnapshot([fig('a', '60.5'), fig('b', '39.5')]).remainder).toBeNull();
    expect(summarizeSnapshot([])).toEqual({ rows: [], remainder: null, totalMinPct: 0, overfull: false });
  });
});

describe('checkShareSums', () => {
  const source = (id: string, publisher: string): Source => ({
    id,
    publisher,
    title: `${publisher} report`,
    url: `https://example.com/${id}`,
    publishedDate: null,
    quality: 'press',
  });
  const sources = [source('s-00000001', 'Canalys'), source('s-00000002', 'Omdia')];

  it('flags a market-period set from one publisher above 100%, naming all its rows', () => {
    const issues = checkShareSums(
      [
        fig('alibaba-cloud', '55', { row: 7 }),
        fig('huawei-cloud', '30', { row: 5 }),
        fig('tencent-cloud', '20', { row: 9 }),
        fig('baidu-ai-cloud', '8', { row: 11, period: '2025Q2' }),
      ],
      sources,
    );
    expect(issues).toEqual([
      {
        row: 5,
        column: 'value_percent',
        message: "Canalys's figures for china-cloud 2025Q1 sum to 105%, more than 100% (rows 5, 7, 9)",
      },
    ]);
  });

  it('does not add figures of different publishers together', () => {
    const issues = checkShareSums(
      [fig('alibaba-cloud', '60', { source: 's-00000001' }), fig('huawei-cloud', '50', { source: 's-00000002' })],
      sources,
    );
    expect(issues).toEqual([]);
  });

  it('accepts a set whose disagreeing figures only exceed 100% at their highest', () => {
    const issues = checkShareSums(
      [fig('alibaba-cloud', '60'), fig('huawei-cloud', '39'), fig('huawei-cloud', '41', { source: 's-00000003' })],
      [...sources, { ...sources[0]!, id: 's-00000003' }],
    );
    expect(issues).toEqual([]);
  });
});
