import { describe, expect, it } from 'vitest';
import { dec, formatDecimal, parseDecimal, perMillionTokens } from './decimal.js';

describe('perMillionTokens: the source unit normalized to 1M tokens', () => {
  it('turns 0.0008 CNY per 1K into exactly 0.8 per 1M (ByteDance, May 2024)', () => {
    expect(perMillionTokens('0.0008', 1000)).toBe('0.8');
  });

  it('is exact where binary floats drift (qwen-flash cached input, 0.00003 CNY per 1K)', () => {
    expect(0.00003 * 1000).not.toBe(0.03); // 0.030000000000000002 in IEEE doubles
    expect(perMillionTokens('0.00003', 1000)).toBe('0.03');
    expect(perMillionTokens('0.00024', 1000)).toBe('0.24');
  });

  it.each([
    ['0.0005', 1000, '0.5'],
    ['0.02', 1000, '20'],
    ['0.00003', 1000, '0.03'],
    ['0.00015', 1000, '0.15'],
    ['0.0025', 1000, '2.5'],
    ['2.00', 1_000_000, '2'],
    ['0.075', 1_000_000, '0.075'],
    ['0', 1_000_000, '0'],
  ])('%s per %i tokens is %s per 1M', (price, unit, expected) => {
    expect(perMillionTokens(price, unit)).toBe(expected);
  });
});

describe('parseDecimal', () => {
  it('accepts plain decimals and canonicalizes them', () => {
    expect(parseDecimal(' 0.0008 ')).toEqual({ value: '0.0008' });
    expect(parseDecimal('6.0')).toEqual({ value: '6' });
  });
  it.each(['', '-1', '1e-3', '1,000', '¥0.8', '.5', 'free'])('rejects %j with a message', (raw) => {
    expect(parseDecimal(raw)).toHaveProperty('error');
  });
});

describe('dec and formatDecimal', () => {
  it('adds and multiplies exactly, divides to 6 decimals half-even', () => {
    expect(dec.add('0.1', '0.2')).toBe('0.3');
    expect(dec.mul('10000000', '0.8', '0.000001')).toBe('8');
    expect(dec.div('0.8', '7.1020')).toBe('0.112644');
    expect(dec.div('1', '8')).toBe('0.125');
    expect(dec.div('0.0000125', '1', 5)).toBe('0.00001'); // half to even: ...12|5 → ...12
  });
  it('groups thousands and keeps every decimal', () => {
    expect(formatDecimal('1234567.891')).toBe('1,234,567.891');
    expect(formatDecimal('12', 2)).toBe('12.00');
    expect(formatDecimal('0.112644', 2)).toBe('0.112644');
  });
});
