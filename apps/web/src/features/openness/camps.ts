import {
  BINARY_LABELS,
  OPENNESS_GRADE_LABELS,
  type BinaryOpenness,
  type OpennessGrade,
  type OpennessResponse,
  type Strategy,
} from '@dash/domain';
import type { StrategyView } from './api/queries';
import { byCodeUnits } from '../../lib/text-order';

export type Company = OpennessResponse['companies'][number];
export type Family = OpennessResponse['families'][number];
export type Release = OpennessResponse['releases'][number];
export type CampKey = Strategy | BinaryOpenness;

export interface FamilyEntry {
  family: Family;
  /** Releases newest first (undated last), then the strategy statements, which are not counted. */
  releases: Release[];
}

export interface CompanyEntry {
  company: Company;
  families: FamilyEntry[];
  /** How many counted releases have each grade, in the order of the grades. */
  gradeCounts: Array<{ grade: OpennessGrade; label: string; count: number }>;
  statementCount: number;
}

export interface Camp {
  key: CampKey;
  /** "Open", "Publishes open weights". */
  title: string;
  /** What puts a company here ("publishes weights of everything listed"). */
  description: string;
  companies: CompanyEntry[];
}

const GRADED: Strategy[] = ['open', 'mixed', 'closed', 'not-classified'];
const BINARY: BinaryOpenness[] = ['open-weights', 'api-only', 'not-classified'];
const BINARY_DESCRIPTIONS: Record<BinaryOpenness, string> = {
  'open-weights': 'open or mixed by the rule: at least one listed release publishes weights',
  'api-only': 'closed by the rule: no listed release publishes weights',
  'not-classified': 'no releases in the data',
};
const GRADES = Object.keys(OPENNESS_GRADE_LABELS) as OpennessGrade[];

/** Short names for a band or group key, for direct labels and legends. */
export const CAMP_SHORT_NAMES: Record<CampKey, string> = {
  open: 'Open',
  mixed: 'Mixed',
  closed: 'Closed',
  'not-classified': 'Not classified',
  'open-weights': 'Open weights',
  'api-only': 'API only',
};

/** Stacking and grouping order of a view: most open first, not classified last. */
export const campOrder = (view: StrategyView): CampKey[] => (view === 'binary' ? BINARY : GRADED);

const byDateDesc = (a: Release, b: Release) =>
  Number(a.kind === 'statement') - Number(b.kind === 'statement') ||
  Number(a.date === null) - Number(b.date === null) ||
  byCodeUnits(b.date ?? '', a.date ?? '');

function entryOf(company: Company, data: OpennessResponse): CompanyEntry {
  const own = data.releases.filter((r) => r.companyId === company.id);
  const families = company.familyIds
    .map((id) => data.families.find((f) => f.id === id))
    .filter((f): f is Family => f !== undefined)
    .map((family) => ({ family, releases: own.filter((r) => r.familyId === family.id).sort(byDateDesc) }));
  const counted = own.filter((r) => r.kind === 'release');
  const gradeCounts = GRADES.map((grade) => ({
    grade,
    label: data.gradeLabels[grade] ?? OPENNESS_GRADE_LABELS[grade],
    count: counted.filter((r) => r.grade === grade).length,
  })).filter((g) => g.count > 0);
  return { company, families, gradeCounts, statementCount: own.length - counted.length };
}

/**
 * The companies of the licensing data grouped into camps: by strategy (open, mixed, closed, not
 * classified) in the graded view, or publishes open weights / API only in the binary view. Each
 * company comes with its families and releases. The API's classification is used as given; an
 * empty "not classified" camp is left out, an empty closed / API-only camp is kept (that nobody is
 * closed is a finding).
 */
export function groupCompanies(data: OpennessResponse, view: StrategyView): Camp[] {
  return campOrder(view)
    .map((key) => {
      const graded = view === 'graded';
      const label = graded ? (data.strategyLabels[key as Strategy] ?? key) : BINARY_LABELS[key as BinaryOpenness];
      const [head, ...rest] = label.split(':');
      return {
        key,
        title: graded ? head!.trim() : label,
        description: graded ? rest.join(':').trim() : BINARY_DESCRIPTIONS[key as BinaryOpenness],
        companies: data.companies.filter((c) => (graded ? c.strategy : c.binary) === key).map((c) => entryOf(c, data)),
      };
    })
    .filter((camp) => camp.key !== 'not-classified' || camp.companies.length > 0);
}
