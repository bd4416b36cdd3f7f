import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureRevisionsResponse } from '@dash/domain';
import { findIdAlias, migrate, openStore, type Store } from '@dash/store';
import { OLD_DATABASE, writeOldDatabase } from '../../../../packages/store/src/testing/old-database.js';
import { buildApp, type App } from '../app.js';
import { createToken } from '../auth/tokens.js';

// A figure with a history in a database written before ids were widened (8 hex digits).
const oldId = Object.keys(OLD_DATABASE.answers.history)[0]!;
let newId: string;
let dir: string;
let store: Store;
let app: App;
beforeAll(async () => {
  // That database, then upgraded, as a server start upgrades it.
  dir = mkdtempSync(join(tmpdir(), 'dash-old-ids-'));
  store = openStore(join(dir, 'api.sqlite'));
  await writeOldDatabase(store);
  await migrate(store.db);
  newId = (await findIdAlias(store.db, oldId))!;
  app = await buildApp({ store });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('links to a figure id from before ids were widened (8 hex digits)', () => {
  it('redirect its history (308) to the figure as it is now known', async () => {
    expect(oldId).toMatch(/^f-[0-9a-f]{8}$/);
    expect(newId).toMatch(/^f-[0-9a-f]{16}$/);
    const res = await app.inject(`/api/v1/shares/${oldId}/revisions`);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`/api/v1/shares/${newId}/revisions`);
    const moved = await app.inject(res.headers.location!);
    expect(moved.statusCode).toBe(200);
    const revisions = (moved.json() as FigureRevisionsResponse).data;
    expect(revisions.length).toBe((OLD_DATABASE.answers.history[oldId] as unknown[]).length);
    expect(new Set(revisions.map((r) => r.figure.id))).toEqual(new Set([newId]));
    // An 8-digit id that never existed is still a 404.
    expect((await app.inject('/api/v1/shares/f-00000000/revisions')).statusCode).toBe(404);
  });

  it('redirect a revision (308: the same method and body) to the new id', async () => {
    const { token } = await createToken(store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
    const patch = (id: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/shares/${id}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { quote: 'moved' },
      });
    const res = await patch(oldId);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`/api/v1/shares/${newId}`);
    expect((await patch('f-00000000')).statusCode).toBe(404);
  });
});
