import { alignTiers, dec, formatTier, type PriceModelsResponse, type PriceRow } from '@dash/domain';
import type { SetSearch } from '../../../lib/search';
import { fxLabel, money, ratesUsed } from './format';
import { EffectiveCell, SourceCell } from './source-cell';
import { byCodeUnits } from '../../../lib/text-order';

const REGION = {
  china: 'China (Alibaba Cloud Model Studio vs Volcano Engine Ark)',
  international: 'International (Model Studio intl vs BytePlus ModelArk)',
} as const;

/** One side's points for an offer: its most recent dated version, else an undated one. */
function sideOf(rows: readonly PriceRow[], modelId: string, region: PriceRow['region']) {
  const mine = rows.filter((r) => r.modelId === modelId && r.region === region);
  const dated = mine.filter((r) => r.inHistory).sort((a, b) => byCodeUnits(b.validFrom ?? '', a.validFrom ?? ''));
  const pick = dated[0] ?? mine[0];
  return pick ? mine.filter((r) => r.effective.text === pick.effective.text && r.source.url === pick.source.url) : [];
}

const prices = (r: PriceRow | null) =>
  r ? (
    <>
      {money(r.display.inputPerMTok, r.display.currency)} / {money(r.display.outputPerMTok, r.display.currency)}
      {r.display.cachedInputPerMTok ? (
        <div className="sub">cached {money(r.display.cachedInputPerMTok, r.display.currency)}</div>
      ) : null}
    </>
  ) : (
    <span className="unknown">no price known</span>
  );

/** Which side is cheaper on input and on output, in words; nothing when either is unknown. */
function verdict(l: PriceRow | null, r: PriceRow | null, ln: string, rn: string) {
  if (!l || !r || l.display.currency !== r.display.currency) return '—';
  const part = (what: string, a: string | null, b: string | null) => {
    if (a === null || b === null) return null;
    const c = dec.cmp(a, b);
    return c === 0 ? `${what}: same` : `${what}: ${c < 0 ? ln : rn}`;
  };
  return (
    [
      part('input', l.display.inputPerMTok, r.display.inputPerMTok),
      part('output', l.display.outputPerMTok, r.display.outputPerMTok),
    ]
      .filter(Boolean)
      .join('; ') || '—'
  );
}

/**
 * Qwen vs Doubao, flagship against flagship: a curated pair of models side by side, region by
 * region and context tier by tier, in one currency, with "no price known" where a source gives none.
 */
export function HeadToHead({
  rows,
  pairs,
  models,
  pairId,
  at,
  setParams,
}: {
  rows: readonly PriceRow[];
  pairs: PriceModelsResponse['pairs'];
  models: PriceModelsResponse['data'];
  pairId: string | null;
  at: string | undefined;
  setParams: SetSearch;
}) {
  const pair = pairs.find((p) => p.id === pairId) ?? pairs[0];
  if (!pair) return <p className="state">No pairs defined.</p>;
  const name = (id: string) => models.find((m) => m.id === id)?.name ?? id;
  const [ln, rn] = [name(pair.leftModelId), name(pair.rightModelId)];
  const regions = (['china', 'international'] as const).filter((g) =>
    rows.some((r) => r.region === g && (r.modelId === pair.leftModelId || r.modelId === pair.rightModelId)),
  );
  return (
    <section className="panel" aria-labelledby="h2h-title">
      <div className="panel-head">
        <h2 id="h2h-title">
          Qwen vs Doubao: {ln} vs {rn}
        </h2>
        <label className="field inline h2h-pair">
          <span>Pair</span>
          <select value={pair.id} onChange={(e) => setParams({ pair: e.target.value })}>
            {pairs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="scope">{pair.note}</p>
      {regions.length === 0 ? (
        <p className="state">Neither model has a known price {at ? `on ${at}` : 'now'}.</p>
      ) : null}
      {regions.map((g) => {
        const left = sideOf(rows, pair.leftModelId, g);
        const right = sideOf(rows, pair.rightModelId, g);
        const ranges = alignTiers(left, right);
        const rates = ratesUsed([...left, ...right].map((r) => r.display.fx));
        return (
          <div key={g} className="h2h-region">
            <h3>{REGION[g]}</h3>
            <div className="table-scroll" role="region" aria-label={`${ln} vs ${rn}, ${REGION[g]}`} tabIndex={0}>
              <table className="share-table h2h-table" aria-label={`${ln} vs ${rn}, ${g}`}>
                <thead>
                  <tr>
                    <th scope="col">Input length</th>
                    <th scope="col" className="num">
                      {ln} in / out per 1M
                    </th>
                    <th scope="col" className="num">
                      {rn} in / out per 1M
                    </th>
                    <th scope="col">Cheaper</th>
                  </tr>
                </thead>
                <tbody>
                  {ranges.map((t) => (
                    <tr key={formatTier(t.tier)}>
                      <td>{formatTier(t.tier)}</td>
                      <td className="num">{prices(t.left)}</td>
                      <td className="num">{prices(t.right)}</td>
                      <td>{verdict(t.left, t.right, ln, rn)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="source-line">
              <span className="source-label">Sources:</span>{' '}
              {[left[0], right[0]].map((r, i) =>
                r ? (
                  <span key={r.id}>
                    {i > 0 ? '; ' : ''}
                    {r.modelName}: <SourceCell source={r.source} /> (<EffectiveCell effective={r.effective} />
                    {r.currency !== r.display.currency ? `, published in ${r.currency}` : ''})
                  </span>
                ) : null,
              )}
              {rates.length > 0 ? `. Converted at ${rates.map(fxLabel).join('; ')}` : ''}
            </p>
          </div>
        );
      })}
    </section>
  );
}
