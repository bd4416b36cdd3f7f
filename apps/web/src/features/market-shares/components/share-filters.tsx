import { comparePeriods, formatPeriod, type MarketSummary, type Vendor } from '@dash/domain';
import type { SetSearch } from '../../../lib/search';
import { VendorFilter } from './vendor-filter';

/** Said when no figure matches the chosen vendors and periods, with a way back to all of them. */
export function EmptySelection({ onReset }: { onReset: () => void }) {
  return (
    <div className="state">
      <p>No figures match these vendors and periods.</p>
      <button type="button" onClick={onReset}>
        Show all vendors and periods
      </button>
    </div>
  );
}

/** The vendor and period-range filters of the trend and the table. */
export function Filters({
  marketVendors,
  selected,
  periods,
  from,
  to,
  setParams,
}: {
  marketVendors: Vendor[];
  selected: string[];
  periods: MarketSummary['periods'];
  from: string | undefined;
  to: string | undefined;
  setParams: SetSearch;
}) {
  const sorted = [...periods].sort(comparePeriods);
  const fromPeriod = sorted.find((p) => p.label === from);
  const toPeriod = sorted.find((p) => p.label === to);
  return (
    <div className="filters">
      <VendorFilter
        vendors={marketVendors}
        selected={new Set(selected)}
        onChange={(ids) => setParams({ vendors: ids })}
      />
      <div className="range">
        <label className="field inline">
          <span>From</span>
          <select value={from ?? ''} onChange={(e) => setParams({ from: e.target.value || null })}>
            <option value="">first</option>
            {sorted.map((p) => (
              <option key={p.label} value={p.label} disabled={toPeriod !== undefined && p.startDate > toPeriod.endDate}>
                {formatPeriod(p.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>To</span>
          <select value={to ?? ''} onChange={(e) => setParams({ to: e.target.value || null })}>
            <option value="">latest</option>
            {sorted.map((p) => (
              <option
                key={p.label}
                value={p.label}
                disabled={fromPeriod !== undefined && p.endDate < fromPeriod.startDate}
              >
                {formatPeriod(p.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
