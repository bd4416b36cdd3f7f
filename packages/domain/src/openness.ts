import { z } from 'zod';
import { SlugSchema, SourceQualitySchema, type ShareFigure, type Vendor } from './entities.js';
import { hash64 } from './ids.js';
import type { RowIssue } from './normalize-shares.js';

/** How open one release is, graded from its licence. */
export const OpennessGradeSchema = z.enum(['open-permissive', 'open-restricted', 'open-unstated', 'api-only', 'unreleased']);
export type OpennessGrade = z.infer<typeof OpennessGradeSchema>;

export const OPENNESS_GRADE_LABELS: Record<OpennessGrade, string> = {
  'open-permissive': 'Open weights, permissive licence',
  'open-restricted': 'Open weights, restricted licence',
  'open-unstated': 'Open weights, licence not stated',
  'api-only': 'API only',
  unreleased: 'Unreleased',
};

/** A company's (or a model family's) strategy, derived from its releases by {@link OPENNESS_RULE}. */
export const StrategySchema = z.enum(['open', 'mixed', 'closed', 'not-classified']);
export type Strategy = z.infer<typeof StrategySchema>;

export const STRATEGY_LABELS: Record<Strategy, string> = {
  open: 'Open: publishes weights of everything listed',
  mixed: 'Mixed: open weights and API-only models',
  closed: 'Closed: API only',
  'not-classified': 'Not classified: no releases in the data',
};

/** The binary view: does the company publish open weights at all? */
export const BinaryOpennessSchema = z.enum(['open-weights', 'api-only', 'not-classified']);
export type BinaryOpenness = z.infer<typeof BinaryOpennessSchema>;

export const BINARY_LABELS: Record<BinaryOpenness, string> = {
  'open-weights': 'Publishes open weights',
  'api-only': 'API only',
  'not-classified': 'Not classified',
};

export const toBinary = (s: Strategy): BinaryOpenness =>
  s === 'open' || s === 'mixed' ? 'open-weights' : s === 'closed' ? 'api-only' : 'not-classified';

/**
 * The one written rule, stated by the UI, the API and the CSV exports alike. Grades come from each
 * release's licence; strategies from the grades of everything listed for a family or company.
 */
export const OPENNESS_RULE =
  'Each release in the licensing data is graded from its licence: open weights under Apache-2.0 or MIT → open weights, permissive licence; ' +
  'open weights under any other licence (custom, modified MIT, community or non-commercial terms) → open weights, restricted licence; ' +
  'open weights whose licence the source does not state → open weights, licence not stated; weights not published, offered only through an API or product → API only. ' +
  'A model family or company is open when every release listed for it publishes weights, closed when none does, and mixed when both kinds are listed; ' +
  'strategy statements are shown but not counted, and a company with no listed release is not classified. ' +
  'Binary view: open and mixed companies publish open weights; closed ones are API only. ' +
  'A share figure about a model family (Qwen, Doubao) takes that family’s strategy; any other figure takes its vendor’s parent company’s.';

export const ModelFamilySchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  companyId: SlugSchema,
  vendorId: SlugSchema.nullable(),
  /** Prefixes of the licensing rows' `model_family` text that belong to this family. */
  prefixes: z.array(z.string().min(1)).min(1),
});
export type ModelFamily = z.infer<typeof ModelFamilySchema>;

/**
 * One row of the licensing data: a release of a model family with its graded openness, or (kind
 * `statement`) a strategy statement that is shown but not counted. `dateText` is the source's
 * wording; `date` the first date in it (null for "before …" or "n/a").
 */
export const ModelReleaseSchema = z.object({
  id: z.string().regex(/^r-[0-9a-f]{16}$/),
  kind: z.enum(['release', 'statement']),
  familyId: SlugSchema,
  companyId: SlugSchema,
  name: z.string().min(1),
  grade: OpennessGradeSchema.nullable(),
  licence: z.string().min(1),
  dateText: z.string(),
  date: z.string().nullable(),
  url: z.url({ protocol: /^https?$/ }),
  quote: z.string().min(1),
  quality: SourceQualitySchema,
  datasetRow: z.number().int().positive(),
});
export type ModelRelease = z.infer<typeof ModelReleaseSchema>;

export const LICENSING_COLUMNS = ['vendor', 'model_family', 'openness', 'license', 'date', 'url', 'quote', 'source_quality'] as const;
export type RawLicensingRow = Partial<Record<(typeof LICENSING_COLUMNS)[number], string>>;

const PERMISSIVE = /^(Apache-2\.0|MIT)\b/;

/**
 * Grades a release from its stated openness and licence (see {@link OPENNESS_RULE}); null for a
 * strategy statement ("mixed"); an error message for an openness the rule does not know.
 */
export function gradeRelease(openness: string, licence: string): OpennessGrade | null | { error: string } {
  const o = openness.trim().toLowerCase();
  if (o === 'mixed') return null;
  if (o === 'closed') return 'api-only';
  if (o === 'unreleased') return 'unreleased';
  if (o !== 'open-weight') return { error: `"${openness}" is not one of open-weight, closed, mixed, unreleased` };
  const l = licence.trim();
  if (/^not stated/i.test(l)) return 'open-unstated';
  return PERMISSIVE.test(l) ? 'open-permissive' : 'open-restricted';
}

const DATE = /\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?/;

