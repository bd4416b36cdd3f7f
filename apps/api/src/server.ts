import { readConfig } from './config.js';
import { StartupError, startServer } from './startup.js';

/**
 * Starts the dashboard: reads config, opens and migrates the database, loads the bundled dataset
 * when the database holds another version (as an import: history and editors' revisions are kept),
 * then listens. SIGINT and SIGTERM close the server gracefully, letting in-flight requests finish
 * (within SHUTDOWN_TIMEOUT_MS); a second signal stops it at once. A configuration, database or
 * port that cannot be used stops it with one message saying what to fix, exit status 1.
 */
async function main() {
  const config = readConfig();
  const server = await startServer(config);
  const { app } = server;
  const stop = (signal: NodeJS.Signals) => {
    process.once(signal, () => {
      app.log.warn(`${signal} again: stopping now, without waiting for requests in flight`);
      process.exit(1);
    });
    app.log.info(`${signal}: closing (finishing requests in flight, at most ${config.SHUTDOWN_TIMEOUT_MS} ms)`);
    server.close().then(
      (how) => {
        if (how === 'forced') app.log.warn(`requests still in flight after ${config.SHUTDOWN_TIMEOUT_MS} ms were cut off`);
        else app.log.info('closed');
        process.exit(how === 'forced' ? 1 : 0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'closing failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`dashboard: ${server.address}  (API docs: ${server.address}/api/docs)`);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`dashboard failed to start: ${message}`);
  // The stack only helps with an unexpected failure, and only on request.
  if (!(err instanceof StartupError) && /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '') && err instanceof Error) console.error(err.stack);
  process.exit(1);
});
