import { figureIdFor, sourceIdFor } from '../ids.js';
import { parsePercent } from '../percent.js';
import { parsePeriod } from '../period.js';
import type { ShareFigureWithSource } from '../schemas/api.js';
import type { SourceQuality } from '../schemas/entities.js';

let row = 0;

/** A cited share figure for tests: say only what the test is about. */
export function figure(p: {
  vendor: string;
  pct: string;
  period: string;
  market?: string;
  publisher?: string;
  quality?: SourceQuality;
  url?: string;
  family?: string;
  group?: string[];
  name?: string;
}): ShareFigureWithSource {
  const period = parsePeriod(p.period)!;
  const pct = parsePercent(p.pct);
  if ('error' in pct) throw new Error(`bad test percent ${p.pct}`);
  const publisher = p.publisher ?? 'Omdia';
  const url = p.url ?? `https://example.org/${publisher.toLowerCase().replace(/\W+/g, '-')}/${p.period}`;
  const title = `${publisher} report`;
  const sourceId = sourceIdFor(url, title);
  const vendorIds = p.group ?? [p.vendor];
  const subjectId = p.group ? p.group.join('+') : p.family ? `${p.vendor}:${p.family.toLowerCase()}` : p.vendor;
  const marketId = p.market ?? 'china-ai-cloud';
  return {
    id: figureIdFor({ marketId, subjectId, period: period.label, sourceId }),
    marketId,
    subjectKind: p.group ? 'group' : 'vendor',
    subjectId,
    subjectName: p.name ?? (p.family ? `${p.family} (${p.vendor})` : p.vendor),
    vendorIds,
    modelFamily: p.family ?? null,
    period,
    sharePct: pct.value,
    sharePctText: pct.text,
    sourceId,
    quote: `${p.vendor} had ${p.pct}%`,
    datasetRow: ++row,
    source: { id: sourceId, publisher, title, url, publishedDate: '2025-09-10', quality: p.quality ?? 'press' },
  };
}
