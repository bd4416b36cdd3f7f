import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';

// Frozen once shipped. Portable SQL only. Content-hash ids grow from 32 bits (8 hex digits of
// FNV-1a) to 64 (16 hex digits of SHA-256 over the same identity text), so two statements no
// longer share an id. Every stored id is rewritten: current tables, their child tables, both
// revision tables (the JSON snapshots of releases and prices included) and the ids named in
// change sets and the audit log. `id_aliases` keeps old → new, so links to an old id still work.
// The identity texts are those of @dash/domain's id functions at the time, copied here so this
// migration never changes with them.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;
type Row = Record<string, unknown>;

const hash64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const sourceId = (url: unknown, title: unknown) => `s-${hash64(`${text(url)}\n${text(title)}`)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('id_aliases')
    .addColumn('old_id', 'text', (c) => c.primaryKey())
    .addColumn('new_id', 'text', (c) => c.notNull())
    .execute();
  // One transaction (PostgreSQL runs migrations in one already; SQLite does not).
  const d = db as Db;
  if (d.isTransaction) await rewrite(d as Transaction<unknown>);
  else await d.transaction().execute(rewrite);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('id_aliases').execute();
}

async function rewrite(db: Db) {
  const alias = new Map<string, string>();
  const add = (oldId: unknown, newId: string) => {
    if (typeof oldId === 'string' && oldId !== newId) alias.set(oldId, newId);
  };
  const all = (table: string) => db.selectFrom(table).selectAll().execute() as Promise<Row[]>;

  // Sources and figures: current state and every revision (withdrawn figures are only there).
  for (const s of await all('sources')) add(s.id, sourceId(s.url, s.title));
  const figureId = (r: Row, source: string) => `f-${hash64([r.market_id, r.subject_id, r.period_label, source].map(text).join('|'))}`;
  const revisions = await all('share_figure_revisions');
  for (const r of revisions) {
    const source = sourceId(r.source_url, r.source_title);
    add(r.source_id, source);
    add(r.figure_id, figureId(r, source));
  }
  for (const f of await all('share_figures')) add(f.id, figureId(f, alias.get(f.source_id as string) ?? text(f.source_id)));

  // Releases and price points: their snapshots in record_revisions, and the current tables.
  const releaseId = (companyId: unknown, name: unknown, url: unknown) => `r-${hash64([companyId, name, url].map(text).join('|'))}`;
  const priceId = (parts: unknown[]) => `p-${hash64(parts.map(text).join('|'))}`;
  const records = await all('record_revisions');
  for (const r of records) {
    const d = JSON.parse(r.data as string) as Row & { tier?: Row | null; effective?: Row; source?: Row };
    const id =
      r.kind === 'release'
        ? releaseId(d.companyId, d.name, d.url)
        : priceId([d.modelId, d.region, d.currency, d.tier?.minInputTokens, d.tier?.maxInputTokens, d.effective?.text, d.source?.url]);
    add(r.record_id, id);
  }
  for (const r of await all('model_releases')) add(r.id, releaseId(r.company_id, r.name, r.url));
  for (const p of await all('price_points')) {
    add(p.id, priceId([p.model_id, p.region, p.currency, p.tier_min_input_tokens, p.tier_max_input_tokens, p.effective_text, p.source_url]));
  }
  for (const x of await all('fx_rates')) add(x.id, `fx-${hash64([x.period, x.kind, x.url].map(text).join('|'))}`);
  for (const z of await all('market_sizes')) add(z.id, `z-${hash64([z.market_text, z.period_text, z.value, z.url].map(text).join('|'))}`);
  for (const e of await all('market_events')) add(e.id, `e-${hash64([e.date, e.title, e.url].map(text).join('|'))}`);
  if (alias.size === 0) return;

  const pairs = [...alias].map(([old_id, new_id]) => ({ old_id, new_id }));
  for (let i = 0; i < pairs.length; i += 500) await db.insertInto('id_aliases').values(pairs.slice(i, i + 500)).execute();

  const newOf = (column: string) => sql`(select a.new_id from id_aliases a where a.old_id = ${sql.ref(column)})`;
  const renamed = (column: string) => sql<boolean>`${sql.ref(column)} in (select old_id from id_aliases)`;
  const remap = async (table: string, column: string) => {
    await db.updateTable(table).set(column, newOf(`${table}.${column}`)).where(renamed(`${table}.${column}`)).execute();
  };
  // A referenced row is copied under its new id, its children moved to it, then the old row
  // deleted, so no foreign key is ever broken (none is declared ON UPDATE CASCADE).
  const move = async (table: string, columns: string[], children: Array<[string, string]>) => {
    const cols = columns.map((c) => sql.ref(c));
    const from = columns.map((c) => sql.ref(`t.${c}`));
    await sql`insert into ${sql.table(table)} (id, ${sql.join(cols)})
      select a.new_id, ${sql.join(from)} from ${sql.table(table)} t join id_aliases a on a.old_id = t.id`.execute(db);
    for (const [child, column] of children) await remap(child, column);
    await db.deleteFrom(table).where(renamed(`${table}.id`)).execute();
  };
  await move('sources', ['publisher', 'title', 'url', 'published_date', 'quality'], [['share_figures', 'source_id']]);
  await move(
    'share_figures',
    ['market_id', 'subject_kind', 'subject_id', 'subject_name', 'model_family', 'period_label', 'period_kind', 'period_start', 'period_end', 'share_pct', 'source_id', 'quote', 'dataset_row'],
    [['share_figure_vendors', 'figure_id']],
  );
  await move(
    'market_events',
    ['date', 'precision', 'start_date', 'end_date', 'kind', 'vendor_names', 'title', 'detail', 'url', 'quote', 'quality', 'dataset_row'],
    [['market_event_companies', 'event_id']],
  );
  for (const table of ['model_releases', 'price_points', 'fx_rates', 'market_sizes']) await remap(table, 'id');
  await remap('share_figure_revisions', 'figure_id');
  await remap('share_figure_revisions', 'source_id');

  // The record snapshots carry their id; ids named in free text (change-set details and
  // descriptions, audit targets and details) are replaced where they appear.
  for (const r of records) {
    const data = JSON.parse(r.data as string) as Row;
    const id = alias.get(r.record_id as string);
    if (id === undefined) continue;
    data.id = id;
    await db
      .updateTable('record_revisions')
      .set({ record_id: id, data: JSON.stringify(data) })
      .where('kind', '=', r.kind)
      .where('record_id', '=', r.record_id)
      .where('revision', '=', r.revision)
      .execute();
  }
  const OLD_ID = /\b(?:fx|[fsrpze])-[0-9a-f]{8}\b/g;
  const replaced = (v: unknown) => (typeof v === 'string' ? v.replace(OLD_ID, (m) => alias.get(m) ?? m) : v);
  const retext = async (table: string, key: string, columns: string[]) => {
    for (const row of await all(table)) {
      const set: Row = {};
      for (const c of columns) if (replaced(row[c]) !== row[c]) set[c] = replaced(row[c]);
      if (Object.keys(set).length > 0) await db.updateTable(table).set(set).where(key, '=', row[key]).execute();
    }
  };
  await retext('changesets', 'id', ['description', 'details']);
  await retext('audit_log', 'id', ['target', 'detail']);
  // Answers cached under the data revision name the old ids: give the data a new revision.
  await db.updateTable('dataset_meta').set({ value: randomUUID() }).where('key', '=', 'data_revision').execute();
}
