import { describe, expect, it } from 'vitest';
import { normalizeReleases } from './normalize/openness.js';
import { figureStrategy, firstDate, gradeRelease, type RawLicensingRow, strategyOf, toBinary } from './openness.js';
import type { ModelFamily } from './schemas/openness.js';

describe('gradeRelease', () => {
  it('grades open weights by licence: Apache-2.0 and MIT permissive, anything else restricted', () => {
    expect(gradeRelease('open-weight', 'Apache-2.0')).toBe('open-permissive');
    expect(gradeRelease('open-weight', 'MIT (weights); Apache-2.0 (code repo)')).toBe('open-permissive');
    expect(gradeRelease('open-weight', 'Modified MIT (attribution if >100M MAU)')).toBe('open-restricted');
    expect(gradeRelease('open-weight', 'Tongyi Qianwen License Agreement (custom)')).toBe('open-restricted');
    expect(gradeRelease('open-weight', 'non-commercial license')).toBe('open-restricted');
    expect(gradeRelease('open-weight', 'not stated in source')).toBe('open-unstated');
  });
  it('makes closed API only, a strategy statement no grade, and rejects unknown openness', () => {
    expect(gradeRelease('closed', 'proprietary (API only)')).toBe('api-only');
    expect(gradeRelease('mixed', 'open-weight for most sizes; Max tier closed')).toBeNull();
    expect(gradeRelease('semi-open', 'x')).toEqual({ error: '"semi-open" is not one of open-weight, closed, mixed, unreleased' });
  });
});

describe('firstDate', () => {
  it('takes the first date in free text and refuses "before …"', () => {
    expect(firstDate('2023-08 to 2023-12')).toBe('2023-08');
    expect(firstDate('2025-09-05 (preview) / 2025-09-24 (GA)')).toBe('2025-09-05');
    expect(firstDate('2024 (pre-R1)')).toBe('2024');
    expect(firstDate('before 2025-06-30')).toBeNull();
    expect(firstDate('n/a')).toBeNull();
  });
});

describe('strategyOf', () => {
  const r = (grade: 'open-permissive' | 'open-restricted' | 'api-only' | null) => ({ kind: grade ? ('release' as const) : ('statement' as const), grade });
  it('is open when every release publishes weights, closed when none does, mixed otherwise', () => {
    expect(strategyOf([r('open-permissive'), r('open-restricted')])).toBe('open');
    expect(strategyOf([r('api-only')])).toBe('closed');
    expect(strategyOf([r('open-permissive'), r('api-only')])).toBe('mixed');
  });
  it('does not count statements, and says "not classified" with no release', () => {
    expect(strategyOf([r(null)])).toBe('not-classified');
    expect(strategyOf([r(null), r('api-only')])).toBe('closed');
    expect(strategyOf([])).toBe('not-classified');
  });
  it('maps to the binary view: open and mixed publish open weights', () => {
    expect([toBinary('open'), toBinary('mixed'), toBinary('closed'), toBinary('not-classified')]).toEqual([
      'open-weights',
      'open-weights',
      'api-only',
      'not-classified',
    ]);
  });
});

const families: ModelFamily[] = [
  { id: 'qwen', name: 'Qwen', companyId: 'alibaba', vendorId: 'alibaba-cloud', prefixes: ['Qwen'] },
  { id: 'doubao', name: 'Doubao', companyId: 'bytedance', vendorId: 'volcano-engine', prefixes: ['Doubao'] },
];
const ref = {
  licensingVendors: [
    { name: 'Alibaba (Qwen)', companyId: 'alibaba' },
    { name: 'ByteDance (Volcano Engine)', companyId: 'bytedance' },
  ],
  families,
  companyIds: new Set(['alibaba', 'bytedance']),
};
const row = (over: RawLicensingRow): RawLicensingRow => ({
  vendor: 'Alibaba (Qwen)',
  model_family: 'Qwen3 open-weight family',
  openness: 'open-weight',
  license: 'Apache-2.0',
  date: '2025-04-29',
  url: 'https://example.org/qwen3',
  quote: 'Qwen3 is released under the Apache 2.0 license',
  source_quality: 'secondary',
  ...over,
});

