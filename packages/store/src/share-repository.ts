import { sql, type Kysely } from 'kysely';
import { asOfInstant, parsePeriod, type ShareFigureWithSource, type ShareQuery } from '@dash/domain';
import type { Dialect, Reader } from './database.js';
import { compareText } from './order.js';
import { findRevisionsAsOf } from './revision-repository.js';
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

/**
 * How many current figures match `query` (without `asOf`): the row count of a streamed export.
 * Counts share_figures rows, joining sources only to filter by publisher: every figure has a
 * source (a foreign key) and at least one vendor row, so this is the number of figures
 * {@link findShares} returns, without the vendor join and the distinct count over it (on SQLite
 * that took 2.5 s of the event loop at a million figures; this takes 0.01 s unfiltered, up to 0.5 s
 * with a vendor filter).
 */
export async function countShares(db: Kysely<Database>, query: Omit<ShareQuery, 'asOf'>): Promise<number> {
  let q = db.selectFrom('share_figures as f').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (query.market) q = q.where('f.market_id', '=', query.market);
  if (query.from) q = q.where('f.period_start', '>=', periodOf(query.from).startDate);
  if (query.to) q = q.where('f.period_end', '<=', periodOf(query.to).endDate);
  if (query.publisher) {
    const publisher = query.publisher.toLowerCase();
    q = q.where('f.source_id', 'in', (eb) =>
      eb.selectFrom('sources as s').select('s.id').where((e) => e(e.fn('lower', ['s.publisher']), '=', publisher)),
    );
  }
  const vendors = query.vendor;
  if (vendors && vendors.length > 0) {
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('share_figure_vendors as sel').select('sel.figure_id').whereRef('sel.figure_id', '=', 'f.id').where('sel.vendor_id', 'in', vendors),
      ),
    );
  }
  const row = await q.executeTakeFirstOrThrow();
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
 * The figures {@link findShares} returns, in the same order, as a stream of batches of about
 * `batchSize` figures (default 1000): memory stays bounded however many figures match (a CSV
 * export of millions of rows), and the caller pays one promise per batch, not per figure.
 *
 * The database hands the rows out in the order of an index, so it never sorts the whole result
 * before the first row (on SQLite that sort would run on the event loop for seconds and hold the
 * whole result in a temporary B-tree): current figures by `share_figures_market_period`
 * (market, period end, period start, all ascending: ASCII keys, compared bytewise, `COLLATE "C"`
 * on PostgreSQL, SQLite's default), revisions (`asOf`) by `share_figure_revisions_market_period`
 * (migration 0007). Each market and period end (all the periods ending that day: a quarter, a
 * half, a year) is then collected and sorted here exactly as findShares sorts (shorter period
 * first, then subject, publisher and id), so at most one such group (plus one batch) is held at
 * a time; a batch ends only between groups, so one larger than `batchSize` is one whole group.
 * The rows of a figure (one per vendor) are folded by id within the group, whatever order the
 * database gives them in, and its vendors ordered by position. Rows (current or as of) are read as
 * arrays straight from the driver ({@link Reader.batches}). Give it a reader of its own
 * (`Store.openReader`): it holds its connection until the generator ends, and ending it early
 * (`return()`) releases it.
 */
export async function* streamShareBatches(
  reader: Reader,
  dialect: Dialect,
  query: ShareQuery,
  options: { batchSize?: number } = {},
): AsyncGenerator<ShareFigureWithSource[], void, undefined> {
  const key = (ref: string) => (dialect === 'postgres' ? sql.raw(`${ref} collate "C"`) : sql.ref(ref));
  const batchSize = options.batchSize ?? 1000;
  let batch: ShareFigureWithSource[] = [];
  // The figures of the current market and period end, by id.
  let group = new Map<string, ShareFigureWithSource>();
  let groupMarket = '';
  let groupEnd = '';
  // The position of each figure's first vendor row; for figures about more than one vendor,
  // every row's position, parallel to vendorIds.
  let firstPositions = new Map<string, number>();
  let positions = new Map<ShareFigureWithSource, number[]>();
  // Moves the collected group, sorted, into the batch; hands the batch out when it is full.
  const flush = (): ShareFigureWithSource[] | undefined => {
    for (const [f, pos] of positions) {
      const order = pos.map((p, i) => [p, f.vendorIds[i]!] as const).sort((a, b) => a[0] - b[0]);
      f.vendorIds = order.map((o) => o[1]);
    }
    for (const f of sortShares([...group.values()])) batch.push(f);
    group = new Map();
    firstPositions = new Map();
    positions = new Map();
    if (batch.length < batchSize) return undefined;
    const full = batch;
    batch = [];
    return full;
  };
  // Whether a row of (market, period end) ends the group being collected.
  const startsGroup = (market: string, end: string) => group.size > 0 && (market !== groupMarket || end !== groupEnd);

  if (query.asOf !== undefined) {
    const instant = asOfInstant(query.asOf);
    if (!instant) throw new Error(`"${query.asOf}" is not a date or date-time; validate the query with ShareQuerySchema first`);
    // The columns of currentSharesQuery, in its order ({@link C}), read from the revisions.
    let q = reader.db
      .selectFrom('share_figure_revisions')
      .select([
        'figure_id as id',
        'market_id',
        'subject_kind',
        'subject_id',
        'subject_name',
        'model_family',
        'period_label',
        'period_kind',
        'period_start',
        'period_end',
        'share_pct',
        'quote',
        'dataset_row',
        'vendor_ids',
        'source_id',
        'publisher',
        'source_title',
        'source_url',
        'published_date',
        'source_quality',
      ])
      .where('valid_from', '<=', instant)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', instant)]))
      .where('change', '<>', 'withdrawn');
    if (query.market) q = q.where('market_id', '=', query.market);
    if (query.from) q = q.where('period_start', '>=', periodOf(query.from).startDate);
    if (query.to) q = q.where('period_end', '<=', periodOf(query.to).endDate);
    const publisher = query.publisher?.toLowerCase();
    const vendors = query.vendor && query.vendor.length > 0 ? new Set(query.vendor) : null;
    const ordered = q.orderBy(key('market_id')).orderBy(key('period_end')).orderBy(key('period_start'));
    for await (const rows of reader.batches(ordered.compile(), batchSize)) {
      let full: ShareFigureWithSource[] | undefined;
      for (const r of rows) {
        const market = r[C.market_id] as string;
        const end = r[C.period_end] as string;
        if (startsGroup(market, end)) full = flush() ?? full;
        groupMarket = market;
        groupEnd = end;
        const f = figureOfArray(r);
        const ids = r[C.vendor_id] as string;
        f.vendorIds = ids === '' ? [] : ids.split(';');
        if (publisher && f.source.publisher.toLowerCase() !== publisher) continue;
        if (vendors && !f.vendorIds.some((v) => vendors.has(v))) continue;
        group.set(f.id, f);
      }
      if (full) yield full;
    }
  } else {
    const ordered = currentSharesQuery(reader.db, query)
      .select('fv.position')
      .orderBy(key('f.market_id'))
      .orderBy(key('f.period_end'))
      .orderBy(key('f.period_start'));
    for await (const rows of reader.batches(ordered.compile(), batchSize)) {
      let full: ShareFigureWithSource[] | undefined;
      for (const r of rows) {
        const market = r[C.market_id] as string;
        const end = r[C.period_end] as string;
        if (startsGroup(market, end)) full = flush() ?? full;
        groupMarket = market;
        groupEnd = end;
        const id = r[C.id] as string;
        const known = group.get(id);
        if (known === undefined) {
          group.set(id, figureOfArray(r));
          firstPositions.set(id, Number(r[C.position]));
          continue;
        }
        let pos = positions.get(known);
        if (pos === undefined) {
          pos = [firstPositions.get(id)!];
          positions.set(known, pos);
        }
        known.vendorIds.push(r[C.vendor_id] as string);
        pos.push(Number(r[C.position]));
      }
      // At most one full batch per driver batch: a group ends at most once per row, and a batch
      // is handed out only once it holds batchSize figures.
      if (full) yield full;
    }
  }
  if (group.size > 0) {
    const full = flush();
    if (full) yield full;
  }
  if (batch.length > 0) yield batch;
}

/**
 * The figures {@link findShares} returns, in the same order, one at a time: {@link streamShareBatches}
 * flattened (one promise per figure; prefer the batches for large reads).
 */
export async function* streamShares(
  reader: Reader,
  dialect: Dialect,
  query: ShareQuery,
  options: { chunkSize?: number } = {},
): AsyncGenerator<ShareFigureWithSource> {
  for await (const batch of streamShareBatches(reader, dialect, query, { batchSize: options.chunkSize })) yield* batch;
}

/** Positions of the columns {@link currentSharesQuery} selects, in its select order. */
const C = {
  id: 0,
  market_id: 1,
  subject_kind: 2,
  subject_id: 3,
  subject_name: 4,
  model_family: 5,
  period_label: 6,
  period_kind: 7,
  period_start: 8,
  period_end: 9,
  share_pct: 10,
  quote: 11,
  dataset_row: 12,
  vendor_id: 13,
  source_id: 14,
  publisher: 15,
  title: 16,
  url: 17,
  published_date: 18,
  quality: 19,
  position: 20,
} as const;

/**
 * {@link figureOfRow} for a row read as an array ({@link Reader.batches}). Built with classes,
 * not object literals: V8 tracks each literal's allocation site, and a site whose objects
 * survive young-generation collections (these wait in a market-period group) may be switched
 * to allocating straight in the old generation. Then every figure of the export lands in the
 * old generation and keeps its strings alive through each scavenge until a full collection:
 * measured at 1M rows, ~1.7 MB promoted per scavenge and ~100 MB more RSS, in about one run
 * of two. Objects made by `new` are always allocated young.
 */
function figureOfArray(a: unknown[]): ShareFigureWithSource {
  return new StreamedFigure(a);
}

class StreamedPeriod {
  label: string;
  kind: ShareFigureWithSource['period']['kind'];
  startDate: string;
  endDate: string;
  constructor(a: unknown[]) {
    this.label = a[C.period_label] as string;
    this.kind = a[C.period_kind] as ShareFigureWithSource['period']['kind'];
    this.startDate = a[C.period_start] as string;
    this.endDate = a[C.period_end] as string;
  }
}

class StreamedSource {
  id: string;
  publisher: string;
  title: string;
  url: string;
  publishedDate: string | null;
  quality: ShareFigureWithSource['source']['quality'];
  constructor(a: unknown[]) {
    this.id = a[C.source_id] as string;
    this.publisher = a[C.publisher] as string;
    this.title = a[C.title] as string;
    this.url = a[C.url] as string;
    this.publishedDate = a[C.published_date] as string | null;
    this.quality = a[C.quality] as ShareFigureWithSource['source']['quality'];
  }
}

class StreamedFigure implements ShareFigureWithSource {
  id: string;
  marketId: string;
  subjectKind: ShareFigureWithSource['subjectKind'];
  subjectId: string;
  subjectName: string;
  vendorIds: string[];
  modelFamily: string | null;
  period: StreamedPeriod;
  sharePct: number;
  sharePctText: string;
  sourceId: string;
  quote: string;
  datasetRow: number;
  source: StreamedSource;
  constructor(a: unknown[]) {
    const shareText = a[C.share_pct] as string;
    this.id = a[C.id] as string;
    this.marketId = a[C.market_id] as string;
    this.subjectKind = a[C.subject_kind] as ShareFigureWithSource['subjectKind'];
    this.subjectId = a[C.subject_id] as string;
    this.subjectName = a[C.subject_name] as string;
    this.vendorIds = new Array<string>(1);
    this.vendorIds[0] = a[C.vendor_id] as string;
    this.modelFamily = a[C.model_family] as string | null;
    this.period = new StreamedPeriod(a);
    this.sharePct = Number(shareText);
    this.sharePctText = shareText;
    this.sourceId = a[C.source_id] as string;
    this.quote = a[C.quote] as string;
    this.datasetRow = Number(a[C.dataset_row]);
    this.source = new StreamedSource(a);
  }
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
