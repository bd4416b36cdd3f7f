import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import type { ShareFigure } from '@dash/domain';
import { migrate, openStore, type Store } from './database.js';
import { getDatasetVersion, loadBundledDataset, type BundledData } from './dataset-repository.js';
import { listSources } from './reference-repository.js';
import { importShareFigures, latestChangeset, listChanges, listFigureRevisions } from './revision-repository.js';
import { findShares } from './share-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';
import { shareRow, shareWrite } from './testing/share-rows.js';

const ds = loadDataset();
const ref = { vendors: ds.vendors, aliases: ds.aliases, markets: ds.markets };
const T1 = new Date('2026-01-10T08:00:00.000Z');
const T2 = new Date('2026-02-10T08:00:00.000Z');
const T3 = new Date('2026-03-10T08:00:00.000Z');

// A figure to revise: Canalys, China cloud infrastructure 2025Q1, Alibaba Cloud 33%.
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const withValue = (f: ShareFigure, text: string): ShareFigure => ({ ...f, sharePctText: text, sharePct: Number(text) });
const bundledWith = (version: string, figures: ShareFigure[]): BundledData => ({ ...ds, version, figures });
const revisedBundle = (version: string, text: string) =>
  bundledWith(
    version,
    ds.figures.map((f) => (f.id === target.id ? withValue(f, text) : f)),
  );
const editor = {
  kind: 'api' as const,
  actor: 'token alice (t-alice)',
  description: 'PATCH /api/v1/shares/' + target.id,
};

/** The target figure's current value via findShares (the current-state tables). */
async function currentValue(store: Store, asOf?: string) {
  const all = await findShares(
    store.db,
    asOf ? { market: 'china-cloud-infra', asOf } : { market: 'china-cloud-infra' },
  );
  return all.find((f) => f.id === target.id)?.sharePctText ?? null;
}

/** An editor's correction of the target figure, written as an import of one row would be. */
async function editTarget(store: Store, text: string, now: Date) {
  const source = ds.sources.find((s) => s.id === target.sourceId)!;
  const write = { figures: [withValue(target, text)], sources: [source], groups: [] };
  return importShareFigures(store.db, write, { mode: 'import', changeset: editor, now });
}

