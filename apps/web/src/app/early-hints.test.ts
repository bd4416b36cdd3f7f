import { describe, expect, it } from 'vitest';
import { costCsvUrl } from '../features/pricing/api/queries';
import { costQueryOf, DEFAULT_WORKLOAD, WORKLOAD_URL_KEYS } from '../features/pricing/workload';
import { DEFAULT_COST_ESTIMATE_URL, EARLY_HINTS } from './early-hints';

describe('early hints', () => {
  it('announce exactly the estimate the price calculator asks for first', () => {
    const asked = costCsvUrl(costQueryOf(DEFAULT_WORKLOAD, 'CNY', undefined, [])).replace('/cost-estimate.csv', '/cost-estimate');
    expect(DEFAULT_COST_ESTIMATE_URL).toBe(asked);
    // Any workload, currency, day, model choice or other view in the URL asks for something else.
    const hint = EARLY_HINTS['/prices']!.data.find((d) => d.url === DEFAULT_COST_ESTIMATE_URL)!;
    expect(new Set(hint.unlessQuery)).toEqual(new Set(['view', 'currency', 'at', 'models', ...Object.values(WORKLOAD_URL_KEYS)]));
  });
});
