import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_FORMATS } from './logging.js';

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** A whole number in [min, max] read from an environment variable, with a message that says so. */
const wholeNumber = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .min(min, { error: `expected ${what}` })
    .max(max, { error: `expected ${what}` });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z.object({
  PORT: wholeNumber(0, 65535, 'a port number from 0 to 65535').default(8080),
  HOST: z.string().min(1, { error: 'expected an address to listen on, e.g. 127.0.0.1' }).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .min(1, { error: 'expected a SQLite file path or a postgres:// URL' })
    .default('data/dashboard.sqlite')
    .describe('postgres://… for PostgreSQL, otherwise a SQLite file path'),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000, 'a number of connections from 1 to 1000').default(10),
  WEB_DIST: z.string().min(1, { error: 'expected the folder of the built web app' }).default(DEFAULT_WEB_DIST),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z
    .enum(LOG_FORMATS, { error: `expected one of ${LOG_FORMATS.join(', ')}` })
    .default('pretty')
    .describe('pretty: one readable line per event, for a terminal; json: pino JSON lines, for a log shipper'),
  WRITE_RATE_LIMIT_PER_MINUTE: wholeNumber(1, 100_000, 'a number of writes from 1 to 100000').default(30),
  TRUST_PROXY: z
    .enum(['true', 'false'], { message: 'expected true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('true behind a load balancer: client addresses come from X-Forwarded-For'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 600_000, 'milliseconds from 0 to 600000').default(10_000),
  HTTP_CACHE_MAX_AGE: wholeNumber(0, 86_400, 'seconds from 0 to 86400')
    .default(10)
    .describe('how long browsers and shared caches (nginx, a CDN) may reuse a read of the API'),
  HTTP_CACHE_STALE_WHILE_REVALIDATE: wholeNumber(0, 86_400, 'seconds from 0 to 86400')
    .default(20)
    .describe('how long past that a cache may serve it while it fetches it again'),
  RESPONSE_CACHE_MB: wholeNumber(0, 4096, 'megabytes from 0 to 4096')
    .default(64)
    .describe('answers kept in memory until the data changes; 0 keeps none'),
});
export type Config = z.infer<typeof ConfigSchema>;

/** `postgres://user:secret@db:5432/dash` → `postgres://user@db:5432/dash`: never print a password. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/)([^:@/]*):[^@/]*@/i, '$1$2@');
}

/**
 * Reads the server's configuration from the environment once, at start-up. Throws one error
 * listing every invalid variable with the value it had, so a bad deployment fails before it
 * serves anything.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const name = i.path.join('.');
      const value = env[name];
      const shown = value === undefined ? '' : ` (got "${name === 'DATABASE_URL' ? redactUrl(value) : value}")`;
      return `${name}: ${i.message}${shown}`;
    });
    throw new Error(`invalid configuration:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  return result.data;
}