describe.each(TEST_DIALECTS)('revisions on $name', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await dialect.open());
    await migrate(store.db);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('loads the bundled dataset as change set 1, every figure added and attributed to it', async () => {
    const result = await loadBundledDataset(store.db, ds, T1);
    expect(result.counts.added).toBe(112);
    expect(result.changesetId).toBe(1);
    const history = await listFigureRevisions(store.db, target.id);
    expect(history).toHaveLength(1);
    expect(history[0]!).toMatchObject({
      revision: 1,
      change: 'added',
      validFrom: T1.toISOString(),
      validTo: null,
      changeset: { id: 1, kind: 'bundled', actor: `bundled dataset ${ds.version}` },
    });
    expect(history[0]!.figure.sharePctText).toBe('33');
  });

  it('reads the same figures from the history (asOf now) as from the current state', async () => {
    await loadBundledDataset(store.db, ds, T1);
    await editTarget(store, '34', T2);
    const current = await findShares(store.db, {});
    const asOfNow = await findShares(store.db, { asOf: new Date(T3).toISOString() });
    expect(asOfNow).toEqual(current);
    expect(current).toHaveLength(112);
  });

  it('re-loading the same bundled data writes nothing: no change set, no revision', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const again = await loadBundledDataset(store.db, { ...ds, version: 'ds-same-content' }, T2);
    expect(again.counts).toMatchObject({ added: 0, revised: 0, withdrawn: 0, unchanged: 112 });
    expect(again.changesetId).toBeNull();
    expect((await latestChangeset(store.db))?.id).toBe(1);
    expect(await getDatasetVersion(store.db)).toBe('ds-same-content');
  });

  it('a new bundled version revises a changed figure and keeps the old value queryable with asOf', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const result = await loadBundledDataset(store.db, revisedBundle('ds-v2', '33.5'), T2);
    expect(result.counts).toMatchObject({ added: 0, revised: 1, withdrawn: 0, unchanged: 111 });
    expect(result.changes.find((c) => c.kind === 'revised')).toMatchObject({
      figureId: target.id,
      fields: ['share_pct'],
    });
    expect(await currentValue(store)).toBe('33.5');
    expect(await currentValue(store, '2026-01-31')).toBe('33');
    expect(await currentValue(store, T2.toISOString())).toBe('33.5');
    // The instant before the revision still sees the old value.
    expect(await currentValue(store, new Date(T2.getTime() - 1).toISOString())).toBe('33');
    // Before anything was loaded there was nothing.
    expect(await findShares(store.db, { asOf: '2025-12-31' })).toEqual([]);
    const history = await listFigureRevisions(store.db, target.id);
    expect(history.map((h) => [h.revision, h.figure.sharePctText, h.validFrom, h.validTo])).toEqual([
      [1, '33', T1.toISOString(), T2.toISOString()],
      [2, '33.5', T2.toISOString(), null],
    ]);
    expect(history[1]!.changeset.actor).toBe('bundled dataset ds-v2');
  });

  it("keeps an editor's revision when a new bundled version leaves that figure as it was", async () => {
    await loadBundledDataset(store.db, ds, T1);
    await editTarget(store, '34', T2);
    // The bundled data changes another figure, not the one the editor corrected.
    const other = ds.figures.find((f) => f.id !== target.id && f.marketId === 'china-ai-cloud')!;
    const v2 = bundledWith(
      'ds-v2',
      ds.figures.map((f) => (f.id === other.id ? { ...f, quote: `${f.quote} (corrected)` } : f)),
    );
    const result = await loadBundledDataset(store.db, v2, T3);
    expect(result.counts).toMatchObject({ revised: 1, kept: 1, conflict: 0 });
    expect(result.changes.find((c) => c.figureId === target.id)).toMatchObject({ kind: 'kept' });
    expect(await currentValue(store)).toBe('34');
    expect((await listFigureRevisions(store.db, target.id)).map((h) => h.changeset.actor)).toEqual([
      `bundled dataset ${ds.version}`,
      editor.actor,
    ]);
  });

  it("never overwrites an editor's revision when the bundled data changes the same figure: a conflict, reported", async () => {
    await loadBundledDataset(store.db, ds, T1);
    await editTarget(store, '34', T2);
    const result = await loadBundledDataset(store.db, revisedBundle('ds-v2', '33.5'), T3);
    expect(result.counts).toMatchObject({ revised: 0, conflict: 1 });
    const conflict = result.changes.find((c) => c.kind === 'conflict')!;
    expect(conflict).toMatchObject({
      figureId: target.id,
      before: { sharePctText: '34' },
      after: { sharePctText: '33.5' },
    });
    expect(conflict.reason).toContain(editor.actor);
    expect(await currentValue(store)).toBe('34');
    expect(await listFigureRevisions(store.db, target.id)).toHaveLength(2);
    expect(await getDatasetVersion(store.db)).toBe('ds-v2');
    // The bundled value is settled when the bundled data agrees with the editor again.
    const agreed = await loadBundledDataset(store.db, revisedBundle('ds-v3', '34'), T3);
    expect(agreed.counts).toMatchObject({ unchanged: 112, conflict: 0, revised: 0 });
  });

  it('withdraws a figure the bundled data dropped, keeping its history, and drops sources no figure cites', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const lonely = ds.sources.find((s) => ds.figures.filter((f) => f.sourceId === s.id).length === 1)!;
    const dropped = ds.figures.find((f) => f.sourceId === lonely.id)!;
    const result = await loadBundledDataset(
      store.db,
      bundledWith(
        'ds-v2',
        ds.figures.filter((f) => f.id !== dropped.id),
      ),
      T2,
    );
    expect(result.counts).toMatchObject({ withdrawn: 1, unchanged: 111 });
    expect((await findShares(store.db, {})).map((f) => f.id)).not.toContain(dropped.id);
    expect((await findShares(store.db, { asOf: '2026-01-31' })).map((f) => f.id)).toContain(dropped.id);
    expect((await listSources(store.db)).map((s) => s.id)).not.toContain(lonely.id);
    const history = await listFigureRevisions(store.db, dropped.id);
    expect(history.map((h) => h.change)).toEqual(['added', 'withdrawn']);
    // Back in a later version: added again, as revision 3.
    const back = await loadBundledDataset(store.db, ds, T3);
    expect(back.counts).toMatchObject({ added: 1 });
    expect((await listFigureRevisions(store.db, dropped.id)).map((h) => h.revision)).toEqual([1, 2, 3]);
  });

  it('keeps a figure the bundled data dropped when an editor revised it', async () => {
    await loadBundledDataset(store.db, ds, T1);
    await editTarget(store, '34', T2);
    const result = await loadBundledDataset(
      store.db,
      bundledWith(
        'ds-v2',
        ds.figures.filter((f) => f.id !== target.id),
      ),
      T3,
    );
    expect(result.counts).toMatchObject({ withdrawn: 0, kept: 1 });
    expect(await currentValue(store)).toBe('34');
  });

  it('imports added, revised and unchanged figures; the same file again changes nothing', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const source = ds.sources.find((s) => s.id === target.sourceId)!;
    const write = shareWrite(ref, [
      shareRow(ref, { vendor: 'Huawei Cloud', value_percent: '18', quote: 'Huawei Cloud 18%' }),
      shareRow(ref, { vendor: 'Tencent Cloud', value_percent: '9.5', quote: 'Tencent Cloud 9.5%' }),
    ]);
    const revision = { figures: [withValue(target, '33.0')], sources: [source], groups: [] };
    const combined = {
      figures: [...write.figures, ...revision.figures],
      sources: [...write.sources, source],
      groups: [],
    };
    const changeset = { kind: 'import' as const, actor: 'analyst', description: 'q1.csv' };
    const first = await importShareFigures(store.db, combined, { mode: 'import', changeset, now: T2 });
    expect(first.counts).toMatchObject({ added: 2, revised: 1, unchanged: 0 });
    expect(first.changesetId).toBe(2);
    expect(await currentValue(store)).toBe('33.0');
    const second = await importShareFigures(store.db, combined, { mode: 'import', changeset, now: T3 });
    expect(second.counts).toMatchObject({ added: 0, revised: 0, unchanged: 3 });
    expect(second.changesetId).toBeNull();
    expect((await latestChangeset(store.db))?.id).toBe(2);
    expect(await findShares(store.db, {})).toHaveLength(114);
  });

  it('a dry run plans the same changes and writes nothing', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const write = shareWrite(ref, [shareRow(ref, { vendor: 'Huawei Cloud', value_percent: '18' })]);
    const changeset = { kind: 'import' as const, actor: 'analyst', description: 'q1.csv' };
    const dry = await importShareFigures(store.db, write, { mode: 'import', changeset, dryRun: true, now: T2 });
    expect(dry.counts.added).toBe(1);
    expect(dry.changesetId).toBeNull();
    expect(await findShares(store.db, {})).toHaveLength(112);
    expect((await latestChangeset(store.db))?.id).toBe(1);
  });

  it('an import that fails on row 400 of 450 writes nothing at all', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const before = await findShares(store.db, {});
    const rows = Array.from({ length: 450 }, (_, i) =>
      shareRow(ref, { publisher: `Synthetic Research ${i}`, url: `https://example.com/r/${i}`, value_percent: '1' }),
    );
    const write = shareWrite(ref, rows);
    // Row 400 names a vendor the database does not hold: its foreign key fails after 399 rows
    // (and whole chunks of revisions and current-state rows) have been written.
    const figures = write.figures.map((f, i) => (i === 399 ? { ...f, vendorIds: ['no-such-vendor'] } : f));
    await expect(
      importShareFigures(
        store.db,
        { ...write, figures },
        { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'big.csv' }, now: T2 },
      ),
    ).rejects.toThrow();
    expect(await findShares(store.db, {})).toEqual(before);
    expect((await latestChangeset(store.db))?.id).toBe(1);
    expect((await listChanges(store.db, { limit: 1000 })).length).toBe(112);
  });

  it('refuses an import that would push a market-period over 100% with the figures already held', async () => {
    await loadBundledDataset(store.db, ds, T1);
    // Canalys 2025Q1: Alibaba 33, Huawei 18, Tencent 10 in the bundled data; 45 more is over 100.
    const q1 = ds.figures.find((f) => f.id === target.id)!;
    const source = ds.sources.find((s) => s.id === q1.sourceId)!;
    const write = shareWrite(ref, [
      shareRow(ref, {
        vendor: 'Baidu AI Cloud',
        period: '2025Q1',
        value_percent: '45',
        publisher: source.publisher,
        url: 'https://example.com/other-canalys-page',
      }),
    ]);
    const result = await importShareFigures(store.db, write, {
      mode: 'import',
      changeset: { kind: 'import', actor: 'a', description: 'x.csv' },
      now: T2,
    });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ row: 1, column: 'value_percent' });
    expect(result.issues[0]!.message).toMatch(/china-cloud-infra 2025Q1 would sum to 1\d\d(\.\d+)?%, more than 100%/);
    expect(result.changesetId).toBeNull();
    expect(await findShares(store.db, {})).toHaveLength(112);
  });

  it('revises every figure citing a source page whose details an import changes', async () => {
    await loadBundledDataset(store.db, ds, T1);
    const source = ds.sources.find((s) => s.id === target.sourceId)!;
    const citing = ds.figures.filter((f) => f.sourceId === source.id);
    expect(citing.length).toBeGreaterThan(1);
    const better = { ...source, quality: source.quality === 'primary' ? ('press' as const) : ('primary' as const) };
    const result = await importShareFigures(
      store.db,
      { figures: [target], sources: [better], groups: [] },
      { mode: 'import', changeset: { kind: 'import', actor: 'a', description: 'x.csv' }, now: T2 },
    );
    expect(result.counts.revised).toBe(citing.length);
    for (const c of result.changes) expect(c.fields).toEqual(['source_quality']);
    const now = await findShares(store.db, {});
    for (const f of citing) expect(now.find((x) => x.id === f.id)!.source.quality).toBe(better.quality);
    const then = await findShares(store.db, { asOf: '2026-01-31' });
    for (const f of citing) expect(then.find((x) => x.id === f.id)!.source.quality).toBe(source.quality);
  });

  it('lists changes newest first with the value each replaced', async () => {
    await loadBundledDataset(store.db, ds, T1);
    await editTarget(store, '34', T2);
    const changes = await listChanges(store.db, { limit: 5 });
    expect(changes[0]).toMatchObject({
      change: 'revised',
      revision: 2,
      changedFields: ['share_pct'],
      changeset: { id: 2, actor: editor.actor },
    });
    expect(changes[0]!.figure.sharePctText).toBe('34');
    expect(changes[0]!.previous?.sharePctText).toBe('33');
    expect(changes[1]!.previous).toBeNull();
    expect(await listChanges(store.db, { limit: 500, afterChangeset: 1 })).toHaveLength(1);
    expect(await listChanges(store.db, { limit: 500, since: T2.toISOString() })).toHaveLength(1);
  });
});

