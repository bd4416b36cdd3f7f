import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '@dash/dataset';
import { migrate, openStore, type Store } from './database.js';
import { loadBundledDataset } from './dataset-repository.js';
import { getCurrentFigure, listFigureRevisions, reviseShareFigure } from './revision-repository.js';
import { TEST_DIALECTS } from './testing/dialects.js';

const ds = loadDataset();
// Canalys, China cloud infrastructure 2025Q1, Alibaba Cloud 33%.
const target = ds.figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2025Q1' && f.subjectId === 'alibaba-cloud',
)!;
const editor = (n: number) => ({ kind: 'api' as const, actor: `editor ${n}`, description: `revision ${n}` });

describe.each(TEST_DIALECTS)('reviseShareFigure on $name', (dialect) => {
  let store: Store;
  let url: string;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    ({ store, url, cleanup } = await dialect.open());
    await migrate(store.db);
    await loadBundledDataset(store.db, ds);
    // Starting PGlite (the first test of a worker) and the bundled load take seconds on a busy machine.
  }, 60_000);
  afterEach(async () => {
    await cleanup?.();
  });

  it('changes only the fields given, keeping the rest as the figure stands', async () => {
    await reviseShareFigure(
      store.db,
      target.id,
      { quote: 'a corrected quote' },
      { mode: 'import', changeset: editor(1) },
    );
    const result = await reviseShareFigure(
      store.db,
      target.id,
      { sharePct: 32, sharePctText: '32' },
      { mode: 'import', changeset: editor(2) },
    );
    expect(result?.changes.find((c) => c.figureId === target.id)?.kind).toBe('revised');
    expect(await getCurrentFigure(store.db, target.id)).toMatchObject({ sharePct: 32, quote: 'a corrected quote' });
    expect(
      await reviseShareFigure(store.db, 'f-nonexistent', { quote: 'x' }, { mode: 'import', changeset: editor(3) }),
    ).toBeNull();
  });

  // Two connections (two API instances) revising one figure at once, alternately its value and its
  // quote: each revision applies to the one committed before it, so none is lost. PGlite is one
  // session (pool of one): there the writes simply queue.
  it('loses no revision when several writers revise one figure at once', async () => {
    const other = dialect.name === 'sqlite' || dialect.poolSize === 1 ? store : openStore(url);
    try {
      const writes = Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? { sharePct: 30 - i / 10, sharePctText: (30 - i / 10).toFixed(1) }
          : { quote: `${target.quote} (checked by editor ${i})` },
      );
      const results = await Promise.all(
        writes.map((change, i) =>
          reviseShareFigure((i % 2 === 0 ? store : other).db, target.id, change, {
            mode: 'import',
            changeset: editor(i),
          }),
        ),
      );
      const order = results
        .map((r, i) => ({ i, changesetId: r!.changesetId! }))
        .sort((a, b) => a.changesetId - b.changesetId);
      const history = await listFigureRevisions(store.db, target.id);
      expect(history).toHaveLength(1 + writes.length);
      let state = { sharePct: target.sharePct, quote: target.quote };
      for (const [k, { i, changesetId }] of order.entries()) {
        state = { ...state, ...writes[i] };
        const recorded = history[k + 1]!;
        expect(recorded.changeset.id).toBe(changesetId);
        expect({ sharePct: recorded.figure.sharePct, quote: recorded.figure.quote }).toEqual({
          sharePct: state.sharePct,
          quote: state.quote,
        });
      }
    } finally {
      if (other !== store) await other.close();
    }
  });
});
