import { StrictMode } from 'react';
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
const pageCode = preloadRoute(queryClient, window.location);
// The first render waits for the page's code (requested with the entry's own code: modulepreload
// in the HTML's Link header), so the page renders at once instead of behind a Suspense fallback
// (which React 19 keeps up for at least 300 ms). The HTML already paints the site header.
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
void (pageCode ?? Promise.resolve()).then(render, render);
