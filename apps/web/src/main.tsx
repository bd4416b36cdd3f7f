import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/app';
import { preloadRoute } from './app/preload';
import { createQueryClient } from './lib/query-client';
import './charts/chart.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');
const queryClient = createQueryClient();
// The first render waits for the page's code and first data (requested with the entry's own code:
// modulepreload and preload in the HTML's Link header; the HTML already paints the site header).
// The page then renders whole in one pass: not behind a Suspense fallback (which React 19 keeps
// up for at least 300 ms), and not first empty and again when its data arrives (an update from
// the query cache renders in one uninterruptible task). The pass is a transition, so React
// renders it in slices that yield to the browser rather than in one long task.
const render = () =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
void preloadRoute(queryClient, window.location).then(render);
