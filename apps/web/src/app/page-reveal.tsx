import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { markPageShown, PageShownContext } from '../lib/first-chart';

/**
 * Keeps a freshly opened page invisible (but laid out) until its first data has arrived, then
 * shows it whole: a page that filled in piece by piece would push its own content down as each
 * answer came in (layout shift). A status line says it is loading meanwhile. Later fetches (a
 * new market, a retry) never hide the page again.
 */
export function PageReveal({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const fetching = useIsFetching();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown || fetching > 0) return;
    // One frame of grace: a query that starts because another one finished is counted by then.
    const frame = requestAnimationFrame(() => {
      if (client.isFetching() === 0) setShown(true);
    });
    return () => cancelAnimationFrame(frame);
  }, [client, fetching, shown]);
  useLayoutEffect(() => {
    if (shown) markPageShown();
  }, [shown]);
  return (
    <>
      {shown ? null : (
        <p className="state state-loading page-loading" role="status">
          Loading the data…
        </p>
      )}
      <div className={shown ? undefined : 'page-pending'} aria-busy={shown ? undefined : true}>
        <PageShownContext.Provider value={shown}>{children}</PageShownContext.Provider>
      </div>
    </>
  );
}
