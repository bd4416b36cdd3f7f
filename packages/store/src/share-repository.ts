import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { asOfInstant, parsePeriod, type ShareFigureWithSource, type ShareQuery } from '@dash/domain';
import type { Dialect, Reader } from './database.js';
import { compareText } from './order.js';
import { findRevisionsAsOf, shareRevisionsAsOf } from './revision-repository.js';
import type { Database } from './schema.js';

function periodOf(label: string) {
  const period = parsePeriod(label);
  if (!period) throw new Error(`"${label}" is not a period; validate the query with ShareQuerySchema first`);
  return period;
}

/**
 * Where a share figure's columns are in a table: the market and period dates, and optionally how
 * to reach its source's publisher (through `sources` by source id, or a publisher column) and its
 * vendors (through `share_figure_vendors` by figure id). Filters without a column are left to the
 * caller.
 */
export interface ShareColumns {
  market: string;
  start: string;
  end: string;
  sourceId?: string;
  figureId?: string;
}

/** The current-state columns: `share_figures as f`. */
const CURRENT: ShareColumns = { market: 'f.market_id', start: 'f.period_start', end: 'f.period_end', sourceId: 'f.source_id', figureId: 'f.id' };

/**
 * The filters of a share query (market, period range, publisher in any letter case, vendors: a
 * combined figure matches when any member is selected) as one where-clause over `columns`. The
 * one place find, count and stream filter; as-of reads use it on their own table.
 */
export function shareFilter(query: Omit<ShareQuery, 'asOf'>, columns: ShareColumns) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the columns name any table's
  return (eb: ExpressionBuilder<any, any>) => {
    const and: Expression<SqlBool>[] = [];
    if (query.market) and.push(eb(columns.market, '=', query.market));
    if (query.from) and.push(eb(columns.start, '>=', periodOf(query.from).startDate));
    if (query.to) and.push(eb(columns.end, '<=', periodOf(query.to).endDate));
    const publisher = query.publisher?.toLowerCase();
    if (publisher && columns.sourceId) {
      and.push(eb(columns.sourceId, 'in', eb.selectFrom('sources as ps').select('ps.id').where(eb.fn('lower', ['ps.publisher']), '=', publisher)));
    }
    const vendors = query.vendor;
    if (vendors && vendors.length > 0 && columns.figureId) {
      and.push(
        eb.exists(eb.selectFrom('share_figure_vendors as sel').select('sel.figure_id').whereRef('sel.figure_id', '=', columns.figureId).where('sel.vendor_id', 'in', vendors)),
      );
    }
    return eb.and(and);
  };
}

/**
 * Share figures matching `query`, each with its source, ordered by market, then period (oldest
 * first; a quarter before the year ending the same day), then subject name, publisher and id,
 * comparing text by code units so every dialect gives the same order. With `asOf`, the figures
 * as they stood then (see {@link findRevisionsAsOf}): values, quotes and source details of that
 * time, without figures added later or withdrawn by then.
 */
export async function findShares(db: Kysely<Database>, query: ShareQuery): Promise<ShareFigureWithSource[]> {
  if (query.asOf !== undefined) return findSharesAsOf(db, query, query.asOf);
  // Ordered by id only so that the rows of one figure are adjacent (any collation keeps equal ids
  // together); the documented order is applied below, independent of the database's collation.
  return sortShares(foldVendors(await currentSharesQuery(db, query).orderBy('f.id').orderBy('fv.position').execute()));
}

/**
 * How many current figures match `query` (without `asOf`): the row count of a streamed export.
 * Counts share_figures rows (every figure has a source and at least one vendor row), without the
 * vendor join and the distinct count over it (on SQLite that took 2.5 s of the event loop at a
 * million figures; this takes 0.01 s unfiltered, up to 0.5 s with a vendor filter).
 */
