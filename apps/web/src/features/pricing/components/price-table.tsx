import { useMemo, useState } from 'react';
import {
  PRICING_MODEL_LABELS,
  WEIGHTS_LABELS,
  dec,
  formatTier,
  type PriceModelsResponse,
  type PriceRow,
  type Weights,
} from '@dash/domain';
import type { SetSearch } from '../../../lib/search';
import type { PricingSearch } from '../route';
import { fxLabel, money, ratesUsed } from './format';
import { EffectiveCell, SourceCell } from './source-cell';

type SortKey = 'model' | 'vendor' | 'input' | 'output' | 'cached' | 'since';
const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'model', label: 'Model' },
  { key: 'vendor', label: 'Vendor' },
  { key: 'input', label: 'Input / 1M', numeric: true },
  { key: 'output', label: 'Output / 1M', numeric: true },
  { key: 'cached', label: 'Cached input / 1M', numeric: true },
  { key: 'since', label: 'In force since' },
];

/** Missing prices sort last in either direction. */
const byPrice = (get: (r: PriceRow) => string | null) => (a: PriceRow, b: PriceRow, dir: 1 | -1) => {
  const x = get(a);
  const y = get(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return dir * dec.cmp(x, y);
};

/**
 * Current prices (or those in force on a day) as a table: sortable by any column, searchable,
 * filtered by vendor, openness and published currency (filters live in the URL). Prices are shown
 * in the chosen currency; converted cells name the exchange rate, and each row links its source.
 */
export function PriceTable({
  rows,
  models,
  params,
  setParams,
}: {
  rows: readonly PriceRow[];
  models: PriceModelsResponse['data'];
  params: PricingSearch;
  setParams: SetSearch;
}) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'input', dir: 1 });
  const [search, setSearch] = useState('');
  const vendorName = useMemo(() => new Map(models.map((m) => [m.vendorId, m.vendorName])), [models]);
  const vendorFilter = params.vendor ?? '';
  const openFilter: Weights | '' = params.open ?? '';
  const pubFilter = params.pub ?? '';
  const vendors = [...new Set(rows.map((r) => r.vendorId))].sort((a, b) =>
    (vendorName.get(a) ?? a).localeCompare(vendorName.get(b) ?? b),
  );

  const shown = useMemo(() => {
    const words = search
      .trim()
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const hay = (r: PriceRow) =>
      [
        r.modelName,
        r.modelText,
        r.family,
        vendorName.get(r.vendorId) ?? '',
        r.platform,
        r.region,
        r.currency,
        r.effective.text,
      ]
        .join(' ')
        .toLowerCase();
    const compare: Record<SortKey, (a: PriceRow, b: PriceRow, dir: 1 | -1) => number> = {
      model: (a, b, d) => d * a.modelName.localeCompare(b.modelName),
      vendor: (a, b, d) => d * (vendorName.get(a.vendorId) ?? '').localeCompare(vendorName.get(b.vendorId) ?? ''),
      input: byPrice((r) => r.display.inputPerMTok),
      output: byPrice((r) => r.display.outputPerMTok),
      cached: byPrice((r) => r.display.cachedInputPerMTok),
      since: (a, b, d) => {
        const x = a.validFrom;
        const y = b.validFrom;
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return d * x.localeCompare(y);
      },
    };
    return rows
      .filter(
        (r) =>
          (vendorFilter === '' || r.vendorId === vendorFilter) &&
          (openFilter === '' || r.weights === openFilter) &&
          (pubFilter === '' || r.currency === pubFilter) &&
          words.every((w) => hay(r).includes(w)),
      )
      .sort(
        (a, b) =>
          compare[sort.key](a, b, sort.dir) ||
          a.modelName.localeCompare(b.modelName) ||
          a.region.localeCompare(b.region) ||
          (a.tier?.minInputTokens ?? -1) - (b.tier?.minInputTokens ?? -1),
      );
  }, [rows, search, sort, vendorFilter, openFilter, pubFilter, vendorName]);
  const toggle = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: 1 }));
  const rates = ratesUsed(shown.map((r) => r.display.fx));

  return (
    <div className="table-wrap">
      <div className="filters">
        <label className="search">
          <span>Search prices</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="model, vendor, platform…"
          />
        </label>
        <label className="field inline">
          <span>Vendor</span>
          <select value={vendorFilter} onChange={(e) => setParams({ vendor: e.target.value || null })}>
            <option value="">all</option>
            {vendors.map((v) => (
              <option key={v} value={v}>
                {vendorName.get(v) ?? v}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Openness</span>
          <select value={openFilter} onChange={(e) => setParams({ open: e.target.value || null })}>
            <option value="">all</option>
            {(Object.keys(WEIGHTS_LABELS) as Weights[]).map((w) => (
              <option key={w} value={w}>
                {WEIGHTS_LABELS[w]}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Published in</span>
          <select value={pubFilter} onChange={(e) => setParams({ pub: e.target.value || null })}>
            <option value="">any currency</option>
            <option value="CNY">CNY</option>
            <option value="USD">USD</option>
          </select>
        </label>
      </div>
      <p className="table-count" aria-live="polite">
        {shown.length} of {rows.length} prices
      </p>
      <div className="table-scroll" role="region" aria-label="Price table" tabIndex={0}>
        <table className="share-table price-table">
          <caption className="visually-hidden">
            Token prices per 1M tokens with their sources; click a column header to sort
          </caption>
          <thead>
            <tr>
              {COLUMNS.slice(0, 2).map((c) => (
                <SortHeader key={c.key} c={c} sort={sort} toggle={toggle} />
              ))}
              <th scope="col">Tier (input length)</th>
              {COLUMNS.slice(2).map((c) => (
                <SortHeader key={c.key} c={c} sort={sort} toggle={toggle} />
              ))}
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const title = r.display.fx ? `converted from ${r.currency} at ${fxLabel(r.display.fx)}` : undefined;
              return (
                <tr key={r.id} data-price-id={r.id}>
                  <td>
                    <strong>{r.modelName}</strong>
                    <div className="sub">
                      {r.region === 'china' ? 'China' : 'International'} · published in {r.currency}
                      {r.currencyNote ? ` (${r.currencyNote})` : ''} ·{' '}
                      {r.weights === 'open' ? '' : `${WEIGHTS_LABELS[r.weights]} · `}
                      {r.pricingModels.map((pm) => PRICING_MODEL_LABELS[pm]).join(', ')}
                    </div>
                  </td>
                  <td>{vendorName.get(r.vendorId) ?? r.vendorId}</td>
                  <td>{formatTier(r.tier)}</td>
                  <td className="num" title={title}>
                    {money(r.display.inputPerMTok, r.display.currency)}
                  </td>
                  <td className="num" title={title}>
                    {money(r.display.outputPerMTok, r.display.currency)}
                  </td>
                  <td className="num" title={title}>
                    {money(r.display.cachedInputPerMTok, r.display.currency)}
                  </td>
                  <td>
                    <EffectiveCell effective={r.effective} />
                  </td>
                  <td>
                    <SourceCell source={r.source} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="chart-note">
        — the source gives no price. Prices per 1M tokens; sources quoting per 1K tokens are multiplied by 1,000
        exactly.
      </p>
      {rates.length > 0 ? (
        <p className="source-line">
          <span className="source-label">Converted at:</span>{' '}
          {rates.map((fx, i) => (
            <span key={`${fx.ratePeriod}${fx.kind}${fx.date}`}>
              {i > 0 ? '; ' : ''}
              <a href={fx.url} target="_blank" rel="noopener noreferrer">
                {fxLabel(fx)}
              </a>{' '}
              for {fx.date}
              {fx.ageDays > 31 ? ` (${fx.note})` : ''}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function SortHeader({
  c,
  sort,
  toggle,
}: {
  c: { key: SortKey; label: string; numeric?: boolean };
  sort: { key: SortKey; dir: 1 | -1 };
  toggle: (k: SortKey) => void;
}) {
  return (
    <th
      scope="col"
      className={c.numeric ? 'num' : undefined}
      aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" onClick={() => toggle(c.key)}>
        {c.label}
        <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
