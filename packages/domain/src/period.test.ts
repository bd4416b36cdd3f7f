import { describe, expect, it } from 'vitest';
import { comparePeriods, formatPeriod, parsePeriod } from './period.js';
import type { Period } from './schemas/period.js';

describe('parsePeriod', () => {
  // Every spelling analysts use for the same period must land on one canonical label and dates.
  it.each([
    ['2025Q1', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['Q1 2025', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['1Q25', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['1Q2025', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['2025 Q1', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['2025q1', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['  2025Q1  ', '2025Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['2025H1', '2025H1', 'half', '2025-01-01', '2025-06-30'],
    ['1H25', '2025H1', 'half', '2025-01-01', '2025-06-30'],
    ['H1 2025', '2025H1', 'half', '2025-01-01', '2025-06-30'],
    ['2025H2', '2025H2', 'half', '2025-07-01', '2025-12-31'],
    ['2H24', '2024H2', 'half', '2024-07-01', '2024-12-31'],
    ['2025', '2025', 'year', '2025-01-01', '2025-12-31'],
    ['FY2025', '2025', 'year', '2025-01-01', '2025-12-31'],
  ])('reads %j as %s (%s, %s to %s)', (raw, label, kind, startDate, endDate) => {
    expect(parsePeriod(raw)).toEqual({ label, kind, startDate, endDate });
  });

  // Quarter ends are 31 March, 30 June, 30 September, 31 December, in leap years too.
  it.each([
    ['2024Q1', '2024-01-01', '2024-03-31'],
    ['2024Q2', '2024-04-01', '2024-06-30'],
    ['2024Q3', '2024-07-01', '2024-09-30'],
    ['2024Q4', '2024-10-01', '2024-12-31'],
    ['2023Q1', '2023-01-01', '2023-03-31'],
  ])('gives %s the dates %s to %s', (raw, startDate, endDate) => {
    const p = parsePeriod(raw);
    expect(p?.startDate).toBe(startDate);
    expect(p?.endDate).toBe(endDate);
  });

  it.each([
    '',
    '   ',
    'abc',
    '2025Q5',
    '2025Q0',
    '2025H3',
    'Q5 2025',
    '5Q25',
    '3H25',
    '20251',
    '25',
    'FY25x',
    '2025-13',
    'Q1',
    '1989',
    '2101Q1',
  ])('returns null for %j instead of guessing', (raw) => {
    expect(parsePeriod(raw)).toBeNull();
  });
});

describe('formatPeriod', () => {
  it.each([
    ['2025Q1', '2025 Q1'],
    ['2025H2', '2025 H2'],
    ['2025', '2025'],
  ])('shows %s as %j', (label, shown) => {
    expect(formatPeriod(label)).toBe(shown);
  });
});

describe('comparePeriods', () => {
  const p = (label: string): Period => {
    const period = parsePeriod(label);
    if (!period) throw new Error(`test period ${label} does not parse`);
    return period;
  };

  it('orders by end date, and a shorter period before a longer one ending the same day', () => {
    const shuffled = ['2025', '2025H2', '2024', '2025Q4', '2025Q1', '2025H1', '2024Q4'].map(p);
    expect([...shuffled].sort(comparePeriods).map((x) => x.label)).toEqual([
      '2024Q4',
      '2024',
      '2025Q1',
      '2025H1',
      '2025Q4',
      '2025H2',
      '2025',
    ]);
  });

  it('treats the same period as equal and is antisymmetric', () => {
    expect(comparePeriods(p('2025Q1'), p('Q1 2025'))).toBe(0);
    expect(comparePeriods(p('2025Q1'), p('2025Q2'))).toBeLessThan(0);
    expect(comparePeriods(p('2025Q2'), p('2025Q1'))).toBeGreaterThan(0);
  });
});
