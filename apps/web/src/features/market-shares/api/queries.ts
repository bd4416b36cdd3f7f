import { queryOptions, useQuery } from '@tanstack/react-query';
import { MarketsResponseSchema, SharesResponseSchema, VendorsResponseSchema, type ShareQuery } from '@dash/domain';
import { apiUrl, fetchJson } from '../../../lib/api';

/** Query keys include every parameter, so two different filters never share a cache entry. */
export const shareKeys = {
  markets: () => ['markets'] as const,
  vendors: () => ['vendors'] as const,
  shares: (q: ShareQuery) => ['shares', q] as const,
};

export const marketsQueryOptions = () =>
  queryOptions({
    queryKey: shareKeys.markets(),
    queryFn: ({ signal }) => fetchJson(apiUrl('markets'), MarketsResponseSchema, signal),
  });

export const vendorsQueryOptions = () =>
  queryOptions({
    queryKey: shareKeys.vendors(),
    queryFn: ({ signal }) => fetchJson(apiUrl('vendors'), VendorsResponseSchema, signal),
  });

/** The API's query parameters for a share query, for JSON and CSV alike. */
export const shareParams = (q: ShareQuery) => ({
  market: q.market,
  vendor: q.vendor,
  from: q.from,
  to: q.to,
  publisher: q.publisher,
});

export const sharesQueryOptions = (q: ShareQuery) =>
  queryOptions({
    queryKey: shareKeys.shares(q),
    queryFn: ({ signal }) => fetchJson(apiUrl('shares', shareParams(q)), SharesResponseSchema, signal),
  });

/** URL of the CSV twin of a share query: the download is exactly the rows the JSON query returns. */
export const sharesCsvUrl = (q: ShareQuery) => apiUrl('shares.csv', shareParams(q));

export const useMarkets = () => useQuery(marketsQueryOptions());
export const useVendors = () => useQuery(vendorsQueryOptions());
export const useShares = (q: ShareQuery, enabled = true) => useQuery({ ...sharesQueryOptions(q), enabled });
