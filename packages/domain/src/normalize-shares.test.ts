import { describe, expect, it } from 'vitest';
import { figureIdFor, sourceIdFor } from './ids.js';
import { normalizeShares, type RawShareRow, SHARE_SOURCE_COLUMNS, type ShareReferenceData } from './normalize/shares.js';
import type { Market, Vendor, VendorAlias } from './schemas/entities.js';

// Small hand-written reference data, independent of the bundled dataset.
const vendor = (id: string, name: string, parentName: string, aliases: string[] = []): Vendor => ({
  id,
  name,
  parentId: parentName.toLowerCase().replace(/\W+/g, '-'),
  parentName,
  country: 'CN',
  aliases,
  color: '#E69F00',
});
const vendors: Vendor[] = [
  vendor('alibaba-cloud', 'Alibaba Cloud', 'Alibaba Group', ['Aliyun', '阿里云']),
  vendor('volcano-engine', 'Volcano Engine', 'ByteDance', ['Volcengine']),
  vendor('huawei-cloud', 'Huawei Cloud', 'Huawei'),
  vendor('tencent-cloud', 'Tencent Cloud', 'Tencent'),
  vendor('deepseek', 'DeepSeek', 'DeepSeek'),
];
const aliases: VendorAlias[] = [
  { alias: 'Qwen (Alibaba Cloud)', vendorId: 'alibaba-cloud', modelFamily: 'Qwen' },
  { alias: 'Doubao', vendorId: 'volcano-engine', modelFamily: 'Doubao' },
];
const markets: Market[] = [
  {
    id: 'china-cloud',
    name: 'China cloud',
    shortName: 'China cloud revenue',
    region: 'China',
    metricBasis: 'revenue',
    metric: 'revenue share',
    scope: 'IaaS and PaaS in mainland China',
    subjectLevel: 'vendor',
    sourceNames: [{ market: 'China cloud infrastructure', metric: 'revenue share' }],
    sizeNames: [],
  },
  {
    id: 'china-llm-usage',
    name: 'China LLM usage',
    shortName: 'LLM usage',
    region: 'China',
    metricBasis: 'usage',
    metric: 'usage share',
    scope: 'enterprise daily tokens by model family',
    subjectLevel: 'model-family',
    sourceNames: [{ market: 'China LLM usage by model family', metric: 'usage share' }],
    sizeNames: [],
  },
];
const ref: ShareReferenceData = { vendors, aliases, markets };

const URL_A = 'https://example.com/canalys-2025q1';
const TITLE_A = 'Canalys China cloud 2025Q1';

/** A valid raw row for China cloud, 2025Q1; override any column. */
const row = (over: RawShareRow = {}): RawShareRow => ({
  vendor: 'Alibaba Cloud',
  parent_company: 'Alibaba Group',
  market: 'China cloud infrastructure',
  region: 'China',
  period: '2025Q1',
  period_start: '2025-01-01',
  period_end: '2025-03-31',
  metric: 'revenue share',
  value_percent: '33',
  publisher: 'Canalys',
  report_title: TITLE_A,
  published_date: '2025-05-20',
  url: URL_A,
  quote: 'Alibaba Cloud led with 33%, ahead of Huawei Cloud (18%) and Tencent Cloud (10%).',
  source_quality: 'primary',
  ...over,
});

