import type { ColumnType } from 'kysely';

/** The database as Kysely sees it; one interface per table. Column names are snake_case. */
export interface Database {
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
  dataset_meta: { key: string; value: string; updated_at: ColumnType<string, string, string> };
}
