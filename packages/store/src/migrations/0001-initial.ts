import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one. Portable SQL only (SQLite and
// PostgreSQL), so every table uses text/integer columns and explicit foreign keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('country', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('vendor_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id'))
    .addColumn('model_family', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('markets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('metric_basis', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject_level', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('market_source_names')
    .addColumn('market_id', 'text', (c) => c.notNull().references('markets.id'))
    .addColumn('market_text', 'text', (c) => c.notNull())
    .addColumn('metric_text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('market_source_names_pk', ['market_text', 'metric_text'])
    .execute();
  await db.schema
    .createTable('vendor_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('vendor_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('vendor_groups.id'))
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('vendor_group_members_pk', ['group_id', 'vendor_id'])
    .execute();
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('published_date', 'text')
    .addColumn('quality', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('share_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('market_id', 'text', (c) => c.notNull().references('markets.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('model_family', 'text')
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('share_pct', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('share_figures_market_period')
    .on('share_figures')
    .columns(['market_id', 'period_end', 'period_start'])
    .execute();
  await db.schema
    .createTable('share_figure_vendors')
    .addColumn('figure_id', 'text', (c) => c.notNull().references('share_figures.id'))
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('share_figure_vendors_pk', ['figure_id', 'vendor_id'])
    .execute();
  await db.schema.createIndex('share_figure_vendors_vendor').on('share_figure_vendors').column('vendor_id').execute();
  await db.schema
    .createTable('dataset_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'dataset_meta',
    'share_figure_vendors',
    'share_figures',
    'sources',
    'vendor_group_members',
    'vendor_groups',
    'market_source_names',
    'markets',
    'vendor_aliases',
    'vendors',
    'companies',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
