import { sql, type Kysely } from 'kysely';
import { asOfInstant, parsePeriod, type ShareFigureWithSource, type ShareQuery } from '@dash/domain';
import type { Dialect } from './database.js';
import { compareText } from './order.js';
import { figureWithSourceFromRevision, findRevisionsAsOf } from './revision-repository.js';
import type { Database } from './schema.js';

function periodOf(label: string) {
  const period = parsePeriod(label);
  if (!period) throw new Error(`"${label}" is not a period; validate the query with ShareQuerySchema first`);
  return period;
}

/**
 * Share figures matching `query`, each with its source, ordered by market, then period (oldest
 * first; a quarter before the year ending the same day), then subject name, publisher and id,
 * comparing text by code units so every dialect gives the same order. Vendor filtering matches
 * a combined figure when any of its members is selected. With `asOf`, the figures as they stood
 * then (see {@link findRevisionsAsOf}): values, quotes and source details of that time, without
 * figures added later or withdrawn by then.
 */
export async function findShares(db: Kysely<Database>, query: ShareQuery): Promise<ShareFigureWithSource[]> {
  if (query.asOf !== undefined) return findSharesAsOf(db, query, query.asOf);
  // Ordered by id only so that the rows of one figure are adjacent (any collation keeps equal ids
  // together); the documented order is applied below, independent of the database's collation.
  const rows = await currentSharesQuery(db, query).orderBy('f.id').orderBy('fv.position').execute();
  // One row per (figure, vendor): fold consecutive rows of a figure into one record.
  const out: ShareFigureWithSource[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.id === r.id) last.vendorIds.push(r.vendor_id);
    else out.push(figureOfRow(r));
  }
  return sortShares(out);
}

/** The current figures matching `query` joined with their sources, one row per (figure, vendor). */
function currentSharesQuery(db: Kysely<Database>, query: ShareQuery) {
  let q = db
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
      's.id as source_id',
      's.publisher',
      's.title',
      's.url',
      's.published_date',
      's.quality',
    ]);
  if (query.market) q = q.where('f.market_id', '=', query.market);
  if (query.from) q = q.where('f.period_start', '>=', periodOf(query.from).startDate);
  if (query.to) q = q.where('f.period_end', '<=', periodOf(query.to).endDate);
  if (query.publisher) q = q.where((eb) => eb(eb.fn('lower', ['s.publisher']), '=', query.publisher!.toLowerCase()));
  const vendors = query.vendor;
  if (vendors && vendors.length > 0) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('share_figure_vendors as sel')
          .select('sel.figure_id')
          .whereRef('sel.figure_id', '=', 'f.id')
          .where('sel.vendor_id', 'in', vendors),
      ),
    );
  }
  return q;
}

/** How many current figures match `query` (without `asOf`): the row count of a streamed export. */
export async function countShares(db: Kysely<Database>, query: Omit<ShareQuery, 'asOf'>): Promise<number> {
  const row = await db
    .selectFrom(currentSharesQuery(db, query).as('x'))
    .select((eb) => eb.fn.count<string | number>('x.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type CurrentShareRow = Awaited<ReturnType<ReturnType<typeof currentSharesQuery>['executeTakeFirstOrThrow']>>;

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
 * The figures {@link findShares} returns, in the same order, as a stream: memory stays bounded
 * however many figures match (a CSV export of millions of rows). The database orders by market
 * and period (ASCII keys, compared bytewise: `COLLATE "C"` on PostgreSQL, SQLite's default), and
 * each market-period is sorted here by subject, publisher and id exactly as findShares sorts, so
 * at most one market-period is held at a time. Give it a connection of its own (see
 * `Store.openReader`): a stream holds its connection until it ends.
 */
export async function* streamShares(
  db: Kysely<Database>,
  dialect: Dialect,
  query: ShareQuery,
  options: { chunkSize?: number } = {},
): AsyncGenerator<ShareFigureWithSource> {
  const key = (ref: string) => (dialect === 'postgres' ? sql.raw(`${ref} collate "C"`) : sql.ref(ref));
  const chunkSize = options.chunkSize ?? 1000;
  const group: ShareFigureWithSource[] = [];
  const flush = function* () {
    yield* sortShares(group);
    group.length = 0;
  };
  const sameGroup = (a: ShareFigureWithSource, b: ShareFigureWithSource) =>
    a.marketId === b.marketId && a.period.endDate === b.period.endDate && a.period.startDate === b.period.startDate;

  if (query.asOf !== undefined) {
    const instant = asOfInstant(query.asOf);
    if (!instant) throw new Error(`"${query.asOf}" is not a date or date-time; validate the query with ShareQuerySchema first`);
    let q = db
      .selectFrom('share_figure_revisions')
      .selectAll()
      .where('valid_from', '<=', instant)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', instant)]))
      .where('change', '<>', 'withdrawn');
    if (query.market) q = q.where('market_id', '=', query.market);
    if (query.from) q = q.where('period_start', '>=', periodOf(query.from).startDate);
    if (query.to) q = q.where('period_end', '<=', periodOf(query.to).endDate);
    const publisher = query.publisher?.toLowerCase();
    const vendors = query.vendor && query.vendor.length > 0 ? new Set(query.vendor) : null;
    const ordered = q
      .orderBy(key('market_id'))
      .orderBy(key('period_end'))
      .orderBy(key('period_start'), 'desc')
      .orderBy(key('figure_id'));
    for await (const r of ordered.stream(chunkSize)) {
      const f = figureWithSourceFromRevision(r);
      if (publisher && f.source.publisher.toLowerCase() !== publisher) continue;
      if (vendors && !f.vendorIds.some((v) => vendors.has(v))) continue;
      if (group.length > 0 && !sameGroup(group[0]!, f)) yield* flush();
      group.push(f);
    }
    yield* flush();
    return;
  }

  const ordered = currentSharesQuery(db, query)
    .orderBy(key('f.market_id'))
    .orderBy(key('f.period_end'))
    .orderBy(key('f.period_start'), 'desc')
    .orderBy('f.id')
    .orderBy('fv.position');
  let current: ShareFigureWithSource | undefined;
  for await (const r of ordered.stream(chunkSize)) {
    if (current && current.id === r.id) {
      current.vendorIds.push(r.vendor_id);
      continue;
    }
    if (current) {
      if (group.length > 0 && !sameGroup(group[0]!, current)) yield* flush();
      group.push(current);
    }
    current = figureOfRow(r);
  }
  if (current) {
    if (group.length > 0 && !sameGroup(group[0]!, current)) yield* flush();
    group.push(current);
  }
  yield* flush();
}

async function findSharesAsOf(db: Kysely<Database>, query: ShareQuery, asOf: string): Promise<ShareFigureWithSource[]> {
  const instant = asOfInstant(asOf);
  if (!instant) throw new Error(`"${asOf}" is not a date or date-time; validate the query with ShareQuerySchema first`);
  const rows = await findRevisionsAsOf(db, instant, {
    market: query.market,
    fromStart: query.from ? periodOf(query.from).startDate : undefined,
    toEnd: query.to ? periodOf(query.to).endDate : undefined,
  });
  const publisher = query.publisher?.toLowerCase();
  const vendors = query.vendor && query.vendor.length > 0 ? new Set(query.vendor) : null;
  return sortShares(
    rows.filter(
      (f) => (!publisher || f.source.publisher.toLowerCase() === publisher) && (!vendors || f.vendorIds.some((v) => vendors.has(v))),
    ),
  );
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
