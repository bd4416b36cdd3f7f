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
preloadRoute(queryClient, window.location);
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
