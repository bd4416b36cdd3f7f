import type { ErrorResponse } from '@dash/domain';
import { checkLater, checkNow, ResponseShapeError, type ResponseOf, type ResponseSchemaName } from './response-checks';

/** An API error with the server's stable code and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Builds `/api/v1/path?…` from params, dropping empty values and joining lists with commas. */
export function apiUrl(path: string, params: Record<string, string | readonly string[] | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    const value = typeof v === 'string' ? v : v.join(',');
    if (value !== '') search.set(k, value);
  }
  const qs = search.toString();
  return `/api/v1/${path}${qs ? `?${qs}` : ''}`;
}

/**
 * GETs JSON typed by the named shared schema of `@dash/domain`. The answer is used as received
 * and checked against that schema off the critical path (lib/response-checks.ts): one that does
 * not conform turns the query into an error. Non-2xx answers become an {@link ApiError} with the
 * server's message once their error shape is checked.
 */
export async function fetchJson<N extends ResponseSchemaName>(
  url: string,
  schema: N,
  signal?: AbortSignal,
): Promise<ResponseOf<N>> {
  const res = await fetch(url, {
    signal,
    headers: { accept: 'application/json' },
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (res.ok) throw new ResponseShapeError(`the server's answer to ${url} is not JSON`);
    throw new ApiError(res.status, 'http_error', `the server answered ${res.status}`);
  }
  if (!res.ok) {
    const problem = await checkNow('ErrorResponseSchema', text);
    const error = (body as Partial<ErrorResponse> | null)?.error;
    if (problem !== null || !error) throw new ApiError(res.status, 'http_error', `the server answered ${res.status}`);
    throw new ApiError(res.status, error.code, error.message);
  }
  checkLater(url, schema, text, body);
  return body as ResponseOf<N>;
}
