import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * The data only changes when the server loads a new dataset, so answers stay fresh for five
 * minutes; 4xx answers are not retried (asking again will not fix a bad request).
 */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
