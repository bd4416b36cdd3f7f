import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only. One revisions table for every kind of record:
// `revisions` generalizes `record_revisions` (kind, record id, revision, change set, change,
// changed fields, validity window, JSON snapshot) with `scope` and `sort_key`, which the as-of
// share reads need to stay fast (market id; period end and start). Every revision of
// `share_figure_revisions` (kind `share`, the snapshot a ShareFigureWithSource) and of
// `record_revisions` (kinds `release`, `price`) moves over with its change set and window; market
// sizes and events, replaced whole until now, get revision 1 in the latest bundled change set.
// The old tables are dropped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('revisions')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('changeset_id', 'integer', (c) => c.notNull().references('changesets.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('changed_fields', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('scope', 'text')
    .addColumn('sort_key', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('revisions_pk', ['kind', 'record_id', 'revision'])
    .execute();
  // No index on (kind, valid_to): SQLite would prefer it to the primary key for a chunk's ids
  // (`record_id in (…) and valid_to is null`) and scan every current record of the kind per chunk.
  await db.schema.createIndex('revisions_changeset').on('revisions').columns(['changeset_id']).execute();
  await db.schema
    .createIndex('revisions_market_period')
    .on('revisions')
    .columns(['kind', 'scope', 'sort_key'])
    .execute();

  const t = db as Kysely<Tables>;
  await sql`insert into revisions (kind, record_id, revision, changeset_id, change, changed_fields, valid_from, valid_to, data)
    select kind, record_id, revision, changeset_id, change, changed_fields, valid_from, valid_to, data from record_revisions`.execute(
    db,
  );
  await moveShareRevisions(t);
  await backfillSizesAndEvents(t);
  await db.schema.dropTable('share_figure_revisions').execute();
  await db.schema.dropTable('record_revisions').execute();
}

type Row = Record<string, string | number | null>;
interface Tables {
  share_figure_revisions: Row;
  revisions: Row;
  changesets: Row;
  dataset_meta: Row;
  market_sizes: Row;
  market_events: Row;
  market_event_companies: Row;
}

const str = (v: unknown) => v as string;
const opt = (v: unknown) => (v === null ? null : String(v));

/** Share revisions, 500 at a time in key order, as JSON snapshots of the figure with its source. */
async function moveShareRevisions(db: Kysely<Tables>) {
  let after: [string, number] | null = null;
  for (;;) {
    let q = db.selectFrom('share_figure_revisions').selectAll().orderBy('figure_id').orderBy('revision').limit(500);
    if (after) {
      const [id, rev] = after;
      q = q.where((eb) =>
        eb.or([eb('figure_id', '>', id), eb.and([eb('figure_id', '=', id), eb('revision', '>', rev)])]),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    await db
      .insertInto('revisions')
      .values(
        rows.map((r) => ({
          kind: 'share',
          record_id: r.figure_id,
          revision: Number(r.revision),
          changeset_id: Number(r.changeset_id),
          change: r.change,
          changed_fields: r.changed_fields,
          valid_from: r.valid_from,
          valid_to: r.valid_to,
          scope: r.market_id,
          sort_key: `${str(r.period_end)} ${str(r.period_start)}`,
          data: JSON.stringify({
            id: r.figure_id,
            marketId: r.market_id,
            subjectKind: r.subject_kind,
            subjectId: r.subject_id,
            subjectName: r.subject_name,
            vendorIds: r.vendor_ids === '' ? [] : str(r.vendor_ids).split(';'),
            modelFamily: r.model_family,
            period: { label: r.period_label, kind: r.period_kind, startDate: r.period_start, endDate: r.period_end },
            sharePct: Number(r.share_pct),
            sharePctText: r.share_pct,
            sourceId: r.source_id,
            quote: r.quote,
            datasetRow: Number(r.dataset_row),
            source: {
              id: r.source_id,
              publisher: r.publisher,
              title: r.source_title,
              url: r.source_url,
              publishedDate: r.published_date,
              quality: r.source_quality,
            },
          }),
        })),
      )
      .execute();
    const last = rows[rows.length - 1]!;
    after = [str(last.figure_id), Number(last.revision)];
  }
}

/** Market sizes and events as revision 1, written by the latest bundled change set (which loaded them). */
async function backfillSizesAndEvents(db: Kysely<Tables>) {
  const sizes = await db.selectFrom('market_sizes').selectAll().execute();
  const events = await db.selectFrom('market_events').selectAll().execute();
  if (sizes.length + events.length === 0) return;
  const links = await db.selectFrom('market_event_companies').selectAll().orderBy('position').execute();
  let set = await db
    .selectFrom('changesets')
    .select(['id', 'recorded_at'])
    .where('kind', '=', 'bundled')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!set) {
    const meta = await db.selectFrom('dataset_meta').selectAll().where('key', '=', 'version').executeTakeFirst();
    const last = await db
      .selectFrom('changesets')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    set = { id: Number(last?.id ?? 0) + 1, recorded_at: meta?.updated_at ?? new Date().toISOString() };
    const actor = `bundled dataset ${meta?.value ?? 'unknown'}`;
    await db
      .insertInto('changesets')
      .values({
        ...set,
        kind: 'bundled',
        actor,
        description: 'market sizes and events (migration 0009)',
        added: 0,
        revised: 0,
        withdrawn: 0,
        details: null,
      })
      .execute();
  }
  const bool = (v: unknown) => Number(v) === 1;
  const records = [
    ...sizes.map((z) => ({
      kind: 'market-size',
      data: {
        id: z.id,
        marketId: z.market_id,
        marketText: z.market_text,
        region: z.region,
        periodText: z.period_text,
        period:
          z.period_label && z.period_kind && z.period_start && z.period_end
            ? { label: z.period_label, kind: z.period_kind, startDate: z.period_start, endDate: z.period_end }
            : null,
        forecast: bool(z.forecast),
        value: z.value,
        unit: z.unit,
        lowerBound: bool(z.lower_bound),
        publisher: z.publisher,
        publisherText: z.publisher_text,
        publishedDate: opt(z.published_date),
        url: z.url,
        quote: z.quote,
        quality: z.quality,
        datasetRow: Number(z.dataset_row),
      },
    })),
    ...events.map((e) => ({
      kind: 'event',
      data: {
        id: e.id,
        date: e.date,
        precision: e.precision,
        startDate: e.start_date,
        endDate: e.end_date,
        kind: e.kind,
        vendorNames: str(e.vendor_names).split('; '),
        companyIds: links.filter((l) => l.event_id === e.id).map((l) => l.company_id),
        title: e.title,
        detail: e.detail,
        url: e.url,
        quote: e.quote,
        quality: e.quality,
        datasetRow: Number(e.dataset_row),
      },
    })),
  ];
  for (let i = 0; i < records.length; i += 500) {
    await db
      .insertInto('revisions')
      .values(
        records.slice(i, i + 500).map((r) => ({
          kind: r.kind,
          record_id: str(r.data.id),
          revision: 1,
          changeset_id: Number(set.id),
          change: 'added',
          changed_fields: '',
          valid_from: str(set.recorded_at),
          valid_to: null,
          scope: null,
          sort_key: null,
          data: JSON.stringify(r.data),
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('revisions').execute();
}
