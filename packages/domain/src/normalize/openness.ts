import { z } from 'zod';
import { hash64 } from '../ids.js';
import { firstDate, gradeRelease, LICENSING_COLUMNS, type RawLicensingRow } from '../openness.js';
import { SourceQualitySchema } from '../schemas/entities.js';
import type { ModelFamily, ModelRelease } from '../schemas/openness.js';
import type { RowIssue } from './shares.js';

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
