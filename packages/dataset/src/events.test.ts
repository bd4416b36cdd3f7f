import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, loadDataset } from './index.js';

const ROWS = parse(readFileSync(join(DATA_DIR, 'events.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;

describe('bundled events', () => {
  const { events } = loadDataset();

  it('turns every one of the 79 rows of events.csv into an event, with no issues', () => {
    expect(ROWS).toHaveLength(79);
    expect(events.rowCount).toBe(79);
    expect(events.issues).toEqual([]);
    expect(events.events).toHaveLength(79);
  });

  it('keeps dates as precise as the source: 54 days, 11 months, 14 approximate', () => {
    const count = (p: string) => events.events.filter((e) => e.precision === p).length;
    expect([count('day'), count('month'), count('approx')]).toEqual([54, 11, 14]);
    const idc = events.events.find((e) => e.title.startsWith('IDC: Volcano Engine holds 46.4%'))!;
    expect(idc).toMatchObject({ date: '2025-03', precision: 'approx', startDate: '2025-03-01', endDate: '2025-03-31' });
  });

  it('resolves every vendor name to a company: the price war of May 2024 and the Qwen3 release', () => {
    const doubao = events.events.find((e) => e.date === '2024-05-15')!;
    expect(doubao).toMatchObject({ kind: 'pricing', companyIds: ['bytedance'], quality: 'secondary' });
    const qwen3 = events.events.find((e) => e.date === '2025-04-29' && /Qwen3/.test(e.title))!;
    expect(qwen3.companyIds).toEqual(['alibaba']);
    const ids = new Set(events.events.flatMap((e) => e.companyIds));
    expect([...ids].sort()).toEqual(['alibaba', 'baidu', 'bytedance', 'deepseek', 'huawei', 'minimax', 'moonshot', 'tencent', 'zhipu']);
    for (const e of events.events) expect(e.quote.length, e.title).toBeGreaterThan(0);
  });
});
