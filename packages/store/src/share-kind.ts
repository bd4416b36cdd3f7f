import type { Transaction } from 'kysely';
import {
  changedFields,
  checkSumsWithHeld,
  stateOf,
  type PlannedChange,
  type RecordChange,
  type ShareFigure,
  type ShareFigureWithSource,
  type Source,
  type VendorGroup,
} from '@dash/domain';
import { chunks, loadLatest, type Descriptor } from './engine.js';
import { insertChunked } from './insert-chunked.js';
import type { Database } from './schema.js';

type Trx = Transaction<Database>;

/** Normalized share figures to write, with the sources they cite and the groups they are about. */
export interface ShareWrite {
  figures: readonly ShareFigure[];
  sources: readonly Source[];
  groups: readonly VendorGroup[];
}

/** The figures of a write joined with the sources they cite: the snapshots the share kind stores. */
export function sharesOf(write: ShareWrite): ShareFigureWithSource[] {
  const sourceById = new Map(write.sources.map((s) => [s.id, s]));
  return write.figures.map((f) => {
    const source = sourceById.get(f.sourceId);
    if (!source) throw new Error(`figure ${f.id} cites source ${f.sourceId}, which is not among the sources to write`);
    return { ...f, source };
  });
}

/** A share change in figure terms (the compared state, {@link stateOf}), as imports report it. */
export const plannedChange = (c: RecordChange<ShareFigureWithSource>): PlannedChange => ({
  figureId: c.id,
  kind: c.kind,
  fields: c.fields as PlannedChange['fields'],
  before: c.before && stateOf(c.before, c.before.source),
  after: c.after && stateOf(c.after, c.after.source),
  row: c.row,
  ...(c.reason !== undefined ? { reason: c.reason } : {}),
});

/**
 * Share figures: identity is market, subject, period and source page (the id hashes them); the
 * snapshot is the figure with its source; the fields compared are {@link changedFields}'s. The
 * current state is `share_figures` + `share_figure_vendors` + `sources` (+ the groups the figures
 * are about); a changed source page revises every current figure citing it; the check is that a
 * publisher's market-period does not sum over 100% with the figures held.
 */
