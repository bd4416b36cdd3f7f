import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { migrate, type Store } from '../database.js';

/**
 * A database written by the code before migrations 0008 and 0009 (32-bit ids, two revision
 * tables): the rows of its changesets, share_figure_revisions and record_revisions, and what
 * history, asOf and the change feed answered then. History: the bundled load, an editor's
 * revision, an import, a second bundled version (a revised figure, a withdrawn one, a conflict)
 * and a price import. Generated once with the code at fcd9b10.
 */
export const OLD_DATABASE = JSON.parse(
  readFileSync(new URL('./fixtures/revisions-0007.json', import.meta.url), 'utf8'),
) as {
  tables: Record<'changesets' | 'share_figure_revisions' | 'record_revisions', Array<Record<string, unknown>>>;
  answers: {
    asOf: Record<string, unknown>;
    history: Record<string, unknown>;
    records: Record<string, unknown>;
    changes: unknown;
    changesMarket: unknown;
  };
};

/** Fills `store` (empty) with that database at migration 0007, as the old code left it. */
export async function writeOldDatabase(store: Store): Promise<void> {
  await migrate(store.db, { upTo: '0007-revisions-market-period' });
  for (const table of ['changesets', 'share_figure_revisions', 'record_revisions'] as const) {
    const rows = OLD_DATABASE.tables[table];
    for (let i = 0; i < rows.length; i += 50) {
      await sql`insert into ${sql.table(table)} ${sql.raw(`(${Object.keys(rows[0]!).join(', ')})`)} values ${sql.join(
        rows.slice(i, i + 50).map((r) => sql`(${sql.join(Object.values(r))})`),
      )}`.execute(store.db);
    }
  }
}
