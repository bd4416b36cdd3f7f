import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CompareResponse } from '@dash/domain';

import { apiUrl, fetchJson } from '../../../lib/api';

export const compareKeys = { compare: (ids: readonly string[]) => ['compare', [...ids]] as const };

export const compareQueryOptions = (ids: readonly string[]) =>
  queryOptions({
    queryKey: compareKeys.compare(ids),
    queryFn: ({ signal }) => fetchJson<CompareResponse>(apiUrl('compare', { vendors: ids }), signal),
  });

/** The CSV twin: exactly the comparison the page shows. */
export const compareCsvUrl = (ids: readonly string[]) => apiUrl('compare.csv', { vendors: ids });

export const useCompare = (ids: readonly string[]) => useQuery(compareQueryOptions(ids));
