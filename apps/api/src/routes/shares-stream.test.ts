import { afterEach, describe, expect, it } from 'vitest';
import { importShareFigures } from '@dash/store';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

const ds = bundledDataset();
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;

let whole: TestApp;
let streaming: TestApp;
afterEach(async () => {
  await whole.close();
  await streaming.close();
});

const QUERIES = [
  '',
  '?market=china-cloud-infra',
  '?vendor=alibaba-cloud,volcano-engine',
  '?from=2024Q1&to=2025H2&publisher=canalys',
  '?asOf=2999-12-31',
  '?market=china-cloud-infra&asOf=2999-12-31T00:00:00Z&vendor=alibaba-cloud',
];

describe('GET /api/v1/shares.csv of more rows than fit in memory', () => {
  it('streams byte for byte the CSV it renders whole, with the row count of a current-state export', async () => {
    whole = await buildTestApp();
    // The same data, and an export of more than 10 rows streams.
    streaming = await buildTestApp(undefined, { csvStreamAfterRows: 10 });
    for (const app of [whole, streaming]) {
      const source = ds.sources.find((s) => s.id === target.sourceId)!;
      await importShareFigures(
        app.store.db,
        { figures: [{ ...target, sharePctText: '33.5', sharePct: 33.5, quote: '=33.5, "revised"' }], sources: [source], groups: [] },
        { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'fix' } },
      );
    }
    let streamed = 0;
    for (const q of QUERIES) {
      const url = `/api/v1/shares.csv${q}`;
      const a = await whole.app.inject(url);
      const b = await streaming.app.inject(url);
      expect(a.statusCode, url).toBe(200);
      expect(b.statusCode, url).toBe(200);
      expect(b.body, url).toBe(a.body);
      expect(b.headers['content-type'], url).toBe(a.headers['content-type']);
      expect(b.headers['content-disposition'], url).toBe(a.headers['content-disposition']);
      const rows = a.body.split('\r\n').length - 2;
      expect(a.headers['x-row-count'], url).toBe(String(rows));
      if (rows > 10) {
        streamed++;
        // Sent as it is read: no length known up front.
        expect(b.headers['content-length'], url).toBeUndefined();
        expect(b.headers['transfer-encoding'], url).toBe('chunked');
        // A current-state export is counted first; an as-of one is not known until it ends.
        expect(b.headers['x-row-count'], url).toBe(q.includes('asOf') ? undefined : String(rows));
      } else {
        expect(b.headers['x-row-count'], url).toBe(String(rows));
      }
    }
    expect(streamed).toBeGreaterThanOrEqual(4);
  });
});
