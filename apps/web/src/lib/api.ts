import { ErrorResponseSchema } from '@dash/domain';
import type { z } from 'zod';

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
 * GETs JSON and parses it with the shared schema, so the client never trusts a shape the
 * server did not promise. Non-2xx answers become an {@link ApiError} with the server's message.
 */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const res = await fetch(url, {
    signal,
    headers: { accept: 'application/json' },
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorResponseSchema.safeParse(body);
    throw err.success
      ? new ApiError(res.status, err.data.error.code, err.data.error.message)
      : new ApiError(res.status, 'http_error', `the server answered ${res.status}`);
  }
  return schema.parse(body);
}
