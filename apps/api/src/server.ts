import { loadDataset } from '@dash/dataset';
import { getDatasetVersion, migrate, openStore, replaceDataset } from '@dash/store';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

/**
 * Starts the dashboard: reads config, opens and migrates the database, loads the bundled dataset
 * when the database holds none or an older version (one transaction), then listens. SIGINT and
 * SIGTERM close the server gracefully, letting in-flight requests finish.
 */
async function main() {
  const config = readConfig();
  const store = openStore(config.DATABASE_URL);
  await migrate(store.db);
  const dataset = loadDataset();
  if (dataset.issues.length > 0) {
    const lines = dataset.issues.map((i) => `  row ${i.row ?? '-'}${i.column ? ` [${i.column}]` : ''}: ${i.message}`);
    console.warn(`bundled dataset has ${dataset.issues.length} issue(s):\n${lines.join('\n')}`);
  }
  const loaded = await getDatasetVersion(store.db);
  if (loaded !== dataset.version) {
    await replaceDataset(store.db, dataset);
    console.log(`loaded dataset ${dataset.version}: ${dataset.figures.length} figures into ${store.dialect}`);
  }
  const app = await buildApp({ store, webDist: config.WEB_DIST, logger: { level: config.LOG_LEVEL } });
  const close = async (signal: string) => {
    app.log.info(`${signal}: closing`);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`dashboard: ${address}  (API docs: ${address}/api/docs)`);
}

main().catch((err: unknown) => {
  console.error(`dashboard failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
