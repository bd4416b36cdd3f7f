import { describe, expect, it } from 'vitest';
import {
  BINARY_LABELS,
  OPENNESS_GRADE_LABELS,
  STRATEGY_LABELS,
  parsePeriod,
  type OpennessResponse,
} from '@dash/domain';
import { fig } from '../../test/figures';
import { groupCompanies, type Company, type Release } from './camps';
import { familyNotes, listNames, opennessHeadline, sharesSentence } from './headline';

let n = 0;
const release = (p: Partial<Release> & Pick<Release, 'familyId' | 'companyId' | 'name'>): Release => ({
  id: `r-${(++n).toString(16).padStart(8, '0')}`,
  kind: 'release',
  grade: 'open-permissive',
  licence: 'Apache-2.0',
  dateText: '2025',
  date: '2025',
  url: 'https://example.org/licence',
  quote: 'released under Apache 2.0',
  quality: 'secondary',
  datasetRow: n,
  ...p,
});
const company = (
  id: string,
  name: string,
  strategy: Company['strategy'],
  familyIds: string[],
  releaseCount: number,
): Company => ({
  id,
  name,
  color: '#8F8F8F',
  strategy,
  binary:
    strategy === 'open' || strategy === 'mixed'
      ? 'open-weights'
      : strategy === 'closed'
        ? 'api-only'
        : 'not-classified',
  releaseCount,
  familyIds,
});
const family = (id: string, name: string, companyId: string, strategy: Company['strategy']) => ({
  id,
  name,
  companyId,
  vendorId: null,
  prefixes: [name],
  strategy,
  binary: strategy === 'open' || strategy === 'mixed' ? ('open-weights' as const) : ('api-only' as const),
});

const data: OpennessResponse = {
  rule: 'the rule',
  gradeLabels: OPENNESS_GRADE_LABELS,
  strategyLabels: STRATEGY_LABELS,
  companies: [
    company('bytedance', 'ByteDance', 'mixed', ['doubao', 'seed'], 3),
    company('deepseek', 'DeepSeek', 'open', ['deepseek'], 1),
  ],
  families: [
    family('doubao', 'Doubao', 'bytedance', 'closed'),
    family('seed', 'Seed', 'bytedance', 'open'),
    family('deepseek', 'DeepSeek', 'deepseek', 'open'),
  ],
  releases: [
    release({ familyId: 'seed', companyId: 'bytedance', name: 'Seed-Coder', date: '2025', dateText: '2025' }),
    release({
      familyId: 'doubao',
      companyId: 'bytedance',
      name: 'Doubao API',
      grade: 'api-only',
      licence: 'proprietary',
      date: '2024-12-17',
    }),
    release({ familyId: 'seed', companyId: 'bytedance', name: 'Seed-OSS-36B', date: '2025-08-20' }),
    release({
      familyId: 'seed',
      companyId: 'bytedance',
      name: 'Seed statement',
      kind: 'statement',
      grade: null,
      date: '2026-01',
    }),
    release({ familyId: 'deepseek', companyId: 'deepseek', name: 'DeepSeek-R1', licence: 'MIT', date: '2025-01-20' }),
  ],
};

describe('groupCompanies', () => {
  it('groups by strategy in the graded view, keeping an empty closed camp and dropping an empty not-classified one', () => {
    const camps = groupCompanies(data, 'graded');
    expect(camps.map((c) => [c.title, c.companies.map((e) => e.company.name)])).toEqual([
      ['Open', ['DeepSeek']],
      ['Mixed', ['ByteDance']],
      ['Closed', []],
    ]);
    expect(camps[0]!.description).toBe('publishes weights of everything listed');
  });

  it('groups into publishes open weights / API only in the binary view', () => {
    const camps = groupCompanies(data, 'binary');
    expect(camps.map((c) => [c.title, c.companies.map((e) => e.company.name)])).toEqual([
      [BINARY_LABELS['open-weights'], ['ByteDance', 'DeepSeek']],
      [BINARY_LABELS['api-only'], []],
    ]);
  });

  it('lists each family’s releases newest first with statements last, and counts grades without statements', () => {
    const bytedance = groupCompanies(data, 'graded')[1]!.companies[0]!;
    expect(bytedance.families.map((f) => [f.family.name, f.releases.map((r) => r.name)])).toEqual([
      ['Doubao', ['Doubao API']],
      ['Seed', ['Seed-OSS-36B', 'Seed-Coder', 'Seed statement']],
    ]);
    expect(bytedance.gradeCounts).toEqual([
      { grade: 'open-permissive', label: 'Open weights, permissive licence', count: 2 },
      { grade: 'api-only', label: 'API only', count: 1 },
    ]);
    expect(bytedance.statementCount).toBe(1);
  });
});

