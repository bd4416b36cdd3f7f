import type { ShareFigure, Vendor } from './schemas/entities.js';
import type { BinaryOpenness, ModelFamily, ModelRelease, OpennessGrade, Strategy } from './schemas/openness.js';

export const OPENNESS_GRADE_LABELS: Record<OpennessGrade, string> = {
  'open-permissive': 'Open weights, permissive licence',
  'open-restricted': 'Open weights, restricted licence',
  'open-unstated': 'Open weights, licence not stated',
  'api-only': 'API only',
  unreleased: 'Unreleased',
};

export const STRATEGY_LABELS: Record<Strategy, string> = {
  open: 'Open: publishes weights of everything listed',
  mixed: 'Mixed: open weights and API-only models',
  closed: 'Closed: API only',
  'not-classified': 'Not classified: no releases in the data',
};

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