/** First date in a free-text date ("2023-08 to 2023-12" → "2023-08"); null for "before …" or none. */
export function firstDate(text: string): string | null {
  if (/^\s*before\b/i.test(text)) return null;
  return text.match(DATE)?.[0] ?? null;
}

export interface OpennessReferenceData {
  licensingVendors: ReadonlyArray<{ name: string; companyId: string }>;
  families: readonly ModelFamily[];
  companyIds: ReadonlySet<string>;
}

/**
 * Normalizes licensing rows into graded releases of known model families. Never throws: a row with
 * an unknown vendor, a family no prefix matches, an unknown openness, a bad URL or quality, or no
 * quote becomes an issue naming its row and column.
 */
export function normalizeReleases(
  rows: readonly RawLicensingRow[],
  ref: OpennessReferenceData,
): { releases: ModelRelease[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const releases: ModelRelease[] = [];
  const companyOf = new Map(ref.licensingVendors.map((v) => [v.name.trim().toLowerCase(), v.companyId]));
  rows.forEach((raw, i) => {
    const row = i + 1;
    const before = issues.length;
    const fail = (column: string, message: string) => issues.push({ row, column, message });
    const cell = (c: (typeof LICENSING_COLUMNS)[number]) => (raw[c] ?? '').trim();

    const vendor = cell('vendor');
    const companyId = companyOf.get(vendor.toLowerCase());
    if (!companyId) fail('vendor', vendor === '' ? 'is empty' : `unknown licensing vendor "${vendor}"`);
    else if (!ref.companyIds.has(companyId)) fail('vendor', `maps to unknown company "${companyId}"`);
    const name = cell('model_family');
    const family = ref.families.find(
      (f) => f.companyId === companyId && f.prefixes.some((p) => name.toLowerCase().startsWith(p.toLowerCase())),
    );
    if (name === '') fail('model_family', 'is empty');
    else if (companyId && !family) fail('model_family', `"${name}" matches no model family of ${companyId}`);
    const licence = cell('license');
    if (licence === '') fail('license', 'is empty');
    const grade = gradeRelease(cell('openness'), licence);
    if (grade !== null && typeof grade === 'object') fail('openness', grade.error);
    const url = cell('url');
    if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) fail('url', `"${url}" is not an http(s) URL`);
    const quote = cell('quote');
    if (quote === '') fail('quote', 'is empty: every release needs the sentence it was read from');
    const quality = SourceQualitySchema.safeParse(cell('source_quality'));
    if (!quality.success) fail('source_quality', `"${cell('source_quality')}" is not one of ${SourceQualitySchema.options.join(', ')}`);
    if (issues.length > before || !family || !companyId || !quality.success || (grade !== null && typeof grade === 'object')) return;

    const dateText = cell('date');
    releases.push({
      id: `r-${hash64(`${companyId}|${name}|${url}`)}`,
      kind: grade === null ? 'statement' : 'release',
      familyId: family.id,
      companyId,
      name,
      grade,
      licence,
      dateText,
      date: firstDate(dateText),
      url,
      quote,
      quality: quality.data,
      datasetRow: row,
    });
  });
  return { releases, issues };
}

/** The strategy of a set of releases by {@link OPENNESS_RULE}; statements do not count. */
export function strategyOf(releases: readonly Pick<ModelRelease, 'kind' | 'grade'>[]): Strategy {
  const grades = releases.filter((r) => r.kind === 'release' && r.grade !== 'unreleased').map((r) => r.grade);
  if (grades.length === 0) return 'not-classified';
  const open = grades.filter((g) => g !== null && g.startsWith('open-')).length;
  if (open === grades.length) return 'open';
  if (open === 0) return 'closed';
  return 'mixed';
}

/** Strategy per company id and per model family id, from all releases. */
export function deriveStrategies(releases: readonly ModelRelease[]) {
  const group = (key: (r: ModelRelease) => string) => {
    const m = new Map<string, ModelRelease[]>();
    for (const r of releases) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return new Map([...m].map(([k, list]) => [k, strategyOf(list)]));
  };
  return { byCompany: group((r) => r.companyId), byFamily: group((r) => r.familyId) };
}

/**
 * The strategy a share figure counts towards: a model-family figure takes its family's strategy,
 * any other vendor figure its parent company's; a combined figure takes its members' strategy when
 * they all agree and is not classified otherwise (it is never split).
 */
export function figureStrategy(
  figure: Pick<ShareFigure, 'subjectKind' | 'vendorIds' | 'modelFamily'>,
  ctx: {
    vendors: ReadonlyMap<string, Pick<Vendor, 'parentId'>>;
    families: readonly Pick<ModelFamily, 'id' | 'name'>[];
    byCompany: ReadonlyMap<string, Strategy>;
    byFamily: ReadonlyMap<string, Strategy>;
  },
): Strategy {
  const ofVendor = (vendorId: string): Strategy => {
    const parent = ctx.vendors.get(vendorId)?.parentId;
    return (parent && ctx.byCompany.get(parent)) || 'not-classified';
  };
  if (figure.modelFamily) {
    const fam = ctx.families.find((f) => f.name.toLowerCase() === figure.modelFamily!.toLowerCase());
    if (fam) return ctx.byFamily.get(fam.id) ?? 'not-classified';
  }
  const strategies = new Set(figure.vendorIds.map(ofVendor));
  return strategies.size === 1 ? [...strategies][0]! : 'not-classified';
}