describe('opennessHeadline', () => {
  const c = (name: string, strategy: Company['strategy']) => company(name.toLowerCase(), name, strategy, [], 1);
  it('says when every classified company publishes open weights, naming the mixed ones', () => {
    expect(opennessHeadline([c('Alibaba Group', 'mixed'), c('DeepSeek', 'open'), c('ByteDance', 'mixed')])).toBe(
      'All 3 companies in the licensing data publish open weights; Alibaba Group and ByteDance also keep some models API-only',
    );
  });
  it('counts both camps when some companies sell API access only, and says how many are not classified', () => {
    expect(
      opennessHeadline([
        c('DeepSeek', 'open'),
        c('Baidu', 'mixed'),
        c('OpenAI', 'closed'),
        c('Huawei', 'not-classified'),
      ]),
    ).toBe(
      '2 of 3 companies publish open weights (Baidu also keeps some models API-only); OpenAI sells API access only; 1 company not classified',
    );
  });
  it('makes no claim without classified companies', () => {
    expect(opennessHeadline([])).toBe('No company in the licensing data has a graded release yet');
    expect(opennessHeadline([c('OpenAI', 'closed')])).toBe(
      'None of the 1 company in the licensing data publishes open weights: all sell API access only',
    );
  });
});

describe('familyNotes', () => {
  it('names API-only families inside companies that publish open weights', () => {
    expect(familyNotes(data)).toEqual({ apiOnly: 'API-only model families: Doubao (ByteDance).', mixed: null });
  });
});

describe('listNames', () => {
  it('joins names in prose and shortens long lists', () => {
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listNames(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C and 3 others');
  });
});

describe('sharesSentence', () => {
  const band = (key: string, label: string, pctText: string, subject: string) => ({
    key,
    label,
    pctText,
    pct: Number(pctText),
    figures: [fig({ subject, pct: pctText, period: '2025H2', publisher: 'Frost & Sullivan' })],
  });
  it('states the published values of each band and the remainder, with the publisher', () => {
    const period = {
      period: parsePeriod('2025H2')!,
      bands: [
        band('open', STRATEGY_LABELS.open, '18.4', 'DeepSeek'),
        band('mixed', STRATEGY_LABELS.mixed, '32.1', 'Qwen'),
        band('closed', STRATEGY_LABELS.closed, '21.3', 'Doubao'),
      ],
      remainder: { pctText: '28.2', pct: 28.2 },
      usedPreferredSource: false,
    };
    expect(sharesSentence(period)).toBe(
      '2025 H2 (Frost & Sullivan): open 18.4%, mixed 32.1%, closed 21.3%; 28.2% others or not reported',
    );
  });
  it('keeps "API only" capitalised in the binary view', () => {
    const period = {
      period: parsePeriod('2025H2')!,
      bands: [
        band('open-weights', BINARY_LABELS['open-weights'], '50.5', 'Qwen'),
        band('api-only', BINARY_LABELS['api-only'], '21.3', 'Doubao'),
      ],
      remainder: { pctText: '28.2', pct: 28.2 },
      usedPreferredSource: false,
    };
    expect(sharesSentence(period)).toContain('open weights 50.5%, API only 21.3%');
  });
});
