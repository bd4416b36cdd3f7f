import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback } from 'react';

/*
 * The view state lives in the query string, read and written through the router. The URL keeps
 * its plain form (`?market=china-ai-cloud&vendors=alibaba%2Cbytedance`): values are strings and
 * lists are comma-separated, not the router's default JSON. Each page's route validates its own
 * parameters (`searchValidator`), so the page reads them typed.
 */

/** The query string as text values (the first of a repeated key wins). */
export function parseSearch(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/** The query string of a search object: lists joined with commas; empty values, lists and nulls left out. */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    const value = Array.isArray(v) ? v.join(',') : typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    if (value !== '') params.set(k, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** How a parameter is read: free text, a comma-separated list, or one of some values. */
export type SearchField = 'text' | 'list' | readonly string[];

type Read<F> = F extends 'list' ? string[] : F extends readonly (infer V)[] ? V : string;
export type SearchOf<Fields extends Record<string, SearchField>> = { [K in keyof Fields]?: Read<Fields[K]> };

const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).filter((s): s is string => typeof s === 'string' && s !== '');

/**
 * A route's `validateSearch`: each known parameter read as its field says (an empty or unknown
 * value is dropped); other parameters are kept as they are (the embed's `chart`), in URL order.
 */
export function searchValidator<Fields extends Record<string, SearchField>>(fields: Fields) {
  return (raw: Record<string, unknown>): SearchOf<Fields> & Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      const field = Object.hasOwn(fields, k) ? fields[k] : undefined;
      if (field === undefined) {
        if (v !== undefined && v !== null && v !== '') out[k] = v;
      } else if (field === 'list') {
        const list = listOf(v);
        if (list.length > 0) out[k] = list;
      } else if (typeof v === 'string' && v !== '' && (field === 'text' || field.includes(v))) {
        out[k] = v;
      }
    }
    return out as SearchOf<Fields>;
  };
}

/** A change to the view state: `undefined`, `null`, `''` or `[]` removes a parameter. */
export type SearchPatch = Record<string, string | readonly string[] | undefined | null>;
export type SetSearch = (patch: SearchPatch, options?: { replace?: boolean }) => void;

/**
 * The current page's view state, as its route validated it, and a setter that writes a new
 * history entry (or replaces the current one) without scrolling, so every view can be shared,
 * reloaded and navigated with the browser's buttons.
 */
export function useSearchState<S>(): [S, SetSearch] {
  const search = useSearch({ strict: false }) as S;
  const navigate = useNavigate();
  const setSearch = useCallback<SetSearch>(
    (patch, options = {}) =>
      void navigate({
        to: '.',
        search: (prev: Record<string, unknown>) => ({ ...prev, ...patch }),
        replace: options.replace,
        resetScroll: false,
      }),
    [navigate],
  );
  return [search, setSearch];
}