describe('normalizeReleases', () => {
  it('grades rows into releases of known families and keeps statements apart', () => {
    const { releases, issues } = normalizeReleases(
      [
        row({}),
        row({ model_family: 'Qwen-Max (all Max versions)', openness: 'closed', license: 'proprietary (API only)', date: '2025-09' }),
        row({ model_family: 'Qwen overall (strategy statement)', openness: 'mixed', license: 'open-weight for most sizes; Max tier closed' }),
        row({ vendor: 'ByteDance (Volcano Engine)', model_family: 'Doubao API models', openness: 'closed', license: 'proprietary' }),
      ],
      ref,
    );
    expect(issues).toEqual([]);
    expect(releases.map((r) => [r.familyId, r.companyId, r.kind, r.grade, r.datasetRow])).toEqual([
      ['qwen', 'alibaba', 'release', 'open-permissive', 1],
      ['qwen', 'alibaba', 'release', 'api-only', 2],
      ['qwen', 'alibaba', 'statement', null, 3],
      ['doubao', 'bytedance', 'release', 'api-only', 4],
    ]);
    expect(strategyOf(releases.filter((r) => r.companyId === 'alibaba'))).toBe('mixed');
    expect(strategyOf(releases.filter((r) => r.companyId === 'bytedance'))).toBe('closed');
  });

  it('reports each bad row with its row and column, keeps the good ones, and never throws', () => {
    const { releases, issues } = normalizeReleases(
      [
        row({ vendor: 'Huawei (Pangu)' }),
        row({ model_family: 'Tongyi Wanxiang video' }),
        row({ openness: 'semi-open' }),
        row({ url: 'ftp://example.org' }),
        row({ quote: ' ' }),
        row({}),
        {},
      ],
      ref,
    );
    expect(releases.map((r) => r.datasetRow)).toEqual([6]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'vendor'],
      [2, 'model_family'],
      [3, 'openness'],
      [4, 'url'],
      [5, 'quote'],
      [7, 'vendor'],
      [7, 'model_family'],
      [7, 'license'],
      [7, 'openness'],
      [7, 'url'],
      [7, 'quote'],
      [7, 'source_quality'],
    ]);
  });
});

describe('figureStrategy', () => {
  const ctx = {
    vendors: new Map([
      ['alibaba-cloud', { parentId: 'alibaba' }],
      ['volcano-engine', { parentId: 'bytedance' }],
      ['huawei-cloud', { parentId: 'huawei' }],
      ['deepseek', { parentId: 'deepseek' }],
    ]),
    families: [
      { id: 'qwen', name: 'Qwen' },
      { id: 'doubao', name: 'Doubao' },
    ],
    byCompany: new Map([
      ['alibaba', 'mixed' as const],
      ['bytedance', 'mixed' as const],
      ['deepseek', 'open' as const],
    ]),
    byFamily: new Map([
      ['qwen', 'mixed' as const],
      ['doubao', 'closed' as const],
    ]),
  };
  it("uses a model family's own strategy for a family figure and the parent company's otherwise", () => {
    expect(figureStrategy({ subjectKind: 'vendor', vendorIds: ['volcano-engine'], modelFamily: 'Doubao' }, ctx)).toBe('closed');
    expect(figureStrategy({ subjectKind: 'vendor', vendorIds: ['volcano-engine'], modelFamily: null }, ctx)).toBe('mixed');
    expect(figureStrategy({ subjectKind: 'vendor', vendorIds: ['huawei-cloud'], modelFamily: null }, ctx)).toBe('not-classified');
  });
  it('classifies a combined figure only when all its members agree', () => {
    expect(figureStrategy({ subjectKind: 'group', vendorIds: ['alibaba-cloud', 'volcano-engine'], modelFamily: null }, ctx)).toBe('mixed');
    expect(figureStrategy({ subjectKind: 'group', vendorIds: ['alibaba-cloud', 'deepseek'], modelFamily: null }, ctx)).toBe(
      'not-classified',
    );
  });
});
