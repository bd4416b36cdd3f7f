import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureRevisionsResponse } from '@dash/domain';
import { loadBundledDataset, migrate, openStore, type Store } from '@dash/store';
import { withOldIds } from '../../../../packages/store/src/testing/old-ids.js';
import { buildApp, type App } from '../app.js';
import { createToken } from '../auth/tokens.js';
import { bundledDataset } from '../testing/test-app.js';

const ds = bundledDataset();
const old = withOldIds(ds);
const i = ds.figures.findIndex((f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud');
const [oldId, newId] = [old.figures[i]!.id, ds.figures[i]!.id];

let dir: string;
let store: Store;
let app: App;
beforeAll(async () => {
  // A database written before ids were widened, then upgraded, as a server start upgrades it.
  dir = mkdtempSync(join(tmpdir(), 'dash-old-ids-'));
  store = openStore(join(dir, 'api.sqlite'));
  await migrate(store.db, { upTo: '0007-revisions-market-period' });
  await loadBundledDataset(store.db, old);
  await migrate(store.db);
  app = await buildApp({ store });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('links to a figure id from before ids were widened (8 hex digits)', () => {
  it('redirect its history (308) to the figure as it is now known', async () => {
    const res = await app.inject(`/api/v1/shares/${oldId}/revisions`);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`/api/v1/shares/${newId}/revisions`);
    const moved = await app.inject(res.headers.location!);
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as FigureRevisionsResponse).data.map((r) => r.figure.id)).toEqual([newId]);
    expect((await app.inject('/api/v1/shares.csv')).body).toContain(`\r\n${newId},`);
    // An 8-digit id that never existed is still a 404.
    expect((await app.inject('/api/v1/shares/f-00000000/revisions')).statusCode).toBe(404);
  });

  it('redirect a revision (308: the same method and body) to the new id', async () => {
    const { token } = await createToken(store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
    const patch = (id: string) =>
      app.inject({ method: 'PATCH', url: `/api/v1/shares/${id}`, headers: { authorization: `Bearer ${token}` }, payload: { quote: 'moved' } });
    const res = await patch(oldId);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`/api/v1/shares/${newId}`);
    expect((await patch(newId)).statusCode).toBe(200);
    expect((await patch('f-00000000')).statusCode).toBe(404);
  });
});
