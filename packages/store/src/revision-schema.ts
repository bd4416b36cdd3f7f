/** Revision, change-set, token and audit tables as Kysely sees them; see migrations/0005-revisions.ts. */
export interface RevisionTables {
  /** One per write: a bundled dataset load, an import, an editor's request. Ids increase with time. */
  changesets: {
    id: number;
    /** `bundled`, `import` or `api`. */
    kind: string;
    /** Who: `bundled dataset ds-…`, the importing user, or `token <name> (<id>)`. */
    actor: string;
    /** What: the file name, the request, or the dataset version. */
    description: string;
    /** When it entered the database (ISO timestamp, UTC); never earlier than the previous set's. */
    recorded_at: string;
    added: number;
    revised: number;
    withdrawn: number;
    /** JSON: e.g. conflicts a bundled load did not apply; null when there is nothing to add. */
    details: string | null;
  };
  /**
   * Every state a share figure has had: a full snapshot (identity, value, quote, source) valid
   * over `[valid_from, valid_to)`; `valid_to` is null for the latest. A `withdrawn` revision marks
   * a figure the bundled data dropped; it is no longer current.
   */
  share_figure_revisions: {
    figure_id: string;
    revision: number;
    changeset_id: number;
    /** `added`, `revised` or `withdrawn`. */
    change: string;
    /** Fields that changed from the previous revision, separated by `,` (empty for added). */
    changed_fields: string;
    valid_from: string;
    valid_to: string | null;
    market_id: string;
    subject_kind: string;
    subject_id: string;
    subject_name: string;
    model_family: string | null;
    /** Vendor ids separated by `;`, in source order. */
    vendor_ids: string;
    period_label: string;
    period_kind: string;
    period_start: string;
    period_end: string;
    share_pct: string;
    quote: string;
    source_id: string;
    publisher: string;
    source_title: string;
    source_url: string;
    published_date: string | null;
    source_quality: string;
    dataset_row: number;
  };
  /**
   * Every state a licensing release (`kind` release) or price point (`kind` price) has had, as a
   * JSON snapshot of the record, valid over `[valid_from, valid_to)`; see migrations/0006.
   */
  record_revisions: {
    kind: string;
    record_id: string;
    revision: number;
    changeset_id: number;
    change: string;
    changed_fields: string;
    valid_from: string;
    valid_to: string | null;
    data: string;
  };
  /** Bearer tokens for the write API. Only a SHA-256 hash of the secret is stored. */
  api_tokens: {
    id: string;
    name: string;
    secret_hash: string;
    /** Rights separated by spaces (`shares:write`). */
    scopes: string;
    created_at: string;
    created_by: string;
    revoked_at: string | null;
  };
  /** Every write and every refused write attempt. */
  audit_log: {
    id: string;
    at: string;
    actor: string;
    token_id: string | null;
    action: string;
    target: string | null;
    /** `ok`, `denied` (401/403), `rejected` (invalid input) or `rate-limited`. */
    outcome: string;
    changeset_id: number | null;
    remote_addr: string | null;
    /** JSON details; never a secret. */
    detail: string | null;
  };
}
