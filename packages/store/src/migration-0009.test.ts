import { describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate } from './database.js';
import { listRecordRevisions } from './record-repository.js';
import { listChanges, listFigureRevisions } from './revision-repository.js';
import { findIdAlias, findShares } from './share-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';
import { OLD_DATABASE, writeOldDatabase } from './testing/old-database.js';
import { withOldIds } from './testing/old-ids.js';

const OLD_ID = /\b(?:fx|[fsrpze])-[0-9a-f]{8}\b/g;
const ds = loadDataset();
const old = withOldIds(ds);

describe.each(TEST_DIALECTS)(
  'upgrading a database of the old design on $name (migrations 0008 and 0009)',
  (dialect) => {
    it('gives 64-bit ids, moves both revision tables into one, and answers history, asOf and the feed as before', async () => {
      const { store, cleanup } = await dialect.open();
      try {
        await writeOldDatabase(store);
        await migrate(store.db);

        // 0008: every old id has a 64-bit one, computed from the same identity as the code now does.
        const aliases = new Map(
          (await store.db.selectFrom('id_aliases').selectAll().execute()).map((a) => [a.old_id, a.new_id]),
        );
        expect(aliases.size).toBeGreaterThan(100);
        for (const to of aliases.values()) expect(to).toMatch(/^(?:fx|[fsrpze])-[0-9a-f]{16}$/);
        const i = old.figures.findIndex((f) => aliases.has(f.id));
        expect(i).toBeGreaterThanOrEqual(0);
        for (const [from, to] of [
          [old.figures[i]!.id, ds.figures[i]!.id],
          [old.sources[0]!.id, ds.sources[0]!.id],
          [old.pricing.points[0]!.id, ds.pricing.points[0]!.id],
          [old.openness.releases[0]!.id, ds.openness.releases[0]!.id],
        ]) {
          expect(await findIdAlias(store.db, from!)).toBe(to);
        }
        expect(await findIdAlias(store.db, 'f-00000000')).toBeNull();
        const stored = await store.db.selectFrom('revisions').select(['record_id', 'data']).execute();
        expect(stored.filter((r) => `${r.record_id} ${r.data}`.match(OLD_ID))).toEqual([]);

        // 0009 (and 0008): what readers saw before, with each old id read as its new one.
        const renamed = <T>(x: T): T => JSON.parse(JSON.stringify(x).replace(OLD_ID, (m) => aliases.get(m) ?? m)) as T;
        const { answers } = OLD_DATABASE;
        // Entries that tie on everything else are ordered by id, and the ids are new: compare as sets.
        const byId = <T>(xs: T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        for (const [instant, expected] of Object.entries(answers.asOf)) {
          if (instant.endsWith(' all')) {
            const ids = (await findShares(store.db, { asOf: instant.slice(0, -4) })).map((f) => f.id);
            expect(byId(ids), instant).toEqual(byId(renamed(expected as string[])));
          } else {
            expect(byId(await findShares(store.db, { asOf: instant, market: 'china-cloud-infra' })), instant).toEqual(
              byId(renamed(expected as unknown[])),
            );
          }
        }
        for (const [id, expected] of Object.entries(answers.history))
          expect(await listFigureRevisions(store.db, aliases.get(id)!)).toEqual(renamed(expected));
        const kindOf = (id: string) => (id.startsWith('p-') ? 'price' : 'release');
        for (const [id, expected] of Object.entries(answers.records))
          expect(await listRecordRevisions(store.db, kindOf(id), aliases.get(id)!)).toEqual(renamed(expected));
        // A page of the feed cuts a change set by id order, so the same page holds other entries
        // of the same change sets: each old entry is in the feed, and each page spans the same sets.
        const sets = (xs: unknown[]) => xs.map((x) => JSON.stringify((x as { changeset: unknown }).changeset)).sort();
        const feed = await listChanges(store.db, { limit: 1000 });
        for (const page of [
          { expected: renamed(answers.changes as unknown[]), actual: await listChanges(store.db, { limit: 40 }) },
          {
            expected: renamed(answers.changesMarket as unknown[]),
            actual: await listChanges(store.db, { limit: 10, market: 'china-cloud-infra', afterChangeset: 1 }),
          },
        ]) {
          expect(feed).toEqual(expect.arrayContaining(page.expected));
          expect(sets(page.actual)).toEqual(sets(page.expected));
        }

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
        expect(await count('share')).toBe(OLD_DATABASE.tables.share_figure_revisions.length);
        expect((await count('release')) + (await count('price'))).toBe(OLD_DATABASE.tables.record_revisions.length);
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        expect(tables).not.toContain('share_figure_revisions');
        expect(tables).not.toContain('record_revisions');
      } finally {
        await cleanup();
      }
    });
  },
);
