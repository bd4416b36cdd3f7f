import { figureIdFor, parsePeriod, sourceIdFor, type ShareFigureWithSource, type SourceQuality } from '@dash/domain';

let row = 0;

/** A cited share figure for layout tests; only what a test cares about needs saying. */
export function fig(p: {
  subject: string;
  pct: string;
  period: string;
  publisher?: string;
  quality?: SourceQuality;
  url?: string;
  kind?: 'vendor' | 'group';
  vendorIds?: string[];
  published?: string | null;
}): ShareFigureWithSource {
  const period = parsePeriod(p.period)!;
  const url = p.url ?? `https://example.org/${(p.publisher ?? 'omdia').toLowerCase()}/${p.period}`;
  const title = `${p.publisher ?? 'Omdia'} report`;
  const sourceId = sourceIdFor(url, title);
  const subjectId = p.kind === 'group' ? (p.vendorIds ?? []).join('+') : p.subject.toLowerCase().replace(/\s+/g, '-');
  return {
    id: figureIdFor({ marketId: 'm', subjectId, period: period.label, sourceId }),
    marketId: 'm',
    subjectKind: p.kind ?? 'vendor',
    subjectId,
    subjectName: p.subject,
    vendorIds: p.vendorIds ?? [subjectId],
    modelFamily: null,
    period,
    sharePct: Number(p.pct),
    sharePctText: p.pct,
    sourceId,
    quote: `${p.subject} had ${p.pct}%`,
    datasetRow: ++row,
    source: {
      id: sourceId,
      publisher: p.publisher ?? 'Omdia',
      title,
      url,
      publishedDate: p.published === undefined ? '2025-09-10' : p.published,
      quality: p.quality ?? 'press',
    },
  };
}
