import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CostEstimateResponse, Currency, PriceModelsResponse, PriceRegion, PricesResponse } from '@dash/domain';
import { apiUrl, fetchJson } from '../../../lib/api';

/** The pricing API's filters: the display currency, a day (history) and model/vendor/region lists. */
export interface PriceParams {
  currency?: Currency | undefined;
  at?: string | undefined;
  model?: readonly string[] | undefined;
  vendor?: readonly string[] | undefined;
  region?: PriceRegion | undefined;
}

/** The workload of the cost calculator, as the API takes it. */
export interface CostParams extends PriceParams {
  inputTokensPerRequest: number;
  outputTokensPerRequest: number;
  requestsPerMonth: number;
  cachedInputPct: string;
  contextTokens?: number | undefined;
  ratio: string;
}

/** Query keys carry every parameter, so two different views never share a cache entry. */
export const pricingKeys = {
  models: () => ['price-models'] as const,
  current: (p: PriceParams) => ['prices', p] as const,
  history: (p: PriceParams) => ['price-history', p] as const,
  cost: (p: CostParams) => ['cost-estimate', p] as const,
};

const params = (p: PriceParams) => ({
  currency: p.currency,
  at: p.at,
  model: p.model,
  vendor: p.vendor,
  region: p.region,
});
const costParams = (p: CostParams) => ({
  ...params(p),
  inputTokensPerRequest: String(p.inputTokensPerRequest),
  outputTokensPerRequest: String(p.outputTokensPerRequest),
  requestsPerMonth: String(p.requestsPerMonth),
  cachedInputPct: p.cachedInputPct,
  contextTokens: p.contextTokens === undefined ? undefined : String(p.contextTokens),
  ratio: p.ratio,
});

// Prices only change when the server loads a new dataset; the default five minutes is right.
export const priceModelsQueryOptions = () =>
  queryOptions({
    queryKey: pricingKeys.models(),
    queryFn: ({ signal }) => fetchJson<PriceModelsResponse>(apiUrl('price-models'), signal),
  });

/** Current prices, or with `at` the prices in force that day (the history route answers that). */
export const pricesQueryOptions = (p: PriceParams) =>
  queryOptions({
    queryKey: p.at ? pricingKeys.history(p) : pricingKeys.current(p),
    queryFn: ({ signal }) =>
      p.at
        ? fetchJson<PricesResponse>(apiUrl('price-history', params(p)), signal)
        : fetchJson<PricesResponse>(apiUrl('prices', { ...params(p), at: undefined }), signal),
  });

/** The whole dated history (no `at`). */
export const priceHistoryQueryOptions = (p: PriceParams) =>
  queryOptions({
    queryKey: pricingKeys.history({ ...p, at: undefined }),
    queryFn: ({ signal }) =>
      fetchJson<PricesResponse>(apiUrl('price-history', { ...params(p), at: undefined }), signal),
  });

export const costEstimateQueryOptions = (p: CostParams) =>
  queryOptions({
    queryKey: pricingKeys.cost(p),
    queryFn: ({ signal }) => fetchJson<CostEstimateResponse>(apiUrl('cost-estimate', costParams(p)), signal),
  });

/** CSV twins: the download holds exactly what the JSON query returns. */
export const pricesCsvUrl = (p: PriceParams) =>
  p.at ? apiUrl('price-history.csv', params(p)) : apiUrl('prices.csv', { ...params(p), at: undefined });
export const historyCsvUrl = (p: PriceParams) => apiUrl('price-history.csv', { ...params(p), at: undefined });
export const costCsvUrl = (p: CostParams) => apiUrl('cost-estimate.csv', costParams(p));

export const usePriceModels = () => useQuery(priceModelsQueryOptions());
export const usePrices = (p: PriceParams) => useQuery(pricesQueryOptions(p));
export const usePriceHistory = (p: PriceParams, enabled = true) =>
  useQuery({ ...priceHistoryQueryOptions(p), enabled });
export const useCostEstimate = (p: CostParams) =>
  useQuery({ ...costEstimateQueryOptions(p), placeholderData: (prev) => prev });
