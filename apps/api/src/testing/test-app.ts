import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset, type Dataset } from '@dash/dataset';
import { migrate, openStore, loadBundledDataset, type BundledData, type Store } from '@dash/store';
import { buildApp, type App, type AppOptions } from '../app.js';

export interface TestApp {
  app: App;
  store: Store;
  /** The SQLite file, to open a second connection to it as another process would. */
  url: string;
  close(): Promise<void>;
}

let bundled: Dataset | undefined;
/** The bundled dataset, loaded once per test file (it is read-only; copy it before changing it). */
export const bundledDataset = (): Dataset => (bundled ??= loadDataset());

/**
 * Builds the app over a fresh SQLite file loaded with `data` (the bundled dataset by default),
 * the way the server does, without listening. Each test gets its own database.
 */
export async function buildTestApp(
  data: BundledData = bundledDataset(),
  options: Omit<AppOptions, 'store'> = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'dash-api-'));
  const url = join(dir, 'api.sqlite');
  const store = openStore(url);
  await migrate(store.db);
  await loadBundledDataset(store.db, data);
  const app = await buildApp({ store, ...options });
  return {
    app,
    store,
    url,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
