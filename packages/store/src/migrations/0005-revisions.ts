import type { Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only. Revision history for share figures, change sets (who
// wrote what, when), API tokens and the audit log. `share_figures` stays the current state that
// every existing query reads; `share_figure_revisions` is the append-only history it is derived
// from. Figures already loaded are backfilled as revision 1 of one change set attributed to the
// bundled dataset they came from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('changesets')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('revised', 'integer', (c) => c.notNull())
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createTable('share_figure_revisions')
    .addColumn('figure_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('changeset_id', 'integer', (c) => c.notNull().references('changesets.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('changed_fields', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('market_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('model_family', 'text')
    .addColumn('vendor_ids', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('share_pct', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('source_title', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('published_date', 'text')
    .addColumn('source_quality', 'text', (c) => c.notNull())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('share_figure_revisions_pk', ['figure_id', 'revision'])
    .execute();
  await db.schema
    .createIndex('share_figure_revisions_time')
    .on('share_figure_revisions')
    .columns(['valid_from', 'valid_to'])
    .execute();
  await db.schema
    .createIndex('share_figure_revisions_changeset')
    .on('share_figure_revisions')
    .column('changeset_id')
    .execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('changeset_id', 'integer')
    .addColumn('remote_addr', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await backfill(db as Kysely<Tables>);
}

interface Tables {
  dataset_meta: { key: string; value: string; updated_at: string };
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
    share_pct: string;
    source_id: string;
    quote: string;
    dataset_row: number;
  };
  share_figure_vendors: { figure_id: string; vendor_id: string; position: number };
  changesets: {
    id: number;
    kind: string;
    actor: string;
    description: string;
    recorded_at: string;
    added: number;
    revised: number;
    withdrawn: number;
    details: string | null;
  };
  share_figure_revisions: Record<string, unknown>;
}

async function backfill(db: Kysely<Tables>) {
  const figures = await db
    .selectFrom('share_figures as f')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .select([
      'f.id',
      'f.market_id',
      'f.subject_kind',
      'f.subject_id',
      'f.subject_name',
      'f.model_family',
      'f.period_label',
      'f.period_kind',
      'f.period_start',
      'f.period_end',
      'f.share_pct',
      'f.quote',
      'f.source_id',
      'f.dataset_row',
      's.publisher',
      's.title',
      's.url',
      's.published_date',
      's.quality',
    ])
    .orderBy('f.id')
    .execute();
  if (figures.length === 0) return;
  const links = await db
    .selectFrom('share_figure_vendors')
    .selectAll()
    .orderBy('figure_id')
    .orderBy('position')
    .execute();
  const vendorsOf = new Map<string, string[]>();
  for (const l of links) vendorsOf.set(l.figure_id, [...(vendorsOf.get(l.figure_id) ?? []), l.vendor_id]);
  const meta = await db.selectFrom('dataset_meta').selectAll().where('key', '=', 'version').executeTakeFirst();
  const at = meta?.updated_at ?? new Date().toISOString();
  await db
    .insertInto('changesets')
    .values({
      id: 1,
      kind: 'bundled',
      actor: `bundled dataset ${meta?.value ?? 'unknown'}`,
      description: 'figures loaded before revision history was kept (migration 0005)',
      recorded_at: at,
      added: figures.length,
      revised: 0,
      withdrawn: 0,
      details: null,
    })
    .execute();
  for (let i = 0; i < figures.length; i += 200) {
    await db
      .insertInto('share_figure_revisions')
      .values(
        figures.slice(i, i + 200).map((f) => ({
          figure_id: f.id,
          revision: 1,
          changeset_id: 1,
          change: 'added',
          changed_fields: '',
          valid_from: at,
          valid_to: null,
          market_id: f.market_id,
          subject_kind: f.subject_kind,
          subject_id: f.subject_id,
          subject_name: f.subject_name,
          model_family: f.model_family,
          vendor_ids: (vendorsOf.get(f.id) ?? []).join(';'),
          period_label: f.period_label,
          period_kind: f.period_kind,
          period_start: f.period_start,
          period_end: f.period_end,
          share_pct: f.share_pct,
          quote: f.quote,
          source_id: f.source_id,
          publisher: f.publisher,
          source_title: f.title,
          source_url: f.url,
          published_date: f.published_date,
          source_quality: f.quality,
          dataset_row: f.dataset_row,
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'api_tokens', 'share_figure_revisions', 'changesets']) {
    await db.schema.dropTable(t).execute();
  }
}
