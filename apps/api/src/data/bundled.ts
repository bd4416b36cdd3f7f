import { loadDataset, type Dataset } from '@dash/dataset';
import { getDatasetVersion, loadBundledDataset, migrate, type Store } from '@dash/store';

export interface PreparedDatabase {
  dataset: Dataset;
  /** Lines to show the operator: dataset issues, what the load changed, conflicts it did not apply. */
  messages: string[];
}

/**
 * Brings a database up to date the way the server does at start: migrates, then loads the bundled
 * dataset when the database holds another version (an import attributed to "bundled dataset
 * <version>": it adds and revises figures and withdraws dropped ones, and never overwrites an
 * editor's revision; see ARCHITECTURE.md). Used by the server and by the data CLI.
 */
export async function prepareDatabase(store: Store, now = new Date()): Promise<PreparedDatabase> {
  await migrate(store.db);
  const dataset = loadDataset();
  const messages: string[] = [];
  if (dataset.issues.length > 0) {
    const lines = dataset.issues.map((i) => `  row ${i.row ?? '-'}${i.column ? ` [${i.column}]` : ''}: ${i.message}`);
    messages.push(`bundled dataset has ${dataset.issues.length} issue(s):\n${lines.join('\n')}`);
  }
  const loaded = await getDatasetVersion(store.db);
  if (loaded !== dataset.version) {
    const { counts, changes, releases, prices, marketSizes, events, hidden } = await loadBundledDataset(store.db, dataset, now);
    const line = (c: typeof counts) =>
      `${c.added} added, ${c.revised} revised, ${c.withdrawn} withdrawn, ${c.unchanged} unchanged` +
      (c.kept + c.conflict > 0 ? `, ${c.kept} kept and ${c.conflict} in conflict with editors' revisions` : '');
    messages.push(
      `loaded bundled dataset ${dataset.version} into ${store.dialect}: figures ${line(counts)}; ` +
        `licensing ${line(releases.counts)}; prices ${line(prices.counts)}; ` +
        `market sizes ${line(marketSizes.counts)}; events ${line(events.counts)}`,
    );
    for (const c of changes.filter((x) => x.kind === 'conflict')) {
      messages.push(
        `  conflict ${c.figureId}: bundled ${c.after?.sharePctText ?? '-'}%, current ${c.before?.sharePctText ?? '-'}%: ${c.reason ?? ''}`,
      );
    }
    const records = [releases, prices, marketSizes, events].flatMap(
      (k) => k.changes as ReadonlyArray<{ kind: string; id: string; fields: string[]; reason?: string }>,
    );
    for (const c of records.filter((x) => x.kind === 'conflict')) {
      messages.push(`  conflict ${c.id} (${c.fields.join(', ')}): ${c.reason ?? ''}`);
    }
    if (hidden.length > 0) {
      messages.push(
        `  kept in the history but not shown (their family, company, vendor or market is gone): ${hidden.join(', ')}`,
      );
    }
  }
  return { dataset, messages };
}
