import type { MetricBasis, SourceQuality } from './schemas/entities.js';
import type { FxKind, PricingModel, Weights } from './schemas/pricing.js';

// How the product names the values of the domain's enumerations (the schemas list the values).

export const METRIC_BASIS_LABELS: Record<MetricBasis, string> = {
  revenue: 'Revenue / spend share',
  'token-volume': 'API token-volume share',
  usage: 'Model-usage share',
};

export const SOURCE_QUALITY_LABELS: Record<SourceQuality, string> = {
  primary: "Primary: the publisher's or vendor's own page, or a verbatim copy of its table",
  press: 'Press: trade press re-reporting the publisher',
  community: 'Community: a community-maintained price sheet with dated snapshots',
  secondary: 'Secondary: aggregator, mirror or commentary site; lower confidence',
};

export const PRICING_MODEL_LABELS: Record<PricingModel, string> = {
  'token-metered-api': 'Token-metered API',
  'free-tier': 'Free API tier',
  'open-weights': 'Open weights (self-host)',
};

export const WEIGHTS_LABELS: Record<Weights, string> = {
  open: 'Open weights',
  closed: 'Closed (API only)',
  unverified: 'Not verified',
};

export const FX_KIND_LABELS: Record<FxKind, string> = {
  'central-parity': 'PBOC central parity fixing',
  'fed-h10-noon': 'Federal Reserve H.10 noon buying rate',
  'spot-close': 'onshore spot close',
  'monthly-average': 'monthly average of Fed H.10 rates (FRED)',
  'annual-average': 'IRS yearly average rate',
};
