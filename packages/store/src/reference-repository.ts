import type { Kysely } from 'kysely';
import {
  comparePeriods,
  type Company,
  type MarketSummary,
  type Market,
  type Period,
  type Source,
  type Vendor,
  type VendorAlias,
  type VendorGroup,
} from '@dash/domain';
import { sortByText } from './order.js';
import type { Database } from './schema.js';

/** All parent companies, by name (code-unit order, the same on every dialect). */
export async function listCompanies(db: Kysely<Database>): Promise<Company[]> {
  const rows = await db.selectFrom('companies').selectAll().execute();
  return sortByText(rows, (c) => [c.name, c.id]);
}

/** All vendors with their parent company, colour and aliases, by name (code-unit order). */
export async function listVendors(db: Kysely<Database>): Promise<Vendor[]> {
  const rows = await db
    .selectFrom('vendors as v')
    .innerJoin('companies as c', 'c.id', 'v.parent_id')
    .select(['v.id', 'v.name', 'v.parent_id', 'v.country', 'c.name as parent_name', 'c.color'])
    .execute();
  sortByText(rows, (v) => [v.name, v.id]);
  const aliases = await db
    .selectFrom('vendor_aliases')
    .select(['alias', 'vendor_id'])
    .where('model_family', 'is', null)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    parentName: r.parent_name,
    country: r.country,
    color: r.color,
    aliases: aliases.filter((a) => a.vendor_id === r.id).map((a) => a.alias),
  }));
}

/** Model-family aliases ("Qwen (Alibaba Cloud)" → alibaba-cloud, Qwen), in their curated order. */
export async function listModelFamilyAliases(db: Kysely<Database>): Promise<VendorAlias[]> {
  const rows = await db
    .selectFrom('vendor_aliases')
    .select(['alias', 'vendor_id', 'model_family'])
    .where('model_family', 'is not', null)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ alias: r.alias, vendorId: r.vendor_id, modelFamily: r.model_family }));
}

/** Vendor groups of combined figures, with members in the order the source named them. */
export async function listGroups(db: Kysely<Database>): Promise<VendorGroup[]> {
  const groups = sortByText(await db.selectFrom('vendor_groups').selectAll().execute(), (g) => [g.name, g.id]);
  const members = await db.selectFrom('vendor_group_members').selectAll().orderBy('position').execute();
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    vendorIds: members.filter((m) => m.group_id === g.id).map((m) => m.vendor_id),
  }));
}

/** Market definitions in their curated order, with the source wordings that map to each. */
export async function listMarkets(db: Kysely<Database>): Promise<Market[]> {
  const markets = await db.selectFrom('markets').selectAll().orderBy('position').execute();
  const names = await db.selectFrom('market_source_names').selectAll().execute();
  const sizeNames = await db.selectFrom('market_size_names').selectAll().orderBy('position').execute();
  return markets.map((m) => ({
    id: m.id,
    name: m.name,
    shortName: m.short_name ?? m.name,
    region: m.region as Market['region'],
    metricBasis: m.metric_basis as Market['metricBasis'],
    metric: m.metric,
    scope: m.scope,
    subjectLevel: m.subject_level as Market['subjectLevel'],
    sourceNames: names.filter((n) => n.market_id === m.id).map((n) => ({ market: n.market_text, metric: n.metric_text })),
    sizeNames: sizeNames.filter((n) => n.market_id === m.id).map((n) => n.name),
  }));
}

/**
 * Markets with what the data holds for each: figure count, periods (oldest first), publishers and
 * vendors with at least one figure (group members included).
 */
export async function listMarketSummaries(db: Kysely<Database>): Promise<MarketSummary[]> {
  const markets = await listMarkets(db);
  const counts = await db
    .selectFrom('share_figures')
    .select(['market_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('market_id')
    .execute();
  const periods = await db
    .selectFrom('share_figures')
    .select(['market_id', 'period_label', 'period_kind', 'period_start', 'period_end'])
    .distinct()
    .execute();
  const publishers = sortByText(
    await db
      .selectFrom('share_figures as f')
      .innerJoin('sources as s', 's.id', 'f.source_id')
      .select(['f.market_id', 's.publisher'])
      .distinct()
      .execute(),
    (p) => [p.publisher],
  );
  const vendors = sortByText(
    await db
      .selectFrom('share_figures as f')
      .innerJoin('share_figure_vendors as fv', 'fv.figure_id', 'f.id')
      .select(['f.market_id', 'fv.vendor_id'])
      .distinct()
      .execute(),
    (v) => [v.vendor_id],
  );
  return markets.map(({ sourceNames: _names, sizeNames: _sizes, ...m }) => ({
    ...m,
    figureCount: Number(counts.find((c) => c.market_id === m.id)?.n ?? 0),
    periods: periods
      .filter((p) => p.market_id === m.id)
      .map(
        (p): Period => ({
          label: p.period_label,
          kind: p.period_kind as Period['kind'],
          startDate: p.period_start,
          endDate: p.period_end,
        }),
      )
      .sort(comparePeriods),
    publishers: publishers.filter((p) => p.market_id === m.id).map((p) => p.publisher),
    vendorIds: vendors.filter((v) => v.market_id === m.id).map((v) => v.vendor_id),
  }));
}

/** Every source with how many figures cite it, by publisher then title (code-unit order). */
export async function listSources(db: Kysely<Database>): Promise<Array<Source & { figureCount: number }>> {
  const rows = await db
    .selectFrom('sources as s')
    .leftJoin('share_figures as f', 'f.source_id', 's.id')
    .select([
      's.id',
      's.publisher',
      's.title',
      's.url',
      's.published_date',
      's.quality',
      (eb) => eb.fn.count<string | number>('f.id').as('n'),
    ])
    .groupBy(['s.id', 's.publisher', 's.title', 's.url', 's.published_date', 's.quality'])
    .execute();
  return sortByText(rows, (s) => [s.publisher, s.title, s.id]).map((r) => ({
    id: r.id,
    publisher: r.publisher,
    title: r.title,
    url: r.url,
    publishedDate: r.published_date,
    quality: r.quality as Source['quality'],
    figureCount: Number(r.n),
  }));
}

/**
 * The publisher spelled as `name` says it (case-insensitively), or null: checks a `publisher`
 * filter without listing every source.
 */
export async function findPublisher(db: Kysely<Database>, name: string): Promise<string | null> {
  const row = await db
    .selectFrom('sources')
    .select('publisher')
    .where((eb) => eb(eb.fn('lower', ['publisher']), '=', name.toLowerCase()))
    .limit(1)
    .executeTakeFirst();
  return row?.publisher ?? null;
}

/** Every publisher cited, sorted by code units. */
export async function listPublishers(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('sources').select('publisher').distinct().execute();
  return rows.map((r) => r.publisher).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