describe('normalizeShares: good rows', () => {
  it('turns a clean row into one cited figure with its source', () => {
    const out = normalizeShares([row()], ref);
    expect(out.issues).toEqual([]);
    const sourceId = sourceIdFor(URL_A, TITLE_A);
    expect(out.sources).toEqual([
      {
        id: sourceId,
        publisher: 'Canalys',
        title: TITLE_A,
        url: URL_A,
        publishedDate: '2025-05-20',
        quality: 'primary',
      },
    ]);
    expect(out.figures).toEqual([
      {
        id: figureIdFor({ marketId: 'china-cloud', subjectId: 'alibaba-cloud', period: '2025Q1', sourceId }),
        marketId: 'china-cloud',
        subjectKind: 'vendor',
        subjectId: 'alibaba-cloud',
        subjectName: 'Alibaba Cloud',
        vendorIds: ['alibaba-cloud'],
        modelFamily: null,
        period: { label: '2025Q1', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31' },
        sharePct: 33,
        sharePctText: '33',
        sourceId,
        quote: 'Alibaba Cloud led with 33%, ahead of Huawei Cloud (18%) and Tencent Cloud (10%).',
        datasetRow: 1,
      },
    ]);
  });

  it('resolves vendor aliases case-insensitively to the canonical vendor', () => {
    const out = normalizeShares(
      [row({ vendor: 'Aliyun' }), row({ vendor: '  VOLCENGINE ', parent_company: 'ByteDance', value_percent: '9' })],
      ref,
    );
    expect(out.issues).toEqual([]);
    expect(out.figures.map((f) => [f.subjectId, f.subjectName, f.vendorIds, f.modelFamily])).toEqual([
      ['alibaba-cloud', 'Alibaba Cloud', ['alibaba-cloud'], null],
      ['volcano-engine', 'Volcano Engine', ['volcano-engine'], null],
    ]);
  });

  it('attributes a model-family name ("Qwen (Alibaba Cloud)") to its vendor, labelled as model-level', () => {
    const out = normalizeShares(
      [
        row({
          vendor: 'Qwen (Alibaba Cloud)',
          market: 'China LLM usage by model family',
          metric: 'usage share',
          period: '2025H2',
          period_start: '2025-07-01',
          period_end: '2025-12-31',
          value_percent: '32.1',
        }),
      ],
      ref,
    );
    expect(out.issues).toEqual([]);
    const [f] = out.figures;
    expect(f).toMatchObject({
      marketId: 'china-llm-usage',
      subjectKind: 'vendor',
      subjectId: 'alibaba-cloud:qwen',
      vendorIds: ['alibaba-cloud'],
      modelFamily: 'Qwen',
      subjectName: 'Qwen (Alibaba Cloud)',
      sharePctText: '32.1',
      period: { label: '2025H2', kind: 'half', startDate: '2025-07-01', endDate: '2025-12-31' },
    });
  });

  it("treats a bare vendor name in a model-family market as that vendor's own family", () => {
    const out = normalizeShares(
      [
        row({
          vendor: 'DeepSeek',
          parent_company: 'DeepSeek',
          market: 'China LLM usage by model family',
          metric: 'usage share',
        }),
      ],
      ref,
    );
    expect(out.issues).toEqual([]);
    expect(out.figures[0]).toMatchObject({ subjectId: 'deepseek:deepseek', vendorIds: ['deepseek'], modelFamily: 'DeepSeek' });
  });

  it('keeps "A + B + C (combined)" as one group figure and never splits it', () => {
    const out = normalizeShares(
      [
        row({
          vendor: 'Alibaba Cloud + Huawei Cloud + Tencent Cloud (combined)',
          parent_company: 'Alibaba Group / Huawei / Tencent',
          value_percent: '61',
          quote: 'Together the three held 61%.',
        }),
      ],
      ref,
    );
    expect(out.issues).toEqual([]);
    expect(out.figures).toHaveLength(1);
    expect(out.figures[0]).toMatchObject({
      subjectKind: 'group',
      subjectId: 'alibaba-cloud+huawei-cloud+tencent-cloud',
      subjectName: 'Alibaba Cloud + Huawei Cloud + Tencent Cloud',
      vendorIds: ['alibaba-cloud', 'huawei-cloud', 'tencent-cloud'],
      modelFamily: null,
      sharePct: 61,
      sharePctText: '61',
    });
    expect(out.groups).toEqual([
      {
        id: 'alibaba-cloud+huawei-cloud+tencent-cloud',
        name: 'Alibaba Cloud + Huawei Cloud + Tencent Cloud',
        vendorIds: ['alibaba-cloud', 'huawei-cloud', 'tencent-cloud'],
      },
    ]);
  });

  it('derives period dates from the label when the row gives none', () => {
    const out = normalizeShares([row({ period: '1H25', period_start: '', period_end: '' })], ref);
    expect(out.issues).toEqual([]);
    expect(out.figures[0]!.period).toEqual({
      label: '2025H1',
      kind: 'half',
      startDate: '2025-01-01',
      endDate: '2025-06-30',
    });
  });

  it('keeps two sources that disagree on one vendor and period as two figures', () => {
    const out = normalizeShares(
      [
        row({ vendor: 'Huawei Cloud', parent_company: 'Huawei', value_percent: '8.8' }),
        row({
          vendor: 'Huawei Cloud',
          parent_company: 'Huawei',
          value_percent: '8.2',
          url: 'https://example.org/other',
          report_title: 'Other coverage',
          source_quality: 'secondary',
        }),
      ],
      ref,
    );
    expect(out.issues).toEqual([]);
    expect(out.figures.map((f) => f.sharePctText)).toEqual(['8.8', '8.2']);
    expect(new Set(out.figures.map((f) => f.id)).size).toBe(2);
    expect(out.sources).toHaveLength(2);
  });
});

describe('normalizeShares: bad rows', () => {
  // Each case breaks one thing; the issue must name that row and column, and the row is left out.
  const cases: Array<[string, RawShareRow, string | null, RegExp]> = [
    ['unknown vendor', { vendor: 'Alibaba Clod' }, 'vendor', /unknown vendor "Alibaba Clod"/],
    [
      'unknown member of a combined figure',
      { vendor: 'Alibaba Cloud + Nobody Cloud (combined)', parent_company: '' },
      'vendor',
      /"Nobody Cloud"/,
    ],
    ['unknown market', { market: 'Mars cloud' }, 'market', /unknown market "Mars cloud"/],
    ['bad percent', { value_percent: '33,5' }, 'value_percent', /not a percentage/],
    ['percent over 100', { value_percent: '133' }, 'value_percent', /more than 100/],
    ['missing percent', { value_percent: '' }, 'value_percent', /empty/],
    ['missing quote', { quote: '   ' }, 'quote', /empty/],
    ['bad URL', { url: 'www.example.com/page' }, 'url', /not an http\(s\) URL/],
    ['non-http URL', { url: 'ftp://example.com/file' }, 'url', /not an http\(s\) URL/],
    [
      'bad quality',
      { source_quality: 'official' },
      'source_quality',
      /"official" is not one of primary, press, community, secondary/,
    ],
    ['bad period label', { period: '2025Q5' }, 'period', /"2025Q5" is not a period/],
    [
      'period start not matching the label',
      { period_start: '2025-02-01' },
      'period_start',
      /2025-02-01 does not match period 2025Q1 \(2025-01-01\)/,
    ],
    [
      'period end not matching the label',
      { period_end: '2025-06-30' },
      'period_end',
      /2025-06-30 does not match period 2025Q1 \(2025-03-31\)/,
    ],
    [
      'wrong parent company',
      { parent_company: 'ByteDance' },
      'parent_company',
      /"ByteDance" does not match the vendor's parent "Alibaba Group"/,
    ],
    ['region not matching the market', { region: 'Global' }, 'region', /does not match market china-cloud's region/],
    ['bad published date', { published_date: '2025-13-01' }, 'published_date', /not a date/],
  ];

  it.each(cases)('%s: issue on row 2, column %s; rows 1 and 3 still come through', (_name, over, column, message) => {
    const rows = [
      row({ vendor: 'Huawei Cloud', parent_company: 'Huawei', value_percent: '18' }),
      row(over),
      row({ vendor: 'Tencent Cloud', parent_company: 'Tencent', value_percent: '10' }),
    ];
    const out = normalizeShares(rows, ref);
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]).toMatchObject({ row: 2, column });
    expect(out.issues[0]!.message).toMatch(message);
    expect(out.figures.map((f) => [f.datasetRow, f.subjectId])).toEqual([
      [1, 'huawei-cloud'],
      [3, 'tencent-cloud'],
    ]);
  });

  it('reports every problem of a row, not just the first', () => {
    const out = normalizeShares([row({ vendor: 'Nobody', value_percent: 'abc', source_quality: 'great' })], ref);
    expect(out.issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'vendor'],
      [1, 'value_percent'],
      [1, 'source_quality'],
    ]);
    expect(out.figures).toEqual([]);
  });

  it('reports a duplicate row, naming the row it repeats, and keeps the first', () => {
    const out = normalizeShares(
      [row(), row({ vendor: 'Huawei Cloud', parent_company: 'Huawei' }), row({ vendor: 'aliyun' })],
      ref,
    );
    expect(out.issues).toEqual([
      { row: 3, column: null, message: 'duplicates row 1 (same market, vendor, period and source)' },
    ]);
    expect(out.figures.map((f) => f.datasetRow)).toEqual([1, 2]);
  });

  it('refuses the same page and title cited with a different publisher', () => {
    const out = normalizeShares(
      [row(), row({ vendor: 'Huawei Cloud', parent_company: 'Huawei', publisher: 'Omdia' })],
      ref,
    );
    expect(out.issues).toEqual([
      {
        row: 2,
        column: 'url',
        message: 'same page and title as an earlier row but different publisher, date or quality',
      },
    ]);
    expect(out.figures).toHaveLength(1);
  });

  it('flags a set from one publisher summing to more than 100%, naming its rows', () => {
    const out = normalizeShares(
      [
        row({ value_percent: '60' }),
        row({ vendor: 'Huawei Cloud', parent_company: 'Huawei', value_percent: '45' }),
        row({
          vendor: 'Tencent Cloud',
          parent_company: 'Tencent',
          value_percent: '10',
          period: '2025Q2',
          period_start: '',
          period_end: '',
        }),
      ],
      ref,
    );
    expect(out.issues).toEqual([
      {
        row: 1,
        column: 'value_percent',
        message: "Canalys's figures for china-cloud 2025Q1 sum to 105%, more than 100% (rows 1, 2)",
      },
    ]);
  });

  it('never throws, even for rows with every field missing, and names each missing column', () => {
    const rows: RawShareRow[] = [
      {},
      row(),
      Object.fromEntries(SHARE_SOURCE_COLUMNS.map((c) => [c, ''])) as RawShareRow,
    ];
    let out: ReturnType<typeof normalizeShares> | undefined;
    expect(() => {
      out = normalizeShares(rows, ref);
    }).not.toThrow();
    const columnsOf = (r: number) => out!.issues.filter((i) => i.row === r).map((i) => i.column);
    const required = [
      'vendor',
      'market',
      'metric',
      'period',
      'value_percent',
      'publisher',
      'report_title',
      'url',
      'quote',
      'source_quality',
    ];
    expect(columnsOf(1).sort()).toEqual([...required].sort());
    expect(columnsOf(3).sort()).toEqual([...required].sort());
    expect(out!.figures.map((f) => f.datasetRow)).toEqual([2]);
  });

  it('never throws on reference data that is empty', () => {
    const out = normalizeShares([row()], { vendors: [], aliases: [], markets: [] });
    expect(out.figures).toEqual([]);
    expect(out.issues.map((i) => i.column)).toEqual(['vendor', 'market']);
  });
});
