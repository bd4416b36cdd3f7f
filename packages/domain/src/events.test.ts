import { describe, expect, it } from 'vitest';
import { eventDateRange, formatEventDate, type RawEventRow } from './events.js';
import { normalizeEvents } from './normalize/events.js';
import type { Company, Vendor } from './schemas/entities.js';
import { EventQuerySchema } from './schemas/events.js';

const companies: Company[] = [
  { id: 'alibaba', name: 'Alibaba Group', country: 'CN', color: '#E69F00' },
  { id: 'bytedance', name: 'ByteDance', country: 'CN', color: '#0072B2' },
  { id: 'deepseek', name: 'DeepSeek (High-Flyer)', country: 'CN', color: '#8F8F8F' },
  { id: 'moonshot', name: 'Moonshot AI', country: 'CN', color: '#7F7F7F' },
];
const vendors: Vendor[] = [
  { id: 'alibaba-cloud', name: 'Alibaba Cloud', parentId: 'alibaba', parentName: 'Alibaba Group', country: 'CN', aliases: ['Aliyun', 'Alibaba'], color: '#E69F00' },
  { id: 'volcano-engine', name: 'Volcano Engine', parentId: 'bytedance', parentName: 'ByteDance', country: 'CN', aliases: ['Volcengine'], color: '#0072B2' },
  { id: 'moonshot-ai', name: 'Moonshot AI', parentId: 'moonshot', parentName: 'Moonshot AI', country: 'CN', aliases: ['Moonshot'], color: '#7F7F7F' },
];
const row = (p: RawEventRow): RawEventRow => ({
  date: '2024-05-15',
  date_precision: 'day',
  kind: 'pricing',
  vendors: 'ByteDance',
  title: 'ByteDance launches Doubao models at 0.0008 CNY per 1K input tokens',
  detail: '',
  url: 'https://example.org/doubao',
  quote: '豆包通用模型Pro 32k模型,正式定价是0.8厘/千tokens',
  source_quality: 'secondary',
  ...p,
});

describe('normalizeEvents', () => {
  it('keeps an exact day as a day, resolves vendors to companies and gives a stable id', () => {
    const { events, issues } = normalizeEvents([row({ vendors: 'ByteDance; Alibaba; DeepSeek' })], { companies, vendors });
    expect(issues).toEqual([]);
    expect(events[0]).toMatchObject({
      date: '2024-05-15',
      precision: 'day',
      startDate: '2024-05-15',
      endDate: '2024-05-15',
      vendorNames: ['ByteDance', 'Alibaba', 'DeepSeek'],
      companyIds: ['bytedance', 'alibaba', 'deepseek'],
      datasetRow: 1,
    });
    expect(events[0]!.id).toMatch(/^e-[0-9a-f]{16}$/);
    expect(normalizeEvents([row({})], { companies, vendors }).events[0]!.id).toBe(normalizeEvents([row({})], { companies, vendors }).events[0]!.id);
  });

  it('keeps a month as the whole month and an approximate date as approximate, never as an exact day', () => {
    const { events, issues } = normalizeEvents(
      [row({ date: '2024-09', date_precision: 'month' }), row({ date: '2025-02', date_precision: 'approx', title: 'b' }), row({ date: '2025-07-11', date_precision: 'approx', vendors: 'Moonshot', title: 'c' })],
      { companies, vendors },
    );
    expect(issues).toEqual([]);
    expect(events.map((e) => [e.precision, e.startDate, e.endDate])).toEqual([
      ['month', '2024-09-01', '2024-09-30'],
      ['approx', '2025-02-01', '2025-02-28'],
      ['approx', '2025-07-11', '2025-07-11'],
    ]);
    expect(events[2]!.companyIds).toEqual(['moonshot']);
    expect(events.map(formatEventDate)).toEqual(['Sep 2024', 'c. Feb 2025', 'c. 11 Jul 2025']);
  });

  it('reports every bad row with its row, column and reason, never throws, and keeps the good rows', () => {
    const { events, issues } = normalizeEvents(
      [
        row({ date: '2024-02-30' }),
        row({ date: '2024-05', date_precision: 'day' }),
        row({ date_precision: 'week' }),
        row({ kind: 'merger' }),
        row({ vendors: 'Acme Cloud; ByteDance' }),
        row({ url: 'ftp://x' }),
        row({ quote: ' ' }),
        row({ source_quality: 'rumour' }),
        row({ title: 'fine' }),
        row({ title: 'fine' }),
        {},
      ],
      { companies, vendors },
    );
    expect(events.map((e) => e.datasetRow)).toEqual([9]);
    const at = (r: number) => issues.filter((i) => i.row === r).map((i) => `${i.column}: ${i.message}`);
    expect(at(1)).toEqual(['date: "2024-02-30" is not a date like 2024-05-15 or 2024-05']);
    expect(at(2)).toEqual(['date_precision: is day but the date "2024-05" names a month']);
    expect(at(3)).toEqual(['date_precision: "week" is not one of day, month, approx']);
    expect(at(4)).toEqual(['kind: "merger" is not one of pricing, release, licensing, leadership, strategy, report, other']);
    expect(at(5)[0]).toMatch(/^vendors: unknown vendor "Acme Cloud"; known: Alibaba Group, ByteDance/);
    expect(at(6)).toEqual(['url: "ftp://x" is not an http(s) URL']);
    expect(at(7)).toEqual(['quote: is empty: every event needs the sentence it was read from']);
    expect(at(8)).toEqual(['source_quality: "rumour" is not one of primary, press, community, secondary']);
    expect(at(10)).toEqual(['title: duplicates row 9 (same date, title and URL)']);
    expect(at(11).length).toBeGreaterThan(3);
  });
});

describe('eventDateRange and EventQuerySchema', () => {
  it('knows month lengths', () => {
    expect(eventDateRange('2024-02')).toEqual({ startDate: '2024-02-01', endDate: '2024-02-29', day: false });
    expect(eventDateRange('2025-13')).toBeNull();
  });
  it('parses lists, rejects unknown kinds, bad days and unknown parameters', () => {
    expect(EventQuerySchema.parse({ vendor: 'alibaba,bytedance', kind: ['pricing', 'release'] })).toEqual({
      vendor: ['alibaba', 'bytedance'],
      kind: ['pricing', 'release'],
    });
    expect(EventQuerySchema.safeParse({ kind: 'merger' }).success).toBe(false);
    expect(EventQuerySchema.safeParse({ from: '2024-5-1' }).success).toBe(false);
    expect(EventQuerySchema.safeParse({ from: '2025-01-01', to: '2024-01-01' }).success).toBe(false);
    expect(EventQuerySchema.safeParse({ vendors: 'alibaba' }).success).toBe(false);
  });
});
