import { METRIC_BASIS_LABELS, type MarketSummary } from '@dash/domain';

/** Markets grouped by what their shares measure (revenue, token volume, usage), in curated order. */
export function MarketSelect({
  markets,
  value,
  onChange,
}: {
  markets: readonly MarketSummary[];
  value: string;
  onChange: (id: string) => void;
}) {
  const bases = [...new Set(markets.map((m) => m.metricBasis))];
  return (
    <label className="field">
      <span>Market</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {bases.map((b) => (
          <optgroup key={b} label={METRIC_BASIS_LABELS[b]}>
            {markets
              .filter((m) => m.metricBasis === b)
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.region})
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
