import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharesResponse } from '@dash/domain';
import { importShareFigures, latestChangeset } from '@dash/store';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const ds = bundledDataset();
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const at = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

/** Revises the target to 33.5 one hour after the bundled load; returns the load's time. */
async function reviseTarget() {
  const loadedAt = (await latestChangeset(t.store.db))!.recordedAt;
  const source = ds.sources.find((s) => s.id === target.sourceId)!;
  await importShareFigures(
    t.store.db,
    { figures: [{ ...target, sharePctText: '33.5', sharePct: 33.5 }], sources: [source], groups: [] },
    {
      mode: 'import',
      changeset: { kind: 'import', actor: 'analyst', description: 'fix.csv' },
      now: new Date(at(loadedAt, 1)),
    },
  );
  return loadedAt;
}

describe('GET /api/v1/shares?asOf=', () => {
  it('answers with the figures as they stood then; without asOf, as they stand now', async () => {
    const loadedAt = await reviseTarget();
    const q = '/api/v1/shares?market=china-cloud-infra&vendor=alibaba-cloud&from=2025Q1&to=2025Q1';
    const now = (await t.app.inject(q)).json() as SharesResponse;
    const then = (await t.app.inject(`${q}&asOf=${encodeURIComponent(at(loadedAt, 0.5))}`)).json() as SharesResponse;
    expect(now.data.find((f) => f.id === target.id)?.sharePctText).toBe('33.5');
    expect(then.data.find((f) => f.id === target.id)?.sharePctText).toBe('33');
    // Same shape either way.
    expect(Object.keys(then)).toEqual(['data', 'meta']);
    expect(then.meta.count).toBe(then.data.length);
    const before = (await t.app.inject(`${q}&asOf=2000-01-01`)).json() as SharesResponse;
    expect(before.data).toEqual([]);
  });

  it('the CSV twin takes asOf too', async () => {
    const loadedAt = await reviseTarget();
    const res = await t.app.inject(
      `/api/v1/shares.csv?market=china-cloud-infra&asOf=${encodeURIComponent(at(loadedAt, 0.5))}`,
    );
    expect(res.statusCode).toBe(200);
    const line = res.body.split('\r\n').find((l) => l.startsWith(`${target.id},`))!;
    expect(line).toContain(',33,Canalys,');
  });

  it('rejects an asOf that is not a date with a 400 naming the field', async () => {
    for (const bad of ['yesterday', '2025-02-30', '2025-06-30T12:00:00']) {
      const res = await t.app.inject(`/api/v1/shares?asOf=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields).toEqual([
        {
          field: 'asOf',
          message: 'expected an ISO date (2025-06-30) or a date-time with a zone (2025-06-30T12:00:00Z)',
        },
      ]);
    }
  });
});
