import { describe, expect, it } from 'vitest';
import { type CompareEntity, compareMarkets, groupByBasis, resolveEntities, summarizeComparison } from './compare.js';
import { figure } from './testing/figures.js';

const vendors = [
  { id: 'alibaba-cloud', name: 'Alibaba Cloud', parentId: 'alibaba', color: '#E69F00' },
  { id: 'volcano-engine', name: 'Volcano Engine', parentId: 'bytedance', color: '#0072B2' },
  { id: 'huawei-cloud', name: 'Huawei Cloud', parentId: 'huawei', color: '#D55E00' },
  { id: 'deepseek', name: 'DeepSeek', parentId: 'deepseek', color: '#999999' },
];
const companies = [
  { id: 'alibaba', name: 'Alibaba Group', color: '#E69F00' },
  { id: 'bytedance', name: 'ByteDance', color: '#0072B2' },
  { id: 'huawei', name: 'Huawei', color: '#D55E00' },
  { id: 'deepseek', name: 'DeepSeek (High-Flyer)', color: '#999999' },
];
const market = (id: string, shortName: string, metricBasis: 'revenue' | 'token-volume' | 'usage') => ({
  id,
  name: id,
  shortName,
  metricBasis,
  metric: `${metricBasis} share`,
  scope: `${id} scope`,
  region: 'China' as const,
});
const markets = [
  market('china-cloud-infra', 'China cloud infrastructure revenue', 'revenue'),
  market('china-ai-cloud', 'AI-cloud revenue', 'revenue'),
  market('china-llm-api-tokens', 'model API token volume', 'token-volume'),
  market('china-enterprise-llm-usage', 'enterprise model usage', 'usage'),
];
const data = [
  figure({ market: 'china-ai-cloud', vendor: 'alibaba-cloud', name: 'Alibaba Cloud', pct: '35.8', period: '2025H1' }),
  figure({ market: 'china-ai-cloud', vendor: 'volcano-engine', name: 'Volcano Engine', pct: '14.8', period: '2025H1' }),
  figure({ market: 'china-ai-cloud', vendor: 'alibaba-cloud', name: 'Alibaba Cloud', pct: '38.1', period: '2025', quality: 'secondary' }),
  figure({ market: 'china-llm-api-tokens', vendor: 'volcano-engine', name: 'Volcano Engine', pct: '49.2', period: '2025H1', publisher: 'IDC' }),
  figure({ market: 'china-llm-api-tokens', vendor: 'alibaba-cloud', name: 'Alibaba Cloud', pct: '27', period: '2025H1', publisher: 'IDC' }),
  figure({ market: 'china-llm-api-tokens', vendor: 'volcano-engine', name: 'Volcano Engine', pct: '46.4', period: '2024', publisher: 'IDC' }),
  figure({ market: 'china-enterprise-llm-usage', vendor: 'alibaba-cloud', family: 'Qwen', pct: '32.1', period: '2025H2', publisher: 'Frost & Sullivan' }),
  figure({ market: 'china-enterprise-llm-usage', vendor: 'volcano-engine', family: 'Doubao', pct: '21.3', period: '2025H2', publisher: 'Frost & Sullivan' }),
  figure({ market: 'china-cloud-infra', vendor: 'alibaba-cloud', name: 'Alibaba Cloud', pct: '37', period: '2025Q4' }),
  figure({ market: 'china-cloud-infra', group: ['alibaba-cloud', 'huawei-cloud'], vendor: 'x', name: 'Alibaba Cloud + Huawei Cloud', pct: '54', period: '2025Q4' }),
];

describe('resolveEntities', () => {
  it('reads a company id as all its vendors and anything else as one vendor', () => {
    const { entities, unknown } = resolveEntities(['alibaba', 'volcano-engine', 'deepseek', 'nope'], vendors, companies);
    expect(entities.map((e) => [e.id, e.kind, e.vendorIds])).toEqual([
      ['alibaba', 'company', ['alibaba-cloud']],
      ['volcano-engine', 'vendor', ['volcano-engine']],
      ['deepseek', 'company', ['deepseek']],
    ]);
    expect(unknown).toEqual(['nope']);
  });
});

