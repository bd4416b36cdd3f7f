import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FigureRevisionsResponse, ShareWriteResponse, SharesResponse } from '@dash/domain';
import { listAudit, lockForWrite, openStore, revokeToken } from '@dash/store';
import { createToken } from '../auth/tokens.js';
import { bundledDataset, buildTestApp, type TestApp } from '../testing/test-app.js';

const ds = bundledDataset();
const market = ds.markets.find((m) => m.id === 'china-cloud-infra')!;
// Canalys China cloud 2025Q1 holds Alibaba 33, Huawei 18, Tencent 10 (61 in all).
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;

/** A new figure in the import format: Baidu AI Cloud, Canalys 2026Q1 (a test page). */
const newRow = (over: Record<string, unknown> = {}) => ({
  vendor: 'Baidu AI Cloud',
  market: market.sourceNames[0]!.market,
  metric: market.sourceNames[0]!.metric,
  period: '2026Q1',
  value_percent: '6.5',
  publisher: 'Canalys',
  report_title: 'Test report',
  published_date: '2026-05',
  url: 'https://example.com/canalys-2026q1',
  quote: 'Baidu AI Cloud took 6.5%.',
  source_quality: 'primary',
  ...over,
});

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function setup(options: Parameters<typeof buildTestApp>[1] = {}) {
  t = await buildTestApp(undefined, options);
  const editor = await createToken(t.store, { name: 'alice', scopes: ['shares:write'], createdBy: 'test' });
  const reader = await createToken(t.store, { name: 'bob', scopes: [], createdBy: 'test' });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  return { editor: editor.token, editorId: editor.stored.id, reader: reader.token, auth };
}

