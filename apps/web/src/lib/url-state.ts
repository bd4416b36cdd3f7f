import { useCallback, useSyncExternalStore } from 'react';

const EVENT = 'dash:navigate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

const getSearch = () => window.location.search;
const getPath = () => window.location.pathname;

/** The current path, re-rendering on navigation and back/forward. */
export function usePathname() {
  return useSyncExternalStore(subscribe, getPath, () => '/');
}

/** Goes to `href` (path and query) as a new history entry, without reloading the page. */
export function navigate(href: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.scrollTo({ top: 0 });
  window.dispatchEvent(new Event(EVENT));
}

export type ParamPatch = Record<string, string | readonly string[] | undefined | null>;

/**
 * The page's view state lives in the query string: reading it subscribes to back/forward, and
 * `setParams` writes a new history entry (or replaces the current one), so every view can be
 * shared, reloaded and navigated with the browser's buttons. `undefined`/`null`/empty removes a key.
 */
export function useSearchParams() {
  const search = useSyncExternalStore(subscribe, getSearch, () => '');
  const setParams = useCallback((patch: ParamPatch, options: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      const value = v === undefined || v === null ? '' : typeof v === 'string' ? v : v.join(',');
      if (value === '') next.delete(k);
      else next.set(k, value);
    }
    const qs = next.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}${window.location.hash}`;
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [new URLSearchParams(search), setParams] as const;
}

/** Splits a comma-separated list parameter, dropping empties. */
export const listParam = (value: string | null) => (value ? value.split(',').filter((s) => s !== '') : []);