describe.each(TEST_DIALECTS)('upgrading an existing database on $name', (dialect) => {
  it('migration 0005 turns figures loaded before revisions into revision 1 of the bundled dataset', async () => {
    const { store, cleanup } = await dialect.open();
    try {
      await migrate(store.db, { upTo: '0003-openness-and-sizes' });
      // The database as the previous release left it: reference data, sources, figures, version.
      const db = store.db;
      await db
        .insertInto('companies')
        .values(ds.companies.map((c) => ({ ...c })))
        .execute();
      await db
        .insertInto('vendors')
        .values(ds.vendors.map((v) => ({ id: v.id, name: v.name, parent_id: v.parentId, country: v.country })))
        .execute();
      await db
        .insertInto('markets')
        .values(
          ds.markets.map((m, position) => ({
            id: m.id,
            name: m.name,
            region: m.region,
            metric_basis: m.metricBasis,
            metric: m.metric,
            scope: m.scope,
            subject_level: m.subjectLevel,
            short_name: m.shortName,
            position,
          })),
        )
        .execute();
      await db
        .insertInto('sources')
        .values(
          ds.sources.map((s) => ({
            id: s.id,
            publisher: s.publisher,
            title: s.title,
            url: s.url,
            published_date: s.publishedDate,
            quality: s.quality,
          })),
        )
        .execute();
      const figures = ds.figures.filter((f) => f.subjectKind === 'vendor');
      await db
        .insertInto('share_figures')
        .values(
          figures.map((f) => ({
            id: f.id,
            market_id: f.marketId,
            subject_kind: f.subjectKind,
            subject_id: f.subjectId,
            subject_name: f.subjectName,
            model_family: f.modelFamily,
            period_label: f.period.label,
            period_kind: f.period.kind,
            period_start: f.period.startDate,
            period_end: f.period.endDate,
            share_pct: f.sharePctText,
            source_id: f.sourceId,
            quote: f.quote,
            dataset_row: f.datasetRow,
          })),
        )
        .execute();
      await db
        .insertInto('share_figure_vendors')
        .values(figures.map((f) => ({ figure_id: f.id, vendor_id: f.vendorIds[0]!, position: 0 })))
        .execute();
      await db
        .insertInto('dataset_meta')
        .values({ key: 'version', value: 'ds-old', updated_at: T1.toISOString() })
        .execute();

      await migrate(store.db);
      const history = await listFigureRevisions(store.db, target.id);
      expect(history).toEqual([
        expect.objectContaining({
          revision: 1,
          change: 'added',
          validFrom: T1.toISOString(),
          changeset: expect.objectContaining({ id: 1, kind: 'bundled', actor: 'bundled dataset ds-old' }),
        }),
      ]);
      expect(await findShares(store.db, { asOf: T2.toISOString() })).toEqual(await findShares(store.db, {}));
      // The next start loads the current bundled data on top: only the group figures are new.
      const result = await loadBundledDataset(store.db, ds, T2);
      expect(result.counts).toMatchObject({ added: ds.figures.length - figures.length, revised: 0, withdrawn: 0 });
    } finally {
      await cleanup();
    }
  });
});

