import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJson } from './api';
import { resetResponseChecks, startResponseChecks, type ResponseChecker } from './response-checks';
import { checkResponse } from './response-schemas';

const markets = {
  data: [],
  meta: { count: 0 },
};

afterEach(() => {
  resetResponseChecks();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const direct: ResponseChecker = (name, text) => Promise.resolve(checkResponse(name, text));
const answer = (body: unknown, status = 200) =>
  vi.stubGlobal('fetch', () =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );

describe('checkResponse', () => {
  it('accepts a conforming answer and names the failing field of a wrong one', () => {
    expect(
      checkResponse('ErrorResponseSchema', JSON.stringify({ error: { code: 'bad_request', message: 'x' } })),
    ).toBeNull();
    expect(checkResponse('ErrorResponseSchema', JSON.stringify({ error: { code: 42, message: 'x' } }))).toMatch(
      /^error\.code: /,
    );
    expect(checkResponse('VendorsResponseSchema', 'not json')).toBe('the answer is not JSON');
  });
});

describe('fetchJson and the deferred checks', () => {
  it('withdraws a wrong-shaped answer once checks start: its query becomes an error naming the field', async () => {
    const client = new QueryClient();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    answer({ data: [{ id: 42 }], meta: { count: 1 } });
    const data = await client.fetchQuery({
      queryKey: ['vendors'],
      queryFn: () => fetchJson('/api/v1/vendors', 'VendorsResponseSchema'),
    });
    expect(data.data).toHaveLength(1); // used as received until checked
    startResponseChecks(client, direct);
    await vi.waitFor(() => expect(client.getQueryState(['vendors'])?.status).toBe('error'));
    expect(client.getQueryData(['vendors'])).toBeUndefined();
    expect(String(client.getQueryState(['vendors'])?.error)).toMatch(
      /\/api\/v1\/vendors does not have the expected shape \(data\.0\.id: /,
    );
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/data\.0\.id/));
  });

  it('keeps a conforming answer', async () => {
    const client = new QueryClient();
    startResponseChecks(client, direct);
    answer(markets);
    await client.fetchQuery({
      queryKey: ['markets'],
      queryFn: () => fetchJson('/api/v1/markets', 'MarketsResponseSchema'),
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(client.getQueryState(['markets'])?.status).toBe('success');
  });

  it("turns an error answer into an ApiError with the server's code and message", async () => {
    startResponseChecks(new QueryClient(), direct);
    answer({ error: { code: 'bad_request', message: 'unknown market "x"' } }, 400);
    await expect(fetchJson('/api/v1/shares?market=x', 'SharesResponseSchema')).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      message: 'unknown market "x"',
    });
  });
});
