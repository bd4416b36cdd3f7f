import type { ColumnType } from 'kysely';
import type { PricingTables } from './pricing-schema.js';
import type { RevisionTables } from './revision-schema.js';

/** The database as Kysely sees it; one interface per table. Column names are snake_case. */
export interface Database extends PricingTables, RevisionTables {
  companies: { id: string; name: string; country: string; color: string };
  vendors: { id: string; name: string; parent_id: string; country: string };
  /** Vendor aliases (model_family null) and model-family aliases ("Qwen (Alibaba Cloud)"). */
  vendor_aliases: { alias: string; vendor_id: string; model_family: string | null; position: number };
  markets: {
    id: string;
    name: string;
    region: string;
    metric_basis: string;
    metric: string;
    scope: string;
    subject_level: string;
    position: number;
    /** Added by 0003; null only for rows written before it. */
    short_name: string | null;
  };
  market_source_names: { market_id: string; market_text: string; metric_text: string };
  vendor_groups: { id: string; name: string };
  vendor_group_members: { group_id: string; vendor_id: string; position: number };
  sources: {
    id: string;
    publisher: string;
    title: string;
    url: string;
    published_date: string | null;
    quality: string;
  };
  share_figures: {
    id: string;
    market_id: string;
    subject_kind: string;
    subject_id: string;
    subject_name: string;
    model_family: string | null;
    period_label: string;
    period_kind: string;
    period_start: string;
    period_end: string;
    /** Exactly as published ("18.0"); a decimal string, never a binary float. */
    share_pct: string;
    source_id: string;
    quote: string;
    dataset_row: number;
  };
  /** Which vendors a figure is about: one row for a vendor figure, one per member for a group. */
  share_figure_vendors: { figure_id: string; vendor_id: string; position: number };
  market_size_names: { market_id: string; name: string; position: number };
  licensing_vendors: { name: string; company_id: string };
  model_families: { id: string; name: string; company_id: string; vendor_id: string | null; position: number };
  model_family_prefixes: { family_id: string; prefix: string; position: number };
  model_releases: {
    id: string;
    kind: string;
    family_id: string;
    company_id: string;
    name: string;
    grade: string | null;
    licence: string;
    date_text: string;
    date: string | null;
    url: string;
    quote: string;
    quality: string;
    dataset_row: number;
  };
  market_sizes: {
    id: string;
    market_id: string | null;
    market_text: string;
    region: string;
    period_text: string;
    period_label: string | null;
    period_kind: string | null;
    period_start: string | null;
    period_end: string | null;
    /** 0 or 1. */
    forecast: number;
    /** Exactly as published; a decimal string. */
    value: string;
    unit: string;
    /** 0 or 1. */
    lower_bound: number;
    publisher: string;
    publisher_text: string;
    published_date: string | null;
    url: string;
    quote: string;
    quality: string;
    dataset_row: number;
  };
  /** Content-hash ids before migration 0008 widened them (8 hex digits) and what each became. */
  id_aliases: { old_id: string; new_id: string };
  dataset_meta: { key: string; value: string; updated_at: ColumnType<string, string, string> };
}
