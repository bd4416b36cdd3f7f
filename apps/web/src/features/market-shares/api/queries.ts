import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MarketSizesResponse, ShareQuery, SharesResponse } from '@dash/domain';
import { apiUrl, fetchJson } from '../../../lib/api';

/** Query keys include every parameter, so two different filters never share a cache entry. */
export const shareKeys = {
  shares: (q: ShareQuery) => ['shares', q] as const,
};

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
    queryFn: ({ signal }) => fetchJson<SharesResponse>(apiUrl('shares', shareParams(q)), signal),
  });

/** URL of the CSV twin of a share query: the download is exactly the rows the JSON query returns. */
export const sharesCsvUrl = (q: ShareQuery) => apiUrl('shares.csv', shareParams(q));

export { useMarkets, useVendors } from '../../../lib/reference-queries';
export const useShares = (q: ShareQuery, enabled = true) => useQuery({ ...sharesQueryOptions(q), enabled });

/** Published totals of one market, for derived absolute estimates. */
export const marketSizesQueryOptions = (market: string) =>
  queryOptions({
    queryKey: ['market-sizes', market] as const,
    queryFn: ({ signal }) => fetchJson<MarketSizesResponse>(apiUrl('market-sizes', { market }), signal),
  });
export const useMarketSizes = (market: string) => useQuery(marketSizesQueryOptions(market));
