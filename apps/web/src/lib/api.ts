import type { ErrorResponse } from '@dash/domain';

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
 * GETs a JSON answer of the type `T` the shared domain schema gives it. The server serializes every
 * answer through that schema, and a contract test (apps/api/src/contract.test.ts) holds each GET
 * endpoint to it, so the browser uses the answer as received. Non-2xx answers become an
 * {@link ApiError} with the server's code and message.
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as Partial<ErrorResponse> | undefined)?.error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
      throw new ApiError(res.status, 'http_error', `the server answered ${res.status}`);
    }
    throw new ApiError(res.status, error.code, error.message);
  }
  if (body === undefined) throw new Error(`the server's answer to ${url} is not JSON`);
  return body as T;
}
