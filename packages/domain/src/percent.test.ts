import { describe, expect, it } from 'vitest';
import { formatPercent, parsePercent } from './percent.js';

describe('parsePercent', () => {
  it.each([
    ['35.8', 35.8, '35.8'],
    ['35.8%', 35.8, '35.8'],
    ['35.8 %', 35.8, '35.8'],
    [' 33 ', 33, '33'],
    ['0', 0, '0'],
    ['100', 100, '100'],
    ['6.1', 6.1, '6.1'],
    ['0.25', 0.25, '0.25'],
  ])('reads %j as %d with text %j', (raw, value, text) => {
    expect(parsePercent(raw)).toEqual({ value, text });
  });

  it('keeps the precision the publisher printed: "18.0" stays "18.0", not "18"', () => {
    expect(parsePercent('18.0')).toEqual({ value: 18, text: '18.0' });
    expect(parsePercent('39.0%')).toEqual({ value: 39, text: '39.0' });
  });

  it.each([
    '',
    '   ',
    '%',
    'abc',
    '101',
    '100.5',
    '1e2',
    '-3',
    '+3',
    '35,8',
    '1,000',
    '35.12345',
    '3/4',
    '35.8.1',
    'NaN',
  ])('rejects %j with a message instead of a number', (raw) => {
    const result = parsePercent(raw);
    expect(result).toHaveProperty('error');
    expect(result).not.toHaveProperty('value');
    expect((result as { error: string }).error).toMatch(/\S/);
  });

  it('says why a value above 100 is refused', () => {
    expect(parsePercent('101')).toEqual({ error: '101 is more than 100%' });
  });
});

describe('formatPercent', () => {
  it('shows the published text with a percent sign and no invented precision', () => {
    expect(formatPercent('33')).toBe('33%');
    expect(formatPercent('18.0')).toBe('18.0%');
  });
});
