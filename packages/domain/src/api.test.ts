import { describe, expect, it } from 'vitest';
import { ShareQuerySchema } from './schemas/api.js';

const issuesOf = (query: Record<string, unknown>) => {
  const result = ShareQuerySchema.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('ShareQuerySchema', () => {
  it('accepts vendors comma-separated, repeated or both, trimmed and without duplicates', () => {
    expect(ShareQuerySchema.parse({ vendor: ['alibaba-cloud, volcano-engine', 'alibaba-cloud', ''] })).toEqual({
      vendor: ['alibaba-cloud', 'volcano-engine'],
    });
  });

  it('accepts a single value given once as a one-element array (repeated-parameter form)', () => {
    expect(ShareQuerySchema.parse({ market: ['china-ai-cloud'], from: '2024Q1', to: '2025H2' })).toEqual({
      market: 'china-ai-cloud',
      from: '2024Q1',
      to: '2025H2',
    });
  });

  it.each([
    [{ market: ['a', 'b'] }, 'market'],
    [{ from: '2025Q5' }, 'from'],
    [{ to: '25Q1' }, 'to'],
    [{ from: '2025', to: '2024' }, 'from'],
    [{ from: '2025H2', to: '2025Q1' }, 'from'],
    [{ vendor: 'Alibaba Cloud' }, 'vendor.0'],
    [{ publisher: '   ' }, 'publisher'],
  ])('rejects %j naming the field %s', (query, field) => {
    expect(issuesOf(query).map((i) => i.path)).toContain(field);
  });

  it('rejects an unknown parameter', () => {
    const result = ShareQuerySchema.safeParse({ market: 'china-ai-cloud', colour: 'red' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('colour');
  });

  it('allows from and to naming the same period, or overlapping periods', () => {
    expect(issuesOf({ from: '2025H1', to: '2025H1' })).toEqual([]);
    expect(issuesOf({ from: '2025', to: '2025Q1' })).toEqual([]);
  });

  it('rejects, never throws on, a well-formed label outside the years a period can have', () => {
    expect(() => ShareQuerySchema.safeParse({ from: '1000Q1', to: '2025' })).not.toThrow();
    expect(issuesOf({ from: '1000Q1', to: '2025' }).map((i) => i.path)).toContain('from');
    expect(issuesOf({ to: '9999' }).map((i) => i.path)).toContain('to');
  });
});
