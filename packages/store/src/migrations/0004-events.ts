import type { Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only. Dated market events (events.csv) for chart annotations:
// the date as the source gives it with its precision, the first and last day it may fall on, and
// the companies it is about (a child table, so "events of these companies" is a plain join).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('market_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('precision', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('vendor_names', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('dataset_row', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('market_events_dates').on('market_events').columns(['start_date', 'end_date']).execute();
  await db.schema
    .createTable('market_event_companies')
    .addColumn('event_id', 'text', (c) => c.notNull().references('market_events.id'))
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('market_event_companies_pk', ['event_id', 'company_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('market_event_companies').execute();
  await db.schema.dropTable('market_events').execute();
}