export async function countShares(db: Kysely<Database>, query: Omit<ShareQuery, 'asOf'>): Promise<number> {
  const row = await db
    .selectFrom('share_figures as f')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where(shareFilter(query, CURRENT))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The current figures matching `query` joined with their sources, one row per (figure, vendor). */
function currentSharesQuery(db: Kysely<Database>, query: ShareQuery) {
  return db
    .selectFrom('share_figures as f')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .innerJoin('share_figure_vendors as fv', 'fv.figure_id', 'f.id')
    .select([
      'f.id',
      'f.market_id',
      'f.subject_kind',
      'f.subject_id',
      'f.subject_name',
      'f.model_family',
      'f.period_label',
      'f.period_kind',
      'f.period_start',
      'f.period_end',
      'f.share_pct',
      'f.quote',
      'f.dataset_row',
      'fv.vendor_id',
      'fv.position',
      's.id as source_id',
      's.publisher',
      's.title',
      's.url',
      's.published_date',
      's.quality',
    ])
    .where(shareFilter(query, CURRENT));
}

type CurrentShareRow = Awaited<ReturnType<ReturnType<typeof currentSharesQuery>['executeTakeFirstOrThrow']>>;

/** Rows of figures (one per vendor, the rows of a figure adjacent, by position) folded into figures. */
function foldVendors(rows: readonly CurrentShareRow[]): ShareFigureWithSource[] {
  const out: ShareFigureWithSource[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.id === r.id) last.vendorIds.push(r.vendor_id);
    else out.push(figureOfRow(r));
  }
  return out;
}

function figureOfRow(r: CurrentShareRow): ShareFigureWithSource {
  return {
    id: r.id,
    marketId: r.market_id,
    subjectKind: r.subject_kind as ShareFigureWithSource['subjectKind'],
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    vendorIds: [r.vendor_id],
    modelFamily: r.model_family,
    period: {
      label: r.period_label,
      kind: r.period_kind as ShareFigureWithSource['period']['kind'],
      startDate: r.period_start,
      endDate: r.period_end,
    },
    sharePct: Number(r.share_pct),
    sharePctText: r.share_pct,
    sourceId: r.source_id,
    quote: r.quote,
    datasetRow: Number(r.dataset_row),
    source: {
      id: r.source_id,
      publisher: r.publisher,
      title: r.title,
      url: r.url,
      publishedDate: r.published_date,
      quality: r.quality as ShareFigureWithSource['source']['quality'],
    },
  };
}

/**
 * The figures {@link findShares} returns, in the same order, as a stream of batches of about
 * `batchSize` figures (default 1000): memory stays bounded however many figures match (a CSV
 * export of millions of rows).
 *
 * The database hands the rows out in the order of an index, so it never sorts the whole result
 * before the first row (on SQLite that sort would run on the event loop for seconds and hold the
 * whole result in a temporary B-tree): current figures by `share_figures_market_period`
 * (market, period end, period start, all ascending: ASCII keys, compared bytewise, `COLLATE "C"`
 * on PostgreSQL, SQLite's default), revisions (`asOf`) by `revisions_market_period`
 * (kind, scope, sort_key: the market, period end and start; migration 0009). Each market and period end (all the periods ending that day: a quarter, a
 * half, a year) is then collected and sorted here exactly as findShares sorts, so at most one
 * such group (plus one batch) is held at a time; a batch ends only between groups, so one larger
 * than `batchSize` is one whole group. Give it a reader of its own (`Store.openReader`): it holds
 * its connection until the generator ends, and ending it early (`return()`) releases it.
 */