// Several writers at once on one PostgreSQL database (API instances, an import): they queue on
// the write lock, each gets its own change set, none fails. SQLite serves one process.
describe.each(TEST_DIALECTS.filter((d) => d.name === 'postgres'))('concurrent writes on $name', (dialect) => {
  it('two imports at the same time both succeed with their own change sets', async () => {
    const { store, url, cleanup } = await dialect.open();
    const second = openStore(url);
    try {
      await migrate(store.db);
      await loadBundledDataset(store.db, ds, T1);
      const a = shareWrite(ref, [
        shareRow(ref, { vendor: 'Huawei Cloud', value_percent: '18', url: 'https://example.com/a' }),
      ]);
      const b = shareWrite(ref, [
        shareRow(ref, { vendor: 'Tencent Cloud', value_percent: '9', url: 'https://example.com/b' }),
      ]);
      const results = await Promise.all([
        importShareFigures(store.db, a, {
          mode: 'import',
          changeset: { kind: 'import', actor: 'a', description: 'a.csv' },
        }),
        importShareFigures(second.db, b, {
          mode: 'import',
          changeset: { kind: 'import', actor: 'b', description: 'b.csv' },
        }),
      ]);
      expect(results.map((r) => r.changesetId).sort()).toEqual([2, 3]);
      expect(await findShares(store.db, {})).toHaveLength(114);
    } finally {
      await second.close();
      await cleanup();
    }
  });
});
