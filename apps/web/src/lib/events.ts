import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EventsResponse } from '@dash/domain';
import { apiUrl, fetchJson } from './api';

// Market events for chart annotations: all of them are fetched once (they are small and shared by
// every page); components/events.tsx filters them per chart.
export const eventsQueryOptions = () =>
  queryOptions({
    queryKey: ['events'] as const,
    queryFn: ({ signal }) => fetchJson<EventsResponse>(apiUrl('events'), signal),
  });

export const useEvents = () => useQuery(eventsQueryOptions());
