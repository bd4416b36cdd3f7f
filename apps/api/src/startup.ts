import { openStore, type Store } from '@dash/store';
import { buildApp, type App } from './app.js';
import type { Config } from './config.js';
import { prepareDatabase } from './data/bundled.js';
import { loggerOptions } from './logging.js';
import { describeDatabaseError, describeListenError, StartupError } from './startup-errors.js';

export { StartupError } from './startup-errors.js';

export interface RunningServer {
  app: App;
  store: Store;
  /** `http://127.0.0.1:8080` */
  address: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (idle keep-alive connections are
   * closed at once), then closes the database. Past `config.SHUTDOWN_TIMEOUT_MS` the remaining
   * connections are cut: resolves `forced` then, `closed` otherwise.
   */
  close(): Promise<'closed' | 'forced'>;
}

/**
 * Opens and prepares the database, builds the app and listens, as `npm start` does. Every
 * failure is a {@link StartupError} saying what to fix, and nothing is left open behind it.
 * `say` receives the lines for the operator (what the bundled load changed).
 */
export async function startServer(config: Config, say: (line: string) => void = console.log): Promise<RunningServer> {
  let store: Store;
  try {
    store = openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  } catch (err) {
    throw new StartupError(describeDatabaseError(err, config.DATABASE_URL), { cause: err });
  }
  try {
    const { messages } = await prepareDatabase(store);
    for (const m of messages) say(m);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw new StartupError(describeDatabaseError(err, config.DATABASE_URL), { cause: err });
  }
  const app = await buildApp({
    store,
    webDist: config.WEB_DIST,
    logger: loggerOptions(config.LOG_LEVEL, config.LOG_FORMAT),
    writeRateLimitPerMinute: config.WRITE_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.TRUST_PROXY,
    cachePolicy: { maxAge: config.HTTP_CACHE_MAX_AGE, staleWhileRevalidate: config.HTTP_CACHE_STALE_WHILE_REVALIDATE },
    responseCacheBytes: config.RESPONSE_CACHE_MB * 1024 * 1024,
  });
  let address: string;
  try {
    address = await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw new StartupError(describeListenError(err, config), { cause: err });
  }
  let closing: Promise<'closed' | 'forced'> | undefined;
  const close = () =>
    (closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const forced = new Promise<'forced'>((done) => {
        timer = setTimeout(() => {
          app.server.closeAllConnections();
          done('forced');
        }, config.SHUTDOWN_TIMEOUT_MS);
      });
      const result = await Promise.race([app.close().then(() => 'closed' as const), forced]);
      clearTimeout(timer);
      await store.close();
      return result;
    })());
  return { app, store, address, close };
}
