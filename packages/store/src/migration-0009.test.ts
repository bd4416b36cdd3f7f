import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate } from './database.js';
import { listRecordRevisions } from './record-repository.js';
import { listChanges, listFigureRevisions } from './revision-repository.js';
import { findShares } from './share-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

/**
 * A database written by the code before migration 0009 (two revision tables): the rows of its
 * changesets, share_figure_revisions and record_revisions, and what history, asOf and the change
 * feed answered then. History: the bundled load, an editor's revision, an import, a second
 * bundled version (a revised figure, a withdrawn one, a conflict) and a price import.
 */
const fixture = JSON.parse(
  readFileSync(new URL('./testing/fixtures/revisions-0007.json', import.meta.url), 'utf8'),
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

describe.each(TEST_DIALECTS)('migration 0009 on $name', (dialect) => {
  it('moves both revision tables into one: history, asOf answers and the change feed are identical', async () => {
    const { store, cleanup } = await dialect.open();
    try {
      await migrate(store.db, { upTo: '0007-revisions-market-period' });
      for (const table of ['changesets', 'share_figure_revisions', 'record_revisions'] as const) {
        const rows = fixture.tables[table];
        for (let i = 0; i < rows.length; i += 50) {
          await sql`insert into ${sql.table(table)} ${sql.raw(`(${Object.keys(rows[0]!).join(', ')})`)} values ${sql.join(
            rows.slice(i, i + 50).map((r) => sql`(${sql.join(Object.values(r))})`),
          )}`.execute(store.db);
        }
      }
      await migrate(store.db);

      const { answers } = fixture;
      for (const [instant, expected] of Object.entries(answers.asOf)) {
        if (instant.endsWith(' all')) {
          const ids = (await findShares(store.db, { asOf: instant.slice(0, -4) })).map((f) => f.id);
          expect(ids, instant).toEqual(expected);
        } else {
          expect(await findShares(store.db, { asOf: instant, market: 'china-cloud-infra' }), instant).toEqual(expected);
        }
      }
      for (const [id, expected] of Object.entries(answers.history))
        expect(await listFigureRevisions(store.db, id)).toEqual(expected);
      const kindOf = (id: string) => (id.startsWith('p-') ? 'price' : 'release');
      for (const [id, expected] of Object.entries(answers.records))
        expect(await listRecordRevisions(store.db, kindOf(id), id)).toEqual(expected);
      expect(await listChanges(store.db, { limit: 40 })).toEqual(answers.changes);
      expect(await listChanges(store.db, { limit: 10, market: 'china-cloud-infra', afterChangeset: 1 })).toEqual(
        answers.changesMarket,
      );

      const count = async (kind: string) =>
        Number(
          (
            await store.db
              .selectFrom('revisions')
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .where('kind', '=', kind)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('share')).toBe(fixture.tables.share_figure_revisions.length);
      expect((await count('release')) + (await count('price'))).toBe(fixture.tables.record_revisions.length);
      const tables = await store.db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('share_figure_revisions');
      expect(tables.map((t) => t.name)).not.toContain('record_revisions');
    } finally {
      await cleanup();
    }
  });
});
