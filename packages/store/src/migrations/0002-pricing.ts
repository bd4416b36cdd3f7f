import type { Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only (SQLite and PostgreSQL): prices and rates are exact
// decimal TEXT, booleans are integers 0/1, dates are ISO TEXT. Token prices per model, region and
// currency with their tiers and effective dates, the dated exchange rates, and head-to-head pairs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('priced_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id'))
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('license', 'text', (c) => c.notNull())
    .addColumn('pricing_models', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('price_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.notNull().references('priced_models.id'))
    .addColumn('model_text', 'text', (c) => c.notNull())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id'))
    .addColumn('license', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('currency_note', 'text')
    .addColumn('unit_tokens', 'integer', (c) => c.notNull())
    .addColumn('source_input_price', 'text', (c) => c.notNull())
    .addColumn('source_output_price', 'text')
    .addColumn('source_cached_input_price', 'text')
    .addColumn('input_per_mtok', 'text', (c) => c.notNull())
    .addColumn('output_per_mtok', 'text')
    .addColumn('cached_input_per_mtok', 'text')
    .addColumn('tier_min_input_tokens', 'integer')
    .addColumn('tier_max_input_tokens', 'integer')
    .addColumn('effective_text', 'text', (c) => c.notNull())
    .addColumn('effective_kind', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('effective_to', 'text')
    .addColumn('effective_approximate', 'integer', (c) => c.notNull())
    .addColumn('effective_note', 'text')
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('source_site', 'text', (c) => c.notNull())
    .addColumn('source_quality', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('price_points_model')
    .on('price_points')
    .columns(['model_id', 'region', 'currency'])
    .execute();
  await db.schema.createIndex('price_points_vendor').on('price_points').column('vendor_id').execute();
  await db.schema
    .createTable('fx_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('cny_per_usd', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('kind_text', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('price_pairs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('left_model_id', 'text', (c) => c.notNull().references('priced_models.id'))
    .addColumn('right_model_id', 'text', (c) => c.notNull().references('priced_models.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['price_pairs', 'fx_rates', 'price_points', 'priced_models']) await db.schema.dropTable(t).execute();
}
