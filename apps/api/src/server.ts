import { openStore } from '@dash/store';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { prepareDatabase } from './data/bundled.js';

/**
 * Starts the dashboard: reads config, opens and migrates the database, loads the bundled dataset
 * when the database holds another version (as an import: history and editors' revisions are kept),
 * then listens. SIGINT and SIGTERM close the server gracefully, letting in-flight requests finish.
 */
async function main() {
  const config = readConfig();
  const store = openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  const { messages } = await prepareDatabase(store);
  for (const m of messages) console.log(m);
  const app = await buildApp({
    store,
    webDist: config.WEB_DIST,
    logger: { level: config.LOG_LEVEL },
    writeRateLimitPerMinute: config.WRITE_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.TRUST_PROXY,
  });
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
