import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from './testing/server-process.js';

// The built server as `npm start` runs it, at LOG_LEVEL=info, in each LOG_FORMAT.
let dir: string;
let server: ServerProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dash-log-'));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the server, makes two requests, stops it, and returns the lines it printed. */
async function logOf(env: Record<string, string>): Promise<string[]> {
  server = await spawnServer({ LOG_LEVEL: 'info', DATABASE_URL: join(dir, 'db.sqlite'), ...env });
  expect((await fetch(`${server.origin}/api/v1/health`)).status).toBe(200);
  expect((await fetch(`${server.origin}/api/v1/no-such-thing?x=1`)).status).toBe(404);
  expect(await server.stop()).toBe(0);
  return server
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '');
}

describe('server logs', () => {
  it('are one readable line per request by default', async () => {
    const lines = await logOf({});
    expect(lines.filter((l) => l.includes('/api/v1/health'))).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/health 200 \d+(\.\d)? ms$/),
    ]);
    expect(lines.filter((l) => l.includes('/api/v1/no-such-thing'))).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/no-such-thing\?x=1 404 /),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/INFO: SIGTERM: closing/));
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
  });

  it('are pino JSON lines with LOG_FORMAT=json, still one per request', async () => {
    const lines = await logOf({ LOG_FORMAT: 'json' });
    const records = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => 'req' in r);
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        msg: expect.stringMatching(/^GET \/api\/v1\/health 200 /),
        req: expect.objectContaining({ method: 'GET', url: '/api/v1/health' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
      expect.objectContaining({
        level: 30,
        req: expect.objectContaining({ url: '/api/v1/no-such-thing?x=1' }),
        res: { statusCode: 404 },
      }),
    ]);
    expect(records).toContainEqual(
      expect.objectContaining({ level: 30, msg: expect.stringMatching(/^SIGTERM: closing/) }),
    );
    // Only the lines for the operator (bundled data loaded, the address) are not JSON.
    expect(lines.filter((l) => !l.startsWith('{'))).toEqual([
      expect.stringMatching(/^loaded bundled dataset /),
      expect.stringMatching(/^dashboard: http:/),
    ]);
  });
});