export function shareKind(
  options: { groups?: readonly VendorGroup[]; exclude?: ReadonlySet<string> } = {},
): Descriptor<ShareFigureWithSource> {
  const groups = new Map((options.groups ?? []).map((g) => [g.id, g]));
  return {
    kind: 'share',
    diff: (a, b) => changedFields(stateOf(a, a.source), stateOf(b, b.source)),
    scope: (f) => ({ scope: f.marketId, sortKey: `${f.period.endDate} ${f.period.startDate}` }),
    related: (trx, chunk, seen) =>
      citingChangedSources(trx, chunk, (id) => seen.has(id) || options.exclude?.has(id) === true),
    async apply(trx, written) {
      const current = written.flatMap((w) => (w.state ? [w.state] : []));
      await upsertSources(
        trx,
        current.map((f) => f.source),
      );
      await upsertGroups(
        trx,
        [...new Set(current.map((f) => f.subjectId))].flatMap((id) => groups.get(id) ?? []),
      );
      for (const c of chunks(written.map((w) => w.id))) {
        await trx.deleteFrom('share_figure_vendors').where('figure_id', 'in', c).execute();
        await trx.deleteFrom('share_figures').where('id', 'in', c).execute();
      }
      await insertChunked(
        trx,
        'share_figures',
        current.map((f) => ({
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
      );
      await insertChunked(
        trx,
        'share_figure_vendors',
        current.flatMap((f) => f.vendorIds.map((vendor_id, position) => ({ figure_id: f.id, vendor_id, position }))),
      );
      if (current.length < written.length) await deleteUnusedSourcesAndGroups(trx);
    },
    async check(trx, applied) {
      const incoming = applied.map((c) => ({
        figure: c.after!,
        publisher: c.after!.source.publisher,
        row: c.row ?? 0,
      }));
      return checkSumsWithHeld(await heldFiguresOfSets(trx, incoming), incoming);
    },
  };
}

/**
 * The current figures (outside `skip`) citing a source page of `chunk` whose details (publisher,
 * date, quality) the chunk changes, with those details: snapshots never disagree with the page
 * they cite. Each comes with the row of the first figure citing the page.
 */
async function citingChangedSources(trx: Trx, chunk: readonly ShareFigureWithSource[], skip: (id: string) => boolean) {
  const sources = new Map(chunk.map((f) => [f.source.id, f.source]));
  const rowOfSource = new Map<string, number>();
  for (const f of chunk) if (!rowOfSource.has(f.sourceId)) rowOfSource.set(f.sourceId, f.datasetRow);
  const changed: string[] = [];
  for (const c of chunks([...sources.keys()])) {
    for (const h of await trx.selectFrom('sources').selectAll().where('id', 'in', c).execute()) {
      const s = sources.get(h.id)!;
      if (h.publisher !== s.publisher || h.published_date !== s.publishedDate || h.quality !== s.quality)
        changed.push(h.id);
    }
  }
  if (changed.length === 0) return [];
  const inChunk = new Set(chunk.map((f) => f.id));
  const citing = (
    await Promise.all(
      chunks(changed).map((c) => trx.selectFrom('share_figures').select('id').where('source_id', 'in', c).execute()),
    )
  )
    .flat()
    .map((r) => r.id)
    .filter((id) => !inChunk.has(id) && !skip(id));
  const held = await loadLatest<ShareFigureWithSource>(trx, 'share', citing);
  return [...held.values()].map(({ held: { state } }) => {
    const s = sources.get(state.sourceId)!;
    const source = { ...state.source, publisher: s.publisher, publishedDate: s.publishedDate, quality: s.quality };
    return { state: { ...state, source }, row: rowOfSource.get(state.sourceId)! };
  });
}

async function upsertSources(trx: Trx, sources: readonly Source[]) {
  const unique = [...new Map(sources.map((s) => [s.id, s])).values()];
  for (const c of chunks(unique)) {
    await trx
      .insertInto('sources')
      .values(
        c.map((s) => ({
          id: s.id,
          publisher: s.publisher,
          title: s.title,
          url: s.url,
          published_date: s.publishedDate,
          quality: s.quality,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          publisher: eb.ref('excluded.publisher'),
          published_date: eb.ref('excluded.published_date'),
          quality: eb.ref('excluded.quality'),
        })),
      )
      .execute();
  }
}

/** Adds vendor groups the database lacks and renames the ones it holds (members follow from the id). */
export async function upsertGroups(trx: Trx, groups: readonly VendorGroup[]) {
  for (const c of chunks(groups)) {
    await trx
      .insertInto('vendor_groups')
      .values(c.map((g) => ({ id: g.id, name: g.name })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute();
    await trx
      .insertInto('vendor_group_members')
      .values(c.flatMap((g) => g.vendorIds.map((vendor_id, position) => ({ group_id: g.id, vendor_id, position }))))
      .onConflict((oc) => oc.columns(['group_id', 'vendor_id']).doNothing())
      .execute();
  }
}

/** Sources and groups no current figure uses any more; their history lives in the revisions. */
async function deleteUnusedSourcesAndGroups(trx: Trx) {
  await trx
    .deleteFrom('sources')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('share_figures as f').select('f.id').whereRef('f.source_id', '=', 'sources.id'))),
    )
    .execute();
  const unused = trx
    .selectFrom('vendor_groups as g')
    .select('g.id')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('share_figures as f').select('f.id').whereRef('f.subject_id', '=', 'g.id'))),
    );
  await trx.deleteFrom('vendor_group_members').where('group_id', 'in', unused).execute();
  await trx
    .deleteFrom('vendor_groups')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('share_figures as f').select('f.id').whereRef('f.subject_id', '=', 'vendor_groups.id')),
      ),
    )
    .execute();
}

/**
 * The current figures in the same sets (market, period, publisher) as `incoming`: all that
 * {@link checkSumsWithHeld} compares them with, read 500 sets' worth of keys at a time, so a
 * check never loads other publishers' or periods' figures (a large database's whole market).
 */
async function heldFiguresOfSets(trx: Trx, incoming: ReadonlyArray<{ figure: ShareFigure; publisher: string }>) {
  const key = (market: string, period: string, publisher: string) => `${market}\u0000${period}\u0000${publisher}`;
  const sets = new Set(incoming.map((i) => key(i.figure.marketId, i.figure.period.label, i.publisher)));
  const markets = [...new Set(incoming.map((i) => i.figure.marketId))];
  const periods = [...new Set(incoming.map((i) => i.figure.period.label))];
  const ids: string[] = [];
  for (const publishers of chunks([...new Set(incoming.map((i) => i.publisher))])) {
    for (const mkts of chunks(markets, 100)) {
      for (const pers of chunks(periods, 100)) {
        const rows = await trx
          .selectFrom('share_figures as f')
          .innerJoin('sources as s', 's.id', 'f.source_id')
          .select(['f.id', 'f.market_id', 'f.period_label', 's.publisher'])
          .where('f.market_id', 'in', mkts)
          .where('f.period_label', 'in', pers)
          .where('s.publisher', 'in', publishers)
          .execute();
        for (const r of rows) if (sets.has(key(r.market_id, r.period_label, r.publisher))) ids.push(r.id);
      }
    }
  }
  return [...(await loadLatest<ShareFigureWithSource>(trx, 'share', ids)).values()].map((l) => l.held.state);
}
