import { describe, expect, it } from 'vitest';
import { parseEffectiveDate } from './effective-date.js';

describe('parseEffectiveDate: every wording of the bundled pricing data', () => {
  it.each([
    ['2024-05-21', 'day', '2024-05-21', null, false],
    ['2024-05-21 (made free)', 'day', '2024-05-21', null, false],
    ['2024-05-23 (snapshot)', 'snapshot', '2024-05-23', null, true],
    ['as of 2025-11-25 (per source)', 'snapshot', '2025-11-25', null, true],
    ['before 2024-05-21 (pre-cut)', 'before', null, '2024-05-21', true],
    ['as of late 2024 (page lists qwen-max = qwen-max-2024-09-19)', 'season', '2024-10-01', null, true],
    ['as of late 2024 (official model list)', 'season', '2024-10-01', null, true],
    ['Dec 2024 (Force conference)', 'month', '2024-12-01', null, true],
    ['~2025-01 (forum post quoting pricing page)', 'month', '2025-01-01', null, true],
    ['as of May 2026 (per source)', 'month', '2026-05-01', null, true],
    ['~2026-05 (per source)', 'month', '2026-05-01', null, true],
    ['undated scrape (2025-09 or later)', 'on-or-after', '2025-09-01', null, true],
    ['undated scrape (2025 or later)', 'on-or-after', '2025-01-01', null, true],
    ['undated (official BytePlus docs)', 'undated', null, null, true],
    ['third-party listing (undated)', 'undated', null, null, true],
    ['undated official pricing page', 'undated', null, null, true],
  ])('%j → %s from %s to %s (approximate: %s)', (text, kind, from, to, approximate) => {
    const e = parseEffectiveDate(text);
    expect(e).toMatchObject({ text, kind, from, to, approximate });
    if (!('error' in e) && approximate) expect(e.note).toMatch(/\S/);
  });

  it('keeps the original text and says why a date is approximate', () => {
    expect(parseEffectiveDate('as of late 2024 (official model list)')).toMatchObject({
      note: 'the source says "late 2024"; placed at the start of its last quarter (2024-10-01)',
    });
    expect(parseEffectiveDate('2024-05-23 (snapshot)')).toMatchObject({
      note: 'seen in force on 2024-05-23; it may have started earlier',
    });
  });

  it.each([
    ['', /is empty/],
    ['2024-02-30', /not a calendar date/],
    ['soon', /no date this parser understands/],
    ['~2025-13', /no such month/],
  ])('rejects %j', (text, message) => {
    const e = parseEffectiveDate(text);
    expect(e).toHaveProperty('error');
    expect((e as { error: string }).error).toMatch(message);
  });
});