describe('compareMarkets', () => {
  const { entities } = resolveEntities(['alibaba', 'bytedance'], vendors, companies);
  const result = compareMarkets(data, entities, markets);

  it('pairs the two in the latest period both have figures for, market by market', () => {
    expect(result.map((c) => [c.market.id, c.status, c.period.label, c.leaderId])).toEqual([
      ['china-cloud-infra', 'single', '2025Q4', null],
      ['china-ai-cloud', 'compared', '2025H1', 'alibaba'],
      ['china-llm-api-tokens', 'compared', '2025H1', 'bytedance'],
      ['china-enterprise-llm-usage', 'compared', '2025H2', 'alibaba'],
    ]);
  });

  it('says who leads on what, by how much, according to whom', () => {
    expect(result.map((c) => c.sentence)).toEqual([
      'Only Alibaba Cloud has a figure on China cloud infrastructure revenue: 37% (Omdia, 2025 Q4)',
      'Alibaba Cloud leads on AI-cloud revenue, 35.8% to 14.8% for Volcano Engine (Omdia, 2025 H1)',
      'Volcano Engine leads on model API token volume, 49.2% to 27% for Alibaba Cloud (IDC, 2025 H1)',
      'Qwen leads on enterprise model usage, 32.1% to 21.3% for Doubao (Frost & Sullivan, 2025 H2)',
    ]);
  });

  it("never counts a combined group's figure as one of its members' shares", () => {
    const infra = result.find((c) => c.market.id === 'china-cloud-infra')!;
    expect(infra.entries.flatMap((e) => e.figures.map((f) => f.sharePctText))).toEqual(['37']);
  });

  it('keeps every figure of each entity for trends', () => {
    const tokens = result.find((c) => c.market.id === 'china-llm-api-tokens')!;
    expect(tokens.series.find((s) => s.entityId === 'bytedance')!.figures.map((f) => f.period.label).sort()).toEqual(['2024', '2025H1']);
  });

  it('shows disagreeing sources as a range and calls overlapping ranges level', () => {
    const close = [
      figure({ market: 'china-ai-cloud', vendor: 'alibaba-cloud', name: 'Alibaba Cloud', pct: '20', period: '2025H1', url: 'https://a.example/' }),
      figure({ market: 'china-ai-cloud', vendor: 'alibaba-cloud', name: 'Alibaba Cloud', pct: '22', period: '2025H1', url: 'https://b.example/', publisher: 'IDC' }),
      figure({ market: 'china-ai-cloud', vendor: 'volcano-engine', name: 'Volcano Engine', pct: '21', period: '2025H1' }),
    ];
    const [c] = compareMarkets(close, entities, markets);
    expect(c!.entries.find((e) => e.entityId === 'alibaba')).toMatchObject({ text: '20–22', publishers: ['IDC', 'Omdia'] });
    expect(c!.leaderId).toBeNull();
    expect(c!.sentence).toBe('Alibaba Cloud (20–22%) and Volcano Engine (21%) are level on AI-cloud revenue (IDC and Omdia, 2025 H1)');
  });

  it('names a third entity that has no figure in the compared period', () => {
    const three: CompareEntity[] = [...entities, ...resolveEntities(['huawei'], vendors, companies).entities];
    const ai = compareMarkets(data, three, markets).find((c) => c.market.id === 'china-ai-cloud')!;
    expect(ai.missing).toEqual(['huawei']);
    expect(ai.sentence).toMatch(/; no figure for Huawei$/);
  });
});

describe('summarizeComparison and groupByBasis', () => {
  const { entities } = resolveEntities(['alibaba', 'bytedance'], vendors, companies);
  const result = compareMarkets(data, entities, markets);
  it('joins the compared markets and warns when they measure different things', () => {
    const text = summarizeComparison(result);
    expect(text.startsWith('Alibaba Cloud leads on AI-cloud revenue, 35.8% to 14.8%')).toBe(true);
    expect(text).toContain('; Volcano Engine leads on model API token volume, 49.2% to 27%');
    expect(text).not.toContain('Only Alibaba Cloud');
    expect(text.endsWith('These shares measure different things (revenue, API token volume, model usage): compare within a measure, not across.')).toBe(true);
  });
  it('groups by metric basis in a fixed order', () => {
    expect(groupByBasis(result).map((g) => [g.basis, g.comparisons.length])).toEqual([
      ['revenue', 2],
      ['token-volume', 1],
      ['usage', 1],
    ]);
  });
});
