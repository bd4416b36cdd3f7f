import type { Kysely } from 'kysely';

// Frozen once shipped. Portable SQL only. Revision history for records other than share figures:
// licensing releases (`release`) and price points (`price`), each revision a JSON snapshot of the
// record. `model_releases` and `price_points` stay the current state every query reads. Rows
// already loaded are backfilled as revision 1 of one change set of the bundled dataset.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_revisions')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('changeset_id', 'integer', (c) => c.notNull().references('changesets.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('changed_fields', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_revisions_pk', ['kind', 'record_id', 'revision'])
    .execute();
  await db.schema
    .createIndex('record_revisions_current')
    .on('record_revisions')
    .columns(['kind', 'valid_to'])
    .execute();
  await backfill(db as Kysely<Tables>);
}

interface Tables {
  dataset_meta: { key: string; value: string; updated_at: string };
  changesets: {
    id: number;
    kind: string;
    actor: string;
    description: string;
    recorded_at: string;
    added: number;
    revised: number;
    withdrawn: number;
    details: string | null;
  };
  model_releases: Record<string, string | number | null> & { id: string; dataset_row: number };
  price_points: Record<string, string | number | null> & { id: string; dataset_row: number; model_id: string };
  priced_models: {
    id: string;
    name: string;
    vendor_id: string;
    family: string;
    weights: string;
    license: string;
    pricing_models: string;
  };
  record_revisions: Record<string, unknown>;
}

async function backfill(db: Kysely<Tables>) {
  const releases = await db.selectFrom('model_releases').selectAll().orderBy('dataset_row').execute();
  const points = await db.selectFrom('price_points').selectAll().orderBy('dataset_row').execute();
  if (releases.length + points.length === 0) return;
  const models = new Map((await db.selectFrom('priced_models').selectAll().execute()).map((m) => [m.id, m]));
  const meta = await db.selectFrom('dataset_meta').selectAll().where('key', '=', 'version').executeTakeFirst();
  const last = await db
    .selectFrom('changesets')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const id = Number(last?.id ?? 0) + 1;
  const at = meta?.updated_at ?? new Date().toISOString();
  await db
    .insertInto('changesets')
    .values({
      id,
      kind: 'bundled',
      actor: `bundled dataset ${meta?.value ?? 'unknown'}`,
      description: 'licensing and prices loaded before their revision history was kept (migration 0006)',
      recorded_at: at,
      added: releases.length + points.length,
      revised: 0,
      withdrawn: 0,
      details: null,
    })
    .execute();
  const num = (v: unknown) => (v === null ? null : Number(v));
  const rows = [
    ...releases.map((r) => ({
      kind: 'release',
      record_id: r.id,
      data: {
        id: r.id,
        kind: r.kind,
        familyId: r.family_id,
        companyId: r.company_id,
        name: r.name,
        grade: r.grade,
        licence: r.licence,
        dateText: r.date_text,
        date: r.date,
        url: r.url,
        quote: r.quote,
        quality: r.quality,
        datasetRow: Number(r.dataset_row),
      },
    })),
    ...points.map((p) => {
      const m = models.get(String(p.model_id));
      return {
        kind: 'price',
        record_id: p.id,
        data: {
          id: p.id,
          datasetRow: Number(p.dataset_row),
          modelId: p.model_id,
          modelText: p.model_text,
          vendorId: p.vendor_id,
          license: p.license,
          platform: p.platform,
          region: p.region,
          currency: p.currency,
          currencyNote: p.currency_note,
          unitTokens: Number(p.unit_tokens),
          sourceInputPrice: p.source_input_price,
          sourceOutputPrice: p.source_output_price,
          sourceCachedInputPrice: p.source_cached_input_price,
          inputPerMTok: p.input_per_mtok,
          outputPerMTok: p.output_per_mtok,
          cachedInputPerMTok: p.cached_input_per_mtok,
          tier:
            p.tier_min_input_tokens === null
              ? null
              : { minInputTokens: num(p.tier_min_input_tokens), maxInputTokens: num(p.tier_max_input_tokens) },
          effective: {
            text: p.effective_text,
            kind: p.effective_kind,
            from: p.effective_from,
            to: p.effective_to,
            approximate: Number(p.effective_approximate) === 1,
            note: p.effective_note,
          },
          source: { url: p.source_url, site: p.source_site, quote: p.quote, quality: p.source_quality },
          model: m
            ? {
                id: m.id,
                name: m.name,
                vendorId: m.vendor_id,
                family: m.family,
                weights: m.weights,
                license: m.license,
                pricingModels: m.pricing_models.split(';'),
              }
            : null,
        },
      };
    }),
  ];
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('record_revisions')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          kind: r.kind,
          record_id: r.record_id,
          revision: 1,
          changeset_id: id,
          change: 'added',
          changed_fields: '',
          valid_from: at,
          valid_to: null,
          data: JSON.stringify(r.data),
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_revisions').execute();
}
