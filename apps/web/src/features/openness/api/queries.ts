import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OpennessResponse, StrategySharesResponse } from '@dash/domain';

import { apiUrl, fetchJson } from '../../../lib/api';

export type StrategyView = 'graded' | 'binary';

/** Parameters of a strategy-shares query, for the JSON and its CSV twin alike. */
export interface StrategySharesParams {
  market: string;
  view: StrategyView;
}

/** Query keys include every parameter, so two markets or views never share a cache entry. */
export const opennessKeys = {
  openness: () => ['openness'] as const,
  strategyShares: (p: StrategySharesParams) => ['strategy-shares', p.market, p.view] as const,
};

// The licensing data only changes with a new dataset: keep it as long as the shared default.
export const opennessQueryOptions = () =>
  queryOptions({
    queryKey: opennessKeys.openness(),
    queryFn: ({ signal }) => fetchJson<OpennessResponse>(apiUrl('openness'), signal),
    staleTime: 5 * 60_000,
  });

const strategyParams = (p: StrategySharesParams) => ({ market: p.market, view: p.view });

export const strategySharesQueryOptions = (p: StrategySharesParams) =>
  queryOptions({
    queryKey: opennessKeys.strategyShares(p),
    queryFn: ({ signal }) =>
      fetchJson<StrategySharesResponse>(apiUrl('strategy-shares', strategyParams(p)), signal),
    staleTime: 5 * 60_000,
  });

/** Every release as CSV, with its grade, licence, source and the rule. */
export const opennessCsvUrl = () => apiUrl('openness.csv');
/** The CSV twin of a strategy-shares query: one row per counted figure, exactly the figures the chart adds up. */
export const strategySharesCsvUrl = (p: StrategySharesParams) => apiUrl('strategy-shares.csv', strategyParams(p));

export const useOpenness = () => useQuery(opennessQueryOptions());
export const useStrategyShares = (p: StrategySharesParams, enabled = true) =>
  useQuery({ ...strategySharesQueryOptions(p), enabled });
