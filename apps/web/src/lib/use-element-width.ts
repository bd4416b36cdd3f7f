import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The content width of the page's main area as it stands (the HTML's own `<main>` before the app
 * first renders, the app's after; the embed root in embed mode), or null when it cannot be read
 * (no layout: tests; an embed page before its root exists). The measuring elements the pages
 * put at the top of their content (`.measure`) are that wide, so a chart laid out for this width
 * is usually laid out once, not once for a guess and again for the measured width.
 */
function mainContentWidth(): number | null {
  if (typeof document === 'undefined') return null;
  const embedRoot = document.querySelector('.embed-root');
  const host = embedRoot ?? (window.location.pathname.startsWith('/embed') ? null : document.querySelector('main'));
  if (!host) return null;
  const style = getComputedStyle(host);
  const width = host.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
  return width > 0 ? Math.floor(width) : null;
}

/** Tracks an element's content width so charts lay out for the space they actually have. */
export function useElementWidth<T extends HTMLElement>(initial = 640) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(() => mainContentWidth() ?? initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}
