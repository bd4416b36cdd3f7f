import type { Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only. An index on share figure revisions in the order a
// streamed as-of export reads them (market, period end, period start), as share_figures_market_period
// is for current figures: without it the database sorts every revision before the first row
// (on SQLite, a temporary B-tree built on the server's event loop).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('share_figure_revisions_market_period')
    .on('share_figure_revisions')
    .columns(['market_id', 'period_end', 'period_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('share_figure_revisions_market_period').execute();
}
