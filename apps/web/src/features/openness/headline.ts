import { formatPeriod, type OpennessResponse, type StrategySharesResponse } from '@dash/domain';
import { CAMP_SHORT_NAMES, type CampKey, type Company } from './camps';

type Period = StrategySharesResponse['markets'][number]['periods'][number];

/** "A", "A and B", "A, B and C", "A, B, C and 2 others". */
export function listNames(names: readonly string[], max = 4): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) return `${names.slice(0, max - 1).join(', ')} and ${names.length - max + 1} others`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

// "Open" → "open", but "API only" stays.
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const companies = (n: number) => `${n} ${n === 1 ? 'company' : 'companies'}`;

/**
 * The finding the openness page states in its title, from the companies' classification alone:
 * how many publish open weights, which of those also keep models API-only, how many sell API
 * access only, how many are not classified.
 */
export function opennessHeadline(list: readonly Pick<Company, 'name' | 'strategy' | 'binary'>[]): string {
  const classified = list.filter((c) => c.strategy !== 'not-classified');
  const open = classified.filter((c) => c.binary === 'open-weights');
  const apiOnly = classified.filter((c) => c.binary === 'api-only');
  const mixed = classified.filter((c) => c.strategy === 'mixed').map((c) => c.name);
  const unclassified = list.length - classified.length;
  if (classified.length === 0) return 'No company in the licensing data has a graded release yet';
  const also =
    mixed.length > 0 ? `${listNames(mixed)} also ${mixed.length === 1 ? 'keeps' : 'keep'} some models API-only` : '';
  let text: string;
  if (apiOnly.length === 0) {
    text = `${classified.length === 1 ? 'The one company' : `All ${companies(classified.length)}`} in the licensing data ${classified.length === 1 ? 'publishes' : 'publish'} open weights${also ? `; ${also}` : ''}`;
  } else if (open.length === 0) {
    text = `None of the ${companies(classified.length)} in the licensing data publishes open weights: all sell API access only`;
  } else {
    text =
      `${open.length} of ${companies(classified.length)} publish open weights${also ? ` (${also})` : ''}; ` +
      `${apiOnly.length <= 3 ? listNames(apiOnly.map((c) => c.name)) : apiOnly.length} ${apiOnly.length === 1 ? 'sells' : 'sell'} API access only`;
  }
  return unclassified > 0 ? `${text}; ${companies(unclassified)} not classified` : text;
}

/**
 * Where the company view hides something: families that are API only inside companies that
 * publish open weights (ByteDance's Doubao), and families with both kinds of release (Qwen).
 */
export function familyNotes(data: Pick<OpennessResponse, 'companies' | 'families'>): {
  apiOnly: string | null;
  mixed: string | null;
} {
  const nameOf = (id: string) => data.companies.find((c) => c.id === id)?.name ?? id;
  const describe = (strategy: string) => {
    const byCompany = new Map<string, string[]>();
    for (const f of data.families.filter((f) => f.strategy === strategy))
      byCompany.set(f.companyId, [...(byCompany.get(f.companyId) ?? []), f.name]);
    return [...byCompany].map(([id, names]) => `${listNames(names)} (${nameOf(id)})`);
  };
  const closed = describe('closed');
  const mixed = describe('mixed');
  return {
    apiOnly: closed.length > 0 ? `API-only model families: ${closed.join('; ')}.` : null,
    mixed: mixed.length > 0 ? `Families with both open-weight and API-only releases: ${mixed.join('; ')}.` : null,
  };
}

/**
 * One sentence for a market-period's shares by strategy, in the published values:
 * "2025 H2 (Frost & Sullivan): open 18.4%, mixed 32.1%, closed 21.3%; 28.2% others or not reported".
 */
export function sharesSentence(period: Period): string {
  const publishers = [...new Set(period.bands.flatMap((b) => b.figures.map((f) => f.source.publisher)))];
  const bands = period.bands.map((b) => `${lowerFirst(CAMP_SHORT_NAMES[b.key as CampKey] ?? b.label)} ${b.pctText}%`);
  const rest = period.remainder ? `; ${period.remainder.pctText}% others or not reported` : '';
  const who = publishers.length > 0 ? ` (${publishers.join(', ')})` : '';
  if (bands.length === 0) return `${formatPeriod(period.period.label)}: no figures`;
  return `${formatPeriod(period.period.label)}${who}: ${bands.join(', ')}${rest}`;
}
