import { useMemo, useState } from 'react';
import { formatPeriod, type ShareFigureWithSource } from '@dash/domain';
import { QualityBadge } from '../../../components/quality-badge';

type SortKey = 'subject' | 'period' | 'share' | 'publisher' | 'quality' | 'published';
const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'subject', label: 'Vendor' },
  { key: 'period', label: 'Period' },
  { key: 'share', label: 'Share', numeric: true },
  { key: 'publisher', label: 'Publisher' },
  { key: 'quality', label: 'Quality' },
  { key: 'published', label: 'Published' },
];

const compare: Record<SortKey, (a: ShareFigureWithSource, b: ShareFigureWithSource) => number> = {
  subject: (a, b) => a.subjectName.localeCompare(b.subjectName),
  period: (a, b) =>
    a.period.endDate.localeCompare(b.period.endDate) || b.period.startDate.localeCompare(a.period.startDate),
  share: (a, b) => a.sharePct - b.sharePct,
  publisher: (a, b) => a.source.publisher.localeCompare(b.source.publisher),
  quality: (a, b) => a.source.quality.localeCompare(b.source.quality),
  published: (a, b) => (a.source.publishedDate ?? '').localeCompare(b.source.publishedDate ?? ''),
};

/** Subject+period keys whose figures disagree across sources. */
function disagreements(figures: readonly ShareFigureWithSource[]) {
  const values = new Map<string, Set<string>>();
  for (const f of figures) {
    const k = `${f.subjectId}|${f.period.label}`;
    values.set(k, (values.get(k) ?? new Set()).add(f.sharePctText));
  }
  return new Set([...values].filter(([, v]) => v.size > 1).map(([k]) => k));
}

/**
 * The displayed figures as a table: sortable by any column (click or Enter on the header),
 * searchable across vendor, period, publisher and quote; figures on which sources disagree are
 * marked. Each row links to its source.
 */
export function ShareTable({ figures }: { figures: readonly ShareFigureWithSource[] }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({
    key: 'period',
    dir: -1,
  });
  const [search, setSearch] = useState('');
  const disputed = useMemo(() => disagreements(figures), [figures]);
  const rows = useMemo(() => {
    // Every word of the search must appear somewhere in the row: "baidu 2021 q3" finds Baidu's 2021 Q3 figures.
    const words = search
      .trim()
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const haystack = (f: ShareFigureWithSource) =>
      [f.subjectName, f.period.label, formatPeriod(f.period.label), f.source.publisher, f.source.title, f.quote]
        .join(' ')
        .toLowerCase();
    const filtered =
      words.length > 0 ? figures.filter((f) => words.every((w) => haystack(f).includes(w))) : [...figures];
    const cmp = compare[sort.key];
    return filtered.sort((a, b) => sort.dir * cmp(a, b) || compare.subject(a, b) || a.id.localeCompare(b.id));
  }, [figures, search, sort]);

  const toggle = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === 'share' ? -1 : 1 }));

  return (
    <div className="table-wrap">
      <label className="search">
        <span>Search figures</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="vendor, period, publisher…"
        />
      </label>
      <p className="table-count" aria-live="polite">
        {rows.length} of {figures.length} figures
      </p>
      <div className="table-scroll" role="region" aria-label="Share figures" tabIndex={0}>
        <table className="share-table">
          <caption className="visually-hidden">Share figures with their sources; click a column header to sort</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                  className={c.numeric ? 'num' : undefined}
                >
                  <button type="button" onClick={() => toggle(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.subjectName}
                  {f.subjectKind === 'group' ? <span className="tag">combined</span> : null}
                  {f.modelFamily ? <span className="tag">model family</span> : null}
                </td>
                <td>{formatPeriod(f.period.label)}</td>
                <td className="num">
                  {f.sharePctText}%
                  {disputed.has(`${f.subjectId}|${f.period.label}`) ? (
                    <span
                      className="tag tag-warn"
                      title="Another source gives a different value for this vendor and period"
                    >
                      sources differ
                    </span>
                  ) : null}
                </td>
                <td>{f.source.publisher}</td>
                <td>
                  <QualityBadge quality={f.source.quality} />
                </td>
                <td className="num">{f.source.publishedDate ?? '—'}</td>
                <td>
                  <a href={f.source.url} target="_blank" rel="noopener noreferrer" title={f.source.title}>
                    {f.source.title}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
