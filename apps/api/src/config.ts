import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .min(1)
    .default('data/dashboard.sqlite')
    .describe('postgres://… for PostgreSQL, otherwise a SQLite file path'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  WEB_DIST: z.string().min(1).default(DEFAULT_WEB_DIST),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  TRUST_PROXY: z
    .enum(['true', 'false'], { message: 'expected true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('true behind a load balancer: client addresses come from X-Forwarded-For'),
});
export type Config = z.infer<typeof ConfigSchema>;

/**
 * Reads the server's configuration from the environment once, at start-up. Throws one error
 * listing every invalid variable, so a bad deployment fails before it serves anything.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}
