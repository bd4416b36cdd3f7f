import { describe, expect, it } from 'vitest';
import type { ChangesResponse, SharesResponse } from '@dash/domain';
import { loadBundledDataset, migrate, openStore } from '@dash/store';
import { TEST_DIALECTS } from '../../../packages/store/src/testing/dialects.js';
import { buildApp } from './app.js';
import { createToken } from './auth/tokens.js';
import { bundledDataset } from './testing/test-app.js';

// Several API instances behind a load balancer share one PostgreSQL database: writes through any
// of them queue on the database's write lock, and every instance reads what any other wrote.
// A real server only: PGlite is one in-process session, and two SQLite connections in one Node
// process block each other (better-sqlite3 waits synchronously). Without DATABASE_URL the test is
// reported as skipped, by name, rather than vanishing; CI always runs it against its PostgreSQL.
const postgres = TEST_DIALECTS.find((d) => d.name === 'postgres');
describe('two API instances on one PostgreSQL database', () => {
  it.skipIf(!postgres)(
    `write concurrently without errors and each sees the other’s writes${postgres ? '' : ' (skipped: needs DATABASE_URL=postgres://…)'}`,
    async () => {
      const dialect = postgres!;
      const { store, url, cleanup } = await dialect.open();
      const other = openStore(url);
      try {
        await migrate(store.db);
        // Both instances start at once: migrations and the bundled load run on both.
        await Promise.all([
          migrate(other.db),
          loadBundledDataset(store.db, bundledDataset()),
          loadBundledDataset(other.db, bundledDataset()),
        ]);
        const [a, b] = await Promise.all([buildApp({ store }), buildApp({ store: other })]);
        try {
          const { token } = await createToken(store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
          const headers = { authorization: `Bearer ${token}` };
          const figures = bundledDataset()
            .figures.filter((f) => f.marketId === 'china-ai-cloud')
            .slice(0, 4);
          const results = await Promise.all(
            figures.map((f, i) =>
              (i % 2 === 0 ? a : b).inject({
                method: 'PATCH',
                url: `/api/v1/shares/${f.id}`,
                headers,
                payload: { quote: `${f.quote} (checked ${i})` },
              }),
            ),
          );
          expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
          expect(results.map((r) => r.json().meta.changesetId).sort()).toEqual([2, 3, 4, 5]);
          for (const app of [a, b]) {
            const shares = (await app.inject('/api/v1/shares?market=china-ai-cloud')).json() as SharesResponse;
            for (const [i, f] of figures.entries())
              expect(shares.data.find((x) => x.id === f.id)!.quote).toBe(`${f.quote} (checked ${i})`);
            const changes = (await app.inject('/api/v1/changes?after=1')).json() as ChangesResponse;
            expect(changes.data.map((c) => c.changesetId)).toEqual([5, 4, 3, 2]);
          }
        } finally {
          await a.close();
          await b.close();
        }
      } finally {
        await other.close();
        await cleanup();
      }
    },
  );
});
