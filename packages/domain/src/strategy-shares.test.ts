import { describe, expect, it } from 'vitest';
import type { Strategy } from './schemas/openness.js';
import { aggregateByStrategy, preferFigure } from './strategy-shares.js';
import { figure } from './testing/figures.js';

const strategies: Record<string, Strategy> = { 'alibaba-cloud:qwen': 'mixed', 'volcano-engine:doubao': 'closed', 'deepseek:deepseek': 'open' };
const strategyOf = (f: { subjectId: string }) => strategies[f.subjectId] ?? 'not-classified';

describe('aggregateByStrategy', () => {
  // Frost & Sullivan 2025H2: Qwen 32.1, Doubao 21.3, DeepSeek 18.4.
  const fs = [
    figure({ vendor: 'alibaba-cloud', family: 'Qwen', pct: '32.1', period: '2025H2' }),
    figure({ vendor: 'volcano-engine', family: 'Doubao', pct: '21.3', period: '2025H2' }),
    figure({ vendor: 'deepseek', family: 'DeepSeek', pct: '18.4', period: '2025H2' }),
  ];

  it('sums shares per graded strategy exactly and keeps an explicit remainder', () => {
    const out = aggregateByStrategy(fs, strategyOf);
    expect(out.bands.map((b) => [b.key, b.pctText, b.figures.length])).toEqual([
      ['open', '18.4', 1],
      ['mixed', '32.1', 1],
      ['closed', '21.3', 1],
    ]);
    expect(out.remainder).toEqual({ pctText: '28.2', pct: 28.2 });
    expect(out.usedPreferredSource).toBe(false);
  });

  it('puts open and mixed together in the binary view', () => {
    const out = aggregateByStrategy(fs, strategyOf, 'binary');
    expect(out.bands.map((b) => [b.key, b.pctText])).toEqual([
      ['open-weights', '50.5'],
      ['api-only', '21.3'],
    ]);
  });

  it('shows unclassified vendors as their own band, not folded into others', () => {
    const out = aggregateByStrategy([...fs, figure({ vendor: 'huawei-cloud', pct: '5', period: '2025H2' })], strategyOf);
    expect(out.bands.at(-1)).toMatchObject({ key: 'not-classified', pctText: '5' });
    expect(out.remainder?.pctText).toBe('23.2');
  });

  it('counts a subject once, using the preferred source where sources disagree, and says so', () => {
    const out = aggregateByStrategy(
      [
        figure({ vendor: 'deepseek', family: 'DeepSeek', pct: '18.4', period: '2025H2', quality: 'secondary', url: 'https://a.example/' }),
        figure({ vendor: 'deepseek', family: 'DeepSeek', pct: '17', period: '2025H2', quality: 'primary', url: 'https://b.example/' }),
      ],
      strategyOf,
    );
    expect(out.bands).toHaveLength(1);
    expect(out.bands[0]!.pctText).toBe('17');
    expect(out.usedPreferredSource).toBe(true);
  });
});

describe('preferFigure', () => {
  it('prefers better source quality, then the newer publication', () => {
    const a = figure({ vendor: 'x', pct: '1', period: '2025', quality: 'secondary', url: 'https://a.example/' });
    const b = figure({ vendor: 'x', pct: '2', period: '2025', quality: 'press', url: 'https://b.example/' });
    expect([a, b].sort(preferFigure)[0]).toBe(b);
    const newer = { ...a, source: { ...a.source, publishedDate: '2026-01' } };
    expect([a, newer].sort(preferFigure)[0]).toBe(newer);
  });
});