export async function* streamShareBatches(
  reader: Reader,
  dialect: Dialect,
  query: ShareQuery,
  options: { batchSize?: number } = {},
): AsyncGenerator<ShareFigureWithSource[], void, undefined> {
  const key = (ref: string) => (dialect === 'postgres' ? sql.raw(`${ref} collate "C"`) : sql.ref(ref));
  const batchSize = options.batchSize ?? 1000;
  const rows = query.asOf === undefined ? currentRows(reader, query, key, batchSize) : asOfRows(reader, query, key, batchSize);
  let batch: ShareFigureWithSource[] = [];
  let group: ShareFigureWithSource[] = [];
  for await (const figures of rows) {
    for (const f of figures) {
      const last = group[group.length - 1];
      if (last && (last.marketId !== f.marketId || last.period.endDate !== f.period.endDate)) {
        batch = batch.concat(sortShares(group));
        group = [];
      }
      group.push(f);
    }
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  batch = batch.concat(sortShares(group));
  if (batch.length > 0) yield batch;
}

/**
 * The current figures of `query` in index order, a batch of rows at a time. The rows of a figure
 * (one per vendor) are adjacent within their market-period only after sorting, so the rows of a
 * market and period end are held until the next begins, then sorted by id and position and folded.
 */
async function* currentRows(reader: Reader, query: ShareQuery, key: (ref: string) => RawBuilder<unknown>, batchSize: number) {
  const ordered = currentSharesQuery(reader.db, query).orderBy(key('f.market_id')).orderBy(key('f.period_end')).orderBy(key('f.period_start'));
  let held: CurrentShareRow[] = [];
  const fold = () => foldVendors(held.sort((a, b) => compareText(a.id, b.id) || Number(a.position) - Number(b.position)));
  for await (const rows of reader.batches(ordered, batchSize)) {
    let out: ShareFigureWithSource[] = [];
    for (const r of rows) {
      const last = held[held.length - 1];
      if (last && (last.market_id !== r.market_id || last.period_end !== r.period_end)) {
        out = out.concat(fold());
        held = [];
      }
      held.push(r);
    }
    yield out;
  }
  yield fold();
}

/**
 * The figures of `query` as they stood at its `asOf`, from the revisions in index order; publisher
 * and vendor filters applied as rows pass, as {@link findShares} applies them.
 */
async function* asOfRows(reader: Reader, query: ShareQuery, key: (ref: string) => RawBuilder<unknown>, batchSize: number) {
  const ordered = shareRevisionsAsOf(reader.db, asOfInstantOf(query.asOf!), query.market).orderBy(key('scope')).orderBy(key('sort_key'));
  const fromStart = query.from ? periodOf(query.from).startDate : undefined;
  const toEnd = query.to ? periodOf(query.to).endDate : undefined;
  const keep = asOfFilter(query);
  const inRange = (f: ShareFigureWithSource) => (!fromStart || f.period.startDate >= fromStart) && (!toEnd || f.period.endDate <= toEnd);
  for await (const rows of reader.batches(ordered, batchSize)) {
    yield rows.map((r) => JSON.parse(r.data) as ShareFigureWithSource).filter((f) => inRange(f) && keep(f));
  }
}

/**
 * The figures {@link findShares} returns, in the same order, one at a time: {@link streamShareBatches}
 * flattened.
 */
export async function* streamShares(
  reader: Reader,
  dialect: Dialect,
  query: ShareQuery,
  options: { chunkSize?: number } = {},
): AsyncGenerator<ShareFigureWithSource> {
  for await (const batch of streamShareBatches(reader, dialect, query, { batchSize: options.chunkSize })) yield* batch;
}

function asOfInstantOf(asOf: string): string {
  const instant = asOfInstant(asOf);
  if (!instant) throw new Error(`"${asOf}" is not a date or date-time; validate the query with ShareQuerySchema first`);
  return instant;
}

/** The publisher and vendor filters of `query` for figures read from revisions. */
function asOfFilter(query: ShareQuery) {
  const publisher = query.publisher?.toLowerCase();
  const vendors = query.vendor && query.vendor.length > 0 ? new Set(query.vendor) : null;
  return (f: ShareFigureWithSource) =>
    (!publisher || f.source.publisher.toLowerCase() === publisher) && (!vendors || f.vendorIds.some((v) => vendors.has(v)));
}

async function findSharesAsOf(db: Kysely<Database>, query: ShareQuery, asOf: string): Promise<ShareFigureWithSource[]> {
  const rows = await findRevisionsAsOf(db, asOfInstantOf(asOf), {
    market: query.market,
    fromStart: query.from ? periodOf(query.from).startDate : undefined,
    toEnd: query.to ? periodOf(query.to).endDate : undefined,
  });
  return sortShares(rows.filter(asOfFilter(query)));
}

/**
 * The id that `oldId` became when migration 0008 widened content-hash ids to 64 bits, or null
 * when it was never an id (links to an old id redirect to the new one).
 */
export async function findIdAlias(db: Kysely<Database>, oldId: string): Promise<string | null> {
  const row = await db.selectFrom('id_aliases').select('new_id').where('old_id', '=', oldId).executeTakeFirst();
  return row?.new_id ?? null;
}

function sortShares(out: ShareFigureWithSource[]): ShareFigureWithSource[] {
  return out.sort(
    (a, b) =>
      compareText(a.marketId, b.marketId) ||
      compareText(a.period.endDate, b.period.endDate) ||
      // Of two periods ending the same day, the shorter (later start) first.
      compareText(b.period.startDate, a.period.startDate) ||
      compareText(a.subjectName, b.subjectName) ||
      compareText(a.source.publisher, b.source.publisher) ||
      compareText(a.id, b.id),
  );
}
