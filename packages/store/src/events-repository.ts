import type { Kysely, Transaction } from 'kysely';
import type { EventKind, EventPrecision, MarketEvent, SourceQuality } from '@dash/domain';
import type { Database } from './schema.js';

/** The tables of migration 0004, typed here so the events stay one self-contained module. */
// A type alias (not an interface) so Kysely's withTables accepts it.
export type EventTables = {
  market_events: {
    id: string;
    date: string;
    precision: string;
    start_date: string;
    end_date: string;
    kind: string;
    /** Vendor names as the source wrote them, joined with "; ". */
    vendor_names: string;
    title: string;
    detail: string;
    url: string;
    quote: string;
    quality: string;
    dataset_row: number;
  };
  market_event_companies: { event_id: string; company_id: string; position: number };
};

const CHUNK = 400;

/**
 * Rewrites the market events tables with `events` (the current events: see the `event` kind in
 * record-kinds.ts, which keeps their history).
 */
export async function writeEvents(trx: Transaction<Database>, events: readonly MarketEvent[]) {
  const t = trx.withTables<EventTables>();
  await t.deleteFrom('market_event_companies').execute();
  await t.deleteFrom('market_events').execute();
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    await t
      .insertInto('market_events')
      .values(
        chunk.map((e) => ({
          id: e.id,
          date: e.date,
          precision: e.precision,
          start_date: e.startDate,
          end_date: e.endDate,
          kind: e.kind,
          vendor_names: e.vendorNames.join('; '),
          title: e.title,
          detail: e.detail,
          url: e.url,
          quote: e.quote,
          quality: e.quality,
          dataset_row: e.datasetRow,
        })),
      )
      .execute();
    const links = chunk.flatMap((e) => e.companyIds.map((company_id, position) => ({ event_id: e.id, company_id, position })));
    if (links.length > 0) await t.insertInto('market_event_companies').values(links).execute();
  }
}

export interface EventFilter {
  /** Events about any of these companies. */
  companyIds?: readonly string[];
  kinds?: readonly string[];
  /** ISO days: events whose possible days overlap [from, to]. */
  from?: string;
  to?: string;
}

/** Market events in date order (then dataset row), filtered by company, kind and dates. */
export async function listEvents(db: Kysely<Database>, filter: EventFilter = {}): Promise<MarketEvent[]> {
  const k = db.withTables<EventTables>();
  let q = k.selectFrom('market_events').selectAll();
  if (filter.companyIds && filter.companyIds.length > 0) {
    const ids = filter.companyIds;
    q = q.where('id', 'in', k.selectFrom('market_event_companies').select('event_id').where('company_id', 'in', ids));
  }
  if (filter.kinds && filter.kinds.length > 0) q = q.where('kind', 'in', filter.kinds);
  if (filter.from) q = q.where('end_date', '>=', filter.from);
  if (filter.to) q = q.where('start_date', '<=', filter.to);
  const rows = await q.orderBy('start_date').orderBy('dataset_row').execute();
  if (rows.length === 0) return [];
  const links = await k
    .selectFrom('market_event_companies')
    .selectAll()
    .orderBy('event_id')
    .orderBy('position')
    .execute();
  const companies = new Map<string, string[]>();
  for (const l of links) companies.set(l.event_id, [...(companies.get(l.event_id) ?? []), l.company_id]);
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    precision: r.precision as EventPrecision,
    startDate: r.start_date,
    endDate: r.end_date,
    kind: r.kind as EventKind,
    vendorNames: r.vendor_names.split('; '),
    companyIds: companies.get(r.id) ?? [],
    title: r.title,
    detail: r.detail,
    url: r.url,
    quote: r.quote,
    quality: r.quality as SourceQuality,
    datasetRow: Number(r.dataset_row),
  }));
}
