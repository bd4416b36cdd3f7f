import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Renders `children` just after the rest of the page, as an interruptible (time-sliced) update:
 * long lists below the charts (every source with its quote, every company card) then never hold
 * the main thread in one long task while the page first appears.
 */
export function Later({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    startTransition(() => setReady(true));
  }, []);
  return ready ? children : null;
}
