import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharesResponse } from '@dash/domain';
import { NGINX, nginxInstalled, startNginx, type LocalNginx } from '../../../deploy/nginx/local.mjs';
import { createTokenWithCli, spawnServer, type ServerProcess } from './testing/server-process.js';
import { bundledDataset } from './testing/test-app.js';

// The built server on a temporary SQLite file, with deploy/nginx/dashboard.conf in front of it
// in real nginx (deploy/nginx/local.mjs): what a deployment with a cache in front does.

// Short enough for a test; the window after a write is max-age + stale-while-revalidate.
const MAX_AGE = 3;
const STALE = 1;
/** The documented window, and 2 s for a busy machine. */
const WINDOW_MS = (MAX_AGE + STALE + 2) * 1000;

const ds = bundledDataset();
// Canalys China cloud 2025Q1: Alibaba Cloud 33%.
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const URL_JSON = '/api/v1/shares?market=china-cloud-infra';

const installed = nginxInstalled();
if (!installed && !process.env.CI)
  console.warn(`nginx.test.ts SKIPPED: no nginx at ${NGINX} (apt-get install -y nginx; CI fails here instead)`);

describe.skipIf(!installed && !process.env.CI)('nginx with deploy/nginx/dashboard.conf in front of the server', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let nginx: LocalNginx | undefined;

  beforeAll(async () => {
    if (!installed) throw new Error(`no nginx at ${NGINX}: CI must install it (apt-get install -y nginx)`);
    dir = mkdtempSync(join(tmpdir(), 'dash-nginx-test-'));
    env = { DATABASE_URL: join(dir, 'dashboard.sqlite') };
    server = await spawnServer({
      ...env,
      HTTP_CACHE_MAX_AGE: String(MAX_AGE),
      HTTP_CACHE_STALE_WHILE_REVALIDATE: String(STALE),
    });
    nginx = await startNginx({ upstream: `127.0.0.1:${server.port}` });
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${nginx!.origin}${path}`, { headers });
  const valueOf = async (res: Response) =>
    ((await res.json()) as SharesResponse).data.find((f) => f.id === target.id)?.sharePctText;

  it('answers repeat reads itself (X-Cache-Status: HIT), in the encoding each client asked for', async () => {
    for (const path of [URL_JSON, '/api/v1/markets', '/api/v1/shares.csv?market=china-cloud-infra']) {
      const direct = await (await fetch(`${server!.origin}${path}`)).text();
      for (const encoding of ['br', 'gzip', 'identity']) {
        const first = await get(path, { 'accept-encoding': encoding });
        await first.arrayBuffer();
        const again = await get(path, { 'accept-encoding': encoding });
        expect(again.status, `${path} ${encoding}`).toBe(200);
        expect(again.headers.get('x-cache-status'), `${path} ${encoding}`).toBe('HIT');
        // fetch names the encoding it accepts itself only when asked for none.
        if (encoding !== 'identity')
          expect(again.headers.get('content-encoding'), `${path} ${encoding}`).toBe(encoding);
        else expect(again.headers.get('content-encoding'), path).toBeNull();
        expect(await again.text(), `${path} ${encoding}`).toBe(direct);
      }
    }
  });

  it('never answers a request with a token from the cache, nor /health', async () => {
    await (await get(URL_JSON)).arrayBuffer();
    const withToken = await get(URL_JSON, { authorization: 'Bearer dash_00000000_not-a-token' });
    expect(withToken.headers.get('x-cache-status')).toBe('BYPASS');
    for (let i = 0; i < 2; i++) {
      const health = await get('/api/v1/health');
      expect(health.status).toBe(200);
      expect(health.headers.get('x-cache-status')).not.toBe('HIT');
    }
  });

  it('shows a write through the API within max-age + stale-while-revalidate', async () => {
    const token = await createTokenWithCli(env, 'nginx-test');
    expect(await valueOf(await get(URL_JSON))).toBe('33');
    const cached = await get(URL_JSON);
    expect(cached.headers.get('x-cache-status')).toBe('HIT');
    expect(await valueOf(cached)).toBe('33');

    const write = await fetch(`${nginx!.origin}/api/v1/shares/${target.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value_percent: '33.5', note: 'nginx test' }),
    });
    expect(write.status, await write.clone().text()).toBe(200);
    expect(write.headers.get('x-cache-status')).not.toBe('HIT');

    const deadline = Date.now() + WINDOW_MS;
    let seen = await valueOf(await get(URL_JSON));
    while (seen !== '33.5' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await valueOf(await get(URL_JSON));
    }
    expect(seen, `the write was not visible through nginx within ${WINDOW_MS} ms`).toBe('33.5');
    // And the renewed copy is what nginx answers from then on.
    const renewed = await get(URL_JSON);
    expect(renewed.headers.get('x-cache-status')).toBe('HIT');
    expect(await valueOf(renewed)).toBe('33.5');
  }, 30_000);
});