describe('write API: who may write', () => {
  it('401 without a token, with WWW-Authenticate, and the attempt in the audit log', async () => {
    await setup();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/shares', payload: newRow() });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="dashboard"');
    expect(res.json().error.code).toBe('unauthorized');
    expect(res.json().error.message).toMatch(/^writes need a bearer token/);
    const [entry] = await listAudit(t.store.db, { limit: 1 });
    expect(entry).toMatchObject({
      actor: 'anonymous',
      action: 'shares.create',
      outcome: 'denied',
      detail: { status: 401, reason: 'unauthorized' },
    });
  });

  it('401 for a malformed, unknown, tampered or revoked token', async () => {
    const { editor, editorId, auth } = await setup();
    const tampered = `${editor.slice(0, -1)}${editor.endsWith('A') ? 'B' : 'A'}`;
    for (const token of ['nonsense', 'dash_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', tampered]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/shares/${target.id}`,
        headers: auth(token),
        payload: { value_percent: '34' },
      });
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error).toEqual({ code: 'invalid_token', message: 'this token is not valid' });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="dashboard", error="invalid_token"');
    }
    await revokeToken(t.store.db, editorId, new Date().toISOString());
    const revoked = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(editor),
      payload: { value_percent: '34' },
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toBe('this token has been revoked');
  });

  it('403 for a valid token without the right shares:write; nothing is written', async () => {
    const { reader, auth } = await setup();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(reader),
      payload: { value_percent: '34' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(res.json().error.message).toMatch(/does not have the right shares:write; it has: none$/);
    const revisions = (await t.app.inject(`/api/v1/shares/${target.id}/revisions`)).json() as FigureRevisionsResponse;
    expect(revisions.data).toHaveLength(1);
    const [entry] = await listAudit(t.store.db, { limit: 1 });
    expect(entry).toMatchObject({
      actor: expect.stringMatching(/^token bob \(/),
      outcome: 'denied',
      detail: { status: 403 },
    });
  });

  it('reads stay public', async () => {
    await setup();
    expect((await t.app.inject('/api/v1/shares')).statusCode).toBe(200);
    expect((await t.app.inject(`/api/v1/shares/${target.id}/revisions`)).statusCode).toBe(200);
  });
});

describe('write API: creating and revising figures', () => {
  it('201 creates a figure, which the reads then show, attributed to the token, with an audit entry', async () => {
    const { editor, editorId, auth } = await setup();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: auth(editor), payload: newRow() });
    expect(res.statusCode).toBe(201);
    const body = res.json() as ShareWriteResponse;
    expect(body.meta).toMatchObject({ change: 'added', revision: 1, changedFields: [], changesetId: 2 });
    expect(body.data).toMatchObject({
      marketId: 'china-cloud-infra',
      subjectId: 'baidu-ai-cloud',
      sharePctText: '6.5',
      period: { label: '2026Q1' },
    });
    expect(res.headers.location).toBe(`/api/v1/shares/${body.data.id}/revisions`);
    const shares = (await t.app.inject('/api/v1/shares?market=china-cloud-infra&from=2026Q1')).json() as SharesResponse;
    expect(shares.data.map((f) => f.id)).toEqual([body.data.id]);
    const history = (await t.app.inject(res.headers.location as string)).json() as FigureRevisionsResponse;
    expect(history.data[0]!.changeset).toMatchObject({ kind: 'api', actor: `token alice (${editorId})` });
    const [entry] = await listAudit(t.store.db, { limit: 1 });
    expect(entry).toMatchObject({
      action: 'shares.create',
      outcome: 'ok',
      target: body.data.id,
      changesetId: 2,
      tokenId: editorId,
    });
    // The same figure again is a conflict, not a second copy.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shares',
      headers: auth(editor),
      payload: newRow({ value_percent: '7' }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'figure_exists',
      message: `figure ${body.data.id} already exists; revise it with PATCH /api/v1/shares/${body.data.id}`,
    });
  });

  it('400 names every bad field, exactly as the importer would, and writes nothing', async () => {
    const { editor, auth } = await setup();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shares',
      headers: auth(editor),
      payload: newRow({ vendor: 'Huawai Cloud', value_percent: '101', url: 'ftp://example.com', quote: ' ' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'vendor', message: 'unknown vendor "Huawai Cloud"; add it or an alias to the vendor list' },
      { field: 'value_percent', message: '101 is more than 100%' },
      { field: 'url', message: '"ftp://example.com" is not an http(s) URL' },
      { field: 'quote', message: 'is empty: every figure needs the sentence it was read from' },
    ]);
    const unknownKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shares',
      headers: auth(editor),
      payload: newRow({ colour: 'red' }),
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.fields).toEqual([{ field: 'colour', message: 'is not a known parameter' }]);
    expect(((await t.app.inject('/api/v1/shares')).json() as SharesResponse).meta.count).toBe(112);
    const [entry] = await listAudit(t.store.db, { limit: 1, action: 'shares.create' });
    expect(entry).toMatchObject({ outcome: 'rejected', detail: { status: 400 } });
  });

  it('PATCH revises value and quote; the old value stays in the history and under asOf', async () => {
    const { editor, auth } = await setup();
    const before = new Date().toISOString();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(editor),
      payload: { value_percent: '33.0', note: 'the report prints 33.0' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as ShareWriteResponse;
    expect(body.meta).toMatchObject({ change: 'revised', revision: 2, changedFields: ['share_pct'] });
    expect(body.data).toMatchObject({ id: target.id, sharePctText: '33.0', quote: target.quote });
    const history = (await t.app.inject(`/api/v1/shares/${target.id}/revisions`)).json() as FigureRevisionsResponse;
    expect(history.data.map((r) => [r.revision, r.figure.sharePctText, r.changeset.kind])).toEqual([
      [1, '33', 'bundled'],
      [2, '33.0', 'api'],
    ]);
    expect(history.data[1]!.changeset.description).toBe(`PATCH /api/v1/shares/${target.id}: the report prints 33.0`);
    const old = (await t.app.inject(`/api/v1/shares?market=china-cloud-infra&asOf=${before}`)).json() as SharesResponse;
    expect(old.data.find((f) => f.id === target.id)!.sharePctText).toBe('33');
    // The same value again changes nothing.
    const same = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(editor),
      payload: { value_percent: '33.0' },
    });
    expect(same.json().meta).toMatchObject({ change: 'unchanged', revision: 2, changesetId: null });
    expect((await listAudit(t.store.db, { limit: 5, action: 'shares.revise' })).map((a) => a.outcome)).toEqual([
      'ok',
      'ok',
    ]);
  });

  it('PATCH refuses a bad value, an empty body, a market-period over 100%, an unknown or malformed id', async () => {
    const { editor, auth } = await setup();
    const patch = (url: string, payload: unknown) =>
      t.app.inject({ method: 'PATCH', url, headers: auth(editor), payload: payload as object });
    const bad = await patch(`/api/v1/shares/${target.id}`, { value_percent: '33,5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { field: 'value_percent', message: '"33,5" is not a percentage (expected a number like 35.8)' },
    ]);
    const empty = await patch(`/api/v1/shares/${target.id}`, { note: 'nothing' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([
      { field: 'value_percent', message: 'give value_percent, quote or both' },
    ]);
    const over = await patch(`/api/v1/shares/${target.id}`, { value_percent: '83' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toMatch(
      /Canalys's figures for china-cloud-infra 2025Q1 would sum to 111%, more than 100%/,
    );
    expect((await patch('/api/v1/shares/f-00000000', { value_percent: '1' })).statusCode).toBe(404);
    const malformed = await patch('/api/v1/shares/not-an-id', { value_percent: '1' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields).toEqual([{ field: 'id', message: 'expected a figure id like f-1a2b3c4d5e6f7a8b' }]);
    const history = (await t.app.inject(`/api/v1/shares/${target.id}/revisions`)).json() as FigureRevisionsResponse;
    expect(history.data).toHaveLength(1);
  });
});

describe('write API: limits and secrets', () => {
  it('rate-limits writes per client (429 in the API error format); reads are not limited', async () => {
    const { editor, auth } = await setup({ writeRateLimitPerMinute: 2 });
    const patch = (v: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/shares/${target.id}`,
        headers: auth(editor),
        payload: { value_percent: v },
      });
    expect((await patch('33.1')).statusCode).toBe(200);
    expect((await patch('33.2')).statusCode).toBe(200);
    const limited = await patch('33.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toMatch(
      /^too many writes: at most 2 a minute from one address; try again in (\d+ seconds?|1 minute)$/,
    );
    expect(limited.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) expect((await t.app.inject('/api/v1/shares')).statusCode).toBe(200);
    const history = (await t.app.inject(`/api/v1/shares/${target.id}/revisions`)).json() as FigureRevisionsResponse;
    expect(history.data.map((r) => r.figure.sharePctText)).toEqual(['33', '33.1', '33.2']);
    await expect
      .poll(async () =>
        (await listAudit(t.store.db, { limit: 10 })).filter((a) => a.outcome === 'rate-limited').map((a) => a.action),
      )
      .toEqual(['PATCH /api/v1/shares/:id']);
  });

  it("503 with Retry-After, not a 500, when another process holds SQLite's write lock past the busy timeout", async () => {
    const { editor, auth } = await setup();
    const importer = openStore(t.url);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const importing = importer.db.transaction().execute(async (trx) => {
      await lockForWrite(trx, new Date());
      locked();
      await held;
    });
    try {
      await lockTaken;
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/shares/${target.id}`,
        headers: auth(editor),
        payload: { value_percent: '34' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('busy');
    } finally {
      release();
      await importing;
      await importer.close();
    }
    const retry = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(editor),
      payload: { value_percent: '34' },
    });
    expect(retry.statusCode).toBe(200);
  });

  it('never logs a token', async () => {
    let log = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        log += String(chunk);
        done();
      },
    });
    const { editor, reader, auth } = await setup({ logger: { level: 'trace', stream: sink } });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(editor),
      payload: { value_percent: '33.0' },
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shares/${target.id}`,
      headers: auth(reader),
      payload: { value_percent: '33.0' },
    });
    // The requests were logged (one line each), their tokens not.
    expect(log).toContain(`PATCH /api/v1/shares/${target.id} 200`);
    expect(log).toContain(`PATCH /api/v1/shares/${target.id} 403`);
    expect(log).not.toContain(editor.slice(14));
    expect(log).not.toContain(reader.slice(14));
    const audit = JSON.stringify(await listAudit(t.store.db, { limit: 100 }));
    expect(audit).not.toContain(editor.slice(14));
  });
});
