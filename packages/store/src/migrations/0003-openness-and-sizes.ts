import type { Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only: booleans are integers 0/1, decimals are TEXT.
// Model families and their graded releases (licensing data), market totals, and the market
// fields that link them (short name for sentences, the wordings of totals on the same definition).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('markets').addColumn('short_name', 'text').execute();
  await db.schema
    .createTable('market_size_names')
    .addColumn('market_id', 'text', (c) => c.notNull().references('markets.id'))
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('licensing_vendors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .execute();
  await db.schema
    .createTable('model_families')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('vendor_id', 'text', (c) => c.references('vendors.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('model_family_prefixes')
    .addColumn('family_id', 'text', (c) => c.notNull().references('model_families.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_family_prefixes_pk', ['family_id', 'prefix'])
    .execute();
  await db.schema
    .createTable('model_releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull().references('model_families.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('grade', 'text')
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('date_text', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('market_sizes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('market_id', 'text', (c) => c.references('markets.id'))
    .addColumn('market_text', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period_text', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text')
    .addColumn('period_kind', 'text')
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('forecast', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('lower_bound', 'integer', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('publisher_text', 'text', (c) => c.notNull())
    .addColumn('published_date', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('market_sizes_market').on('market_sizes').columns(['market_id', 'period_label']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['market_sizes', 'model_releases', 'model_family_prefixes', 'model_families', 'licensing_vendors', 'market_size_names']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('markets').dropColumn('short_name').execute();
}
