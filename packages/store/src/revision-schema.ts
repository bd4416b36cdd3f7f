/** Revision, change-set, token and audit tables as Kysely sees them; see migrations/0005 and 0009. */
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
   * Every state a record of any kind has had (`share`, `release`, `price`, `market-size`,
   * `event`): a JSON snapshot valid over `[valid_from, valid_to)`; `valid_to` is null for the
   * latest. A `withdrawn` revision (its snapshot the last state) marks a record the bundled data
   * dropped; it is no longer current. See migrations/0009-revisions.ts.
   */
  revisions: {
    kind: string;
    record_id: string;
    revision: number;
    changeset_id: number;
    /** `added`, `revised` or `withdrawn`. */
    change: string;
    /** Fields that changed from the previous revision, separated by `,` (empty for added). */
    changed_fields: string;
    valid_from: string;
    valid_to: string | null;
    /** What as-of reads filter and order by, filled by the kind's descriptor: a share's market. */
    scope: string | null;
    /** Order within the scope: a share's period end and start (`2025-03-31 2025-01-01`). */
    sort_key: string | null;
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
