/** The pricing tables as Kysely sees them (part of {@link Database}); see migrations/0002-pricing.ts. */
export interface PricingTables {
  priced_models: {
    id: string;
    name: string;
    vendor_id: string;
    family: string;
    weights: string;
    license: string;
    /** Pricing models separated by `;` ("token-metered-api;open-weights"). */
    pricing_models: string;
    position: number;
  };
  price_points: {
    id: string;
    dataset_row: number;
    model_id: string;
    model_text: string;
    vendor_id: string;
    license: string;
    platform: string;
    region: string;
    currency: string;
    currency_note: string | null;
    unit_tokens: number;
    /** Prices are exact decimal text, never floats. */
    source_input_price: string;
    source_output_price: string | null;
    source_cached_input_price: string | null;
    input_per_mtok: string;
    output_per_mtok: string | null;
    cached_input_per_mtok: string | null;
    tier_min_input_tokens: number | null;
    tier_max_input_tokens: number | null;
    effective_text: string;
    effective_kind: string;
    effective_from: string | null;
    effective_to: string | null;
    /** 0 or 1. */
    effective_approximate: number;
    effective_note: string | null;
    source_url: string;
    source_site: string;
    source_quality: string;
    quote: string;
  };
  fx_rates: {
    id: string;
    dataset_row: number;
    period_kind: string;
    period: string;
    start_date: string;
    end_date: string;
    cny_per_usd: string;
    kind: string;
    kind_text: string;
    publisher: string;
    url: string;
    quote: string;
    quality: string;
  };
  price_pairs: {
    id: string;
    label: string;
    left_model_id: string;
    right_model_id: string;
    note: string;
    position: number;
  };
}
