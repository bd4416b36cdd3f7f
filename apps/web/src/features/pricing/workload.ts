import type { Currency } from '@dash/domain';
import type { CostParams } from './api/queries';

/** The calculator's workload as typed in its fields (and kept in the URL). */
export interface WorkloadState {
  input: string;
  output: string;
  requests: string;
  cached: string;
  context: string;
  ratio: string;
}

/** The workload's keys in the page URL (`/prices?in=10000&out=2000&req=1000`). */
export const WORKLOAD_URL_KEYS: Record<keyof WorkloadState, string> = {
  input: 'in',
  output: 'out',
  requests: 'req',
  cached: 'cached',
  context: 'ctx',
  ratio: 'ratio',
};

export const DEFAULT_WORKLOAD: WorkloadState = {
  input: '10000',
  output: '2000',
  requests: '1000',
  cached: '0',
  context: '',
  ratio: '3:1',
};

/**
 * The cost-estimate query of a workload: what the calculator asks for, and what the app asks for
 * first on /prices (its route's loader, features/pricing/route.ts) before the calculator's code has run.
 */
export function costQueryOf(workload: WorkloadState, currency: Currency, at: string | undefined, chosen: readonly string[]): CostParams {
  return {
    inputTokensPerRequest: Number(workload.input),
    outputTokensPerRequest: Number(workload.output),
    requestsPerMonth: Number(workload.requests),
    cachedInputPct: workload.cached,
    contextTokens: workload.context === '' ? undefined : Number(workload.context),
    ratio: workload.ratio,
    currency,
    at,
    model: chosen.length > 0 ? chosen : undefined,
  };
}
