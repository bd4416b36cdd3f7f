import type { ShareQuery } from '@dash/domain';
import { sharesCsvUrl } from '../api/queries';

/** CSV downloads of the market's full data and of exactly the displayed rows, each with its row count. */
export function DownloadLinks({
  fullQuery,
  fullCount,
  displayedQuery,
  displayedCount,
}: {
  fullQuery: ShareQuery;
  fullCount: number | undefined;
  displayedQuery: ShareQuery;
  displayedCount: number | undefined;
}) {
  const rows = (n: number | undefined) => (n === undefined ? '…' : `${n} ${n === 1 ? 'row' : 'rows'}`);
  return (
    <div className="downloads" role="group" aria-label="Download data as CSV">
      <a className="button" href={sharesCsvUrl(fullQuery)} download>
        Download full data (CSV, {rows(fullCount)})
      </a>
      <a className="button" href={sharesCsvUrl(displayedQuery)} download>
        Download displayed data (CSV, {rows(displayedCount)})
      </a>
    </div>
  );
}
