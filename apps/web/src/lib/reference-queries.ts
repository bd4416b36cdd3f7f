import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MarketsResponse, VendorsResponse } from '@dash/domain';

import { apiUrl, fetchJson } from './api';

/** Reference data every page needs (markets, vendors, companies), shared so features never import each other. */
export const referenceKeys = {
  markets: () => ['markets'] as const,
  vendors: () => ['vendors'] as const,
};

export const marketsQueryOptions = () =>
  queryOptions({
    queryKey: referenceKeys.markets(),
    queryFn: ({ signal }) => fetchJson<MarketsResponse>(apiUrl('markets'), signal),
  });

export const vendorsQueryOptions = () =>
  queryOptions({
    queryKey: referenceKeys.vendors(),
    queryFn: ({ signal }) => fetchJson<VendorsResponse>(apiUrl('vendors'), signal),
  });

export const useMarkets = () => useQuery(marketsQueryOptions());
export const useVendors = () => useQuery(vendorsQueryOptions());
