import { describe, expect, it } from 'vitest';
import { parseSearch, searchValidator, stringifySearch } from './search';

describe('search params', () => {
  const validate = searchValidator({ market: 'text', vendors: 'list', tab: ['table'] } as const);

  it('keep the plain URL form: text values, comma-separated lists, nothing empty', () => {
    expect(parseSearch('?market=a&vendors=x%2Cy&market=b')).toEqual({ market: 'a', vendors: 'x,y' });
    expect(stringifySearch({ market: 'a', vendors: ['x', 'y'], tab: undefined, from: null, to: '', none: [] })).toBe(
      '?market=a&vendors=x%2Cy',
    );
    expect(stringifySearch({})).toBe('');
  });

  it('are read as each route declares them, other parameters kept in URL order', () => {
    expect(validate({ chart: 'shares', vendors: 'x,,y', market: 'a', tab: 'chart' })).toEqual({
      chart: 'shares',
      vendors: ['x', 'y'],
      market: 'a',
    });
    expect(Object.keys(validate({ tab: 'table', chart: 'c', market: 'm' }))).toEqual(['tab', 'chart', 'market']);
    // A list already read (a navigation's new state) reads the same.
    expect(validate({ vendors: ['x', ''] })).toEqual({ vendors: ['x'] });
    expect(validate({ vendors: '', market: '' })).toEqual({});
  });

  it('round-trip: what is written is read back as written', () => {
    const search = { market: 'china-ai-cloud', vendors: ['alibaba', 'bytedance'], tab: 'table' };
    expect(validate(parseSearch(stringifySearch(search)))).toEqual(search);
  });
});
