import { describe, expect, it } from 'vitest';
import {
  asOfInstant,
  changedFields,
  checkSumsWithHeld,
  planChanges,
  type FigureState,
  type HeldRecord,
} from './revisions.js';
import { figure } from './testing/figures.js';

const state = (over: Partial<FigureState> = {}): FigureState => ({
  sharePctText: '33',
  quote: 'Alibaba Cloud 33%',
  subjectName: 'Alibaba Cloud',
  modelFamily: null,
  vendorIds: ['alibaba-cloud'],
  publisher: 'Canalys',
  publishedDate: '2025-05',
  quality: 'primary',
  ...over,
});
const held = (s: FigureState, currentFromBundle: boolean, currentActor = 'alice'): HeldRecord<FigureState> => ({
  state: s,
  currentFromBundle,
  currentActor,
});

describe('changedFields', () => {
  it('names each field that differs, exactly (18.0 is not 18)', () => {
    expect(changedFields(state(), state())).toEqual([]);
    expect(changedFields(state(), state({ sharePctText: '33.0', quality: 'press' }))).toEqual([
      'share_pct',
      'source_quality',
    ]);
    expect(changedFields(state(), state({ vendorIds: ['alibaba-cloud', 'huawei-cloud'] }))).toEqual(['vendor_ids']);
  });
});

describe('planImport', () => {
  it('adds unknown figures, revises changed ones, leaves equal ones alone, withdraws nothing', () => {
    const current = new Map([
      ['f-1', held(state(), true)],
      ['f-2', held(state(), true)],
      ['f-9', held(state(), true)],
    ]);
    const plan = planChanges('import', current, new Map(), [
      { id: 'f-1', state: state(), row: 1 },
      { id: 'f-2', state: state({ quote: 'new quote' }), row: 2 },
      { id: 'f-3', state: state(), row: 3 },
    ], changedFields);
    expect(plan.map((c) => [c.id, c.kind, c.fields, c.row])).toEqual([
      ['f-1', 'unchanged', [], 1],
      ['f-2', 'revised', ['quote'], 2],
      ['f-3', 'added', [], 3],
    ]);
  });
});

describe('planBundledLoad (three-way merge)', () => {
  const v1 = state();
  const v2 = state({ sharePctText: '34' });
  const edited = state({ sharePctText: '35' });

  it('revises a figure only the bundled data changed', () => {
    const plan = planChanges('bundled', new Map([['f', held(v1, true)]]), new Map([['f', v1]]), [
      { id: 'f', state: v2, row: 7 },
    ], changedFields);
    expect(plan).toEqual([{ id: 'f', kind: 'revised', fields: ['share_pct'], before: v1, after: v2, row: 7 }]);
  });

  it("keeps an editor's revision of a figure the bundled data did not change", () => {
    const [c] = planChanges('bundled', new Map([['f', held(edited, false)]]), new Map([['f', v1]]), [
      { id: 'f', state: v1, row: 7 },
    ], changedFields);
    expect(c).toMatchObject({ kind: 'kept', before: edited, after: v1 });
    expect(c!.reason).toBe('revised by alice since the bundled data last changed it');
  });

  it('reports a conflict when both changed it, and when an import added what the bundled data now gives', () => {
    const [both] = planChanges('bundled', new Map([['f', held(edited, false)]]), new Map([['f', v1]]), [
      { id: 'f', state: v2, row: 7 },
    ], changedFields);
    expect(both).toMatchObject({ kind: 'conflict', fields: ['share_pct'] });
    expect(both!.reason).toContain('the bundled data changed it too');
    const [imported] = planChanges('bundled', new Map([['f', held(edited, false)]]), new Map(), [
      { id: 'f', state: v2, row: 7 },
    ], changedFields);
    expect(imported).toMatchObject({ kind: 'conflict' });
    expect(imported!.reason).toContain('the bundled data now gives it too');
  });

  it('is unchanged when the bundled data agrees with the current state, whoever wrote it', () => {
    const [c] = planChanges('bundled', new Map([['f', held(edited, false)]]), new Map([['f', v1]]), [
      { id: 'f', state: edited, row: 1 },
    ], changedFields);
    expect(c!.kind).toBe('unchanged');
  });

  it("withdraws what the bundled data dropped, unless someone revised it; never an import's own figure", () => {
    const current = new Map([
      ['dropped', held(v1, true)],
      ['edited', held(edited, false)],
      ['imported', held(v1, false)],
    ]);
    const base = new Map([
      ['dropped', v1],
      ['edited', v1],
    ]);
    const plan = planChanges('bundled', current, base, [], changedFields);
    expect(plan.map((c) => [c.id, c.kind])).toEqual([
      ['dropped', 'withdrawn'],
      ['edited', 'kept'],
    ]);
  });
});

describe('checkSumsWithHeld', () => {
  it('adds incoming figures to those held, replacing a held figure by its new state', () => {
    const a = figure({ vendor: 'alibaba-cloud', pct: '60', period: '2025Q1', publisher: 'Canalys' });
    const b = figure({ vendor: 'huawei-cloud', pct: '30', period: '2025Q1', publisher: 'Canalys' });
    const c = figure({ vendor: 'tencent-cloud', pct: '15', period: '2025Q1', publisher: 'Canalys' });
    expect(checkSumsWithHeld([a, b], [{ figure: c, publisher: 'Canalys', row: 4 }])).toEqual([
      expect.objectContaining({ row: 4, column: 'value_percent' }),
    ]);
    expect(checkSumsWithHeld([a, b], [{ figure: c, publisher: 'Canalys', row: 4 }])[0]!.message).toBe(
      "Canalys's figures for china-ai-cloud 2025Q1 would sum to 105%, more than 100% (with 2 figure(s) already in the database) (rows 4)",
    );
    // Lowering Alibaba's held 60 to 55 in the same file makes room.
    const lower = { ...a, sharePct: 55, sharePctText: '55' };
    expect(
      checkSumsWithHeld(
        [a, b],
        [
          { figure: c, publisher: 'Canalys', row: 4 },
          { figure: lower, publisher: 'Canalys', row: 5 },
        ],
      ),
    ).toEqual([]);
    // Another publisher's set is separate.
    expect(checkSumsWithHeld([a, b], [{ figure: { ...c }, publisher: 'IDC', row: 4 }])).toEqual([]);
  });
});

describe('asOfInstant', () => {
  it('reads a date as the end of that day in UTC and a date-time with a zone as that instant', () => {
    expect(asOfInstant('2025-06-30')).toBe('2025-06-30T23:59:59.999Z');
    expect(asOfInstant('2025-06-30T12:00:00Z')).toBe('2025-06-30T12:00:00.000Z');
    expect(asOfInstant('2025-06-30T12:00:00+08:00')).toBe('2025-06-30T04:00:00.000Z');
    expect(asOfInstant('2025-06-30T12:00Z')).toBe('2025-06-30T12:00:00.000Z');
  });

  it('refuses what is not a real date or lacks a zone', () => {
    for (const bad of [
      '2025-02-30',
      '2025-13-01',
      '2025-06-30T12:00:00',
      'yesterday',
      '2025',
      '2025-06-30T25:00:00Z',
      '',
    ]) {
      expect(asOfInstant(bad), bad).toBeNull();
    }
  });
});
