import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { createAppRouter } from './app/routes';
import { createQueryClient } from './lib/query-client';
import './charts/chart.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');
const queryClient = createQueryClient();
const router = createAppRouter(queryClient);
// The first render waits for the page's code and first data (its route's loader, which starts
// both at once; the HTML already paints the site header). The page then renders whole in one
// pass: not behind a Suspense fallback (which React 19 keeps up for at least 300 ms), and not
// first empty and again when its data arrives (an update from the query cache renders in one
// uninterruptible task). The pass is a transition, so React renders it in slices that yield to
// the browser rather than in one long task.
void router.load().then(() =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </StrictMode>,
    ),
  ),
);
