import { createContext, useContext } from 'react';

/**
 * Embed mode: `/embed/<page path>?<view state>&chart=<chart id>` renders the page's chart of that
 * id alone, with its title, subtitle and source, and without the site's header, navigation,
 * controls or other content, for an iframe on another site. `chart` is null outside embed mode.
 */
export interface EmbedState {
  chart: string | null;
}

export const EmbedContext = createContext<EmbedState>({ chart: null });
export const useEmbed = () => useContext(EmbedContext);

export const EMBED_PREFIX = '/embed';

/** The page path inside an embed path: `/embed/compare` → `/compare`, `/embed` → `/`; null when not embedded. */
export function embeddedPath(path: string): string | null {
  if (path !== EMBED_PREFIX && !path.startsWith(`${EMBED_PREFIX}/`)) return null;
  return path.slice(EMBED_PREFIX.length) || '/';
}

/** The embed URL of chart `chartId` in the current view: same page and view state, chrome-less. */
export function embedUrlFor(chartId: string, location: Pick<Location, 'origin' | 'pathname' | 'search'>): string {
  const params = new URLSearchParams(location.search);
  params.set('chart', chartId);
  const path = location.pathname === '/' ? '' : location.pathname;
  return `${location.origin}${EMBED_PREFIX}${path}?${params.toString()}`;
}

/** The iframe snippet for an embed URL, with a title for screen readers and a sensible size. */
export function iframeCode(url: string, title: string, height: number): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(url)}" title="${esc(title)}" width="100%" height="${Math.round(height)}" style="border:0;max-width:960px" loading="lazy"></iframe>`;
}
