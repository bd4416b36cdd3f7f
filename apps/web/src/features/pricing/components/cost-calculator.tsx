import { FX_RULE, formatDecimal, formatTier, type Currency, type PriceModelsResponse } from '@dash/domain';
import type { SetSearch } from '../../../lib/search';
import { costCsvUrl, useCostEstimate } from '../api/queries';
import { cost, fxLabel, money, ratesUsed } from './format';
import { NumberField } from './number-field';
import { SourceCell, EffectiveCell } from './source-cell';
import { ErrorState, Loading } from '../../../components/states';
import { costQueryOf, DEFAULT_WORKLOAD, WORKLOAD_URL_KEYS, type WorkloadState } from '../workload';

export { DEFAULT_WORKLOAD, WORKLOAD_URL_KEYS, type WorkloadState } from '../workload';
const RATIOS = ['1:1', '2:1', '3:1', '4:1', '5:1', '10:1', '1:2', '1:3'];
const PRESETS: Array<{ label: string; w: Partial<WorkloadState> }> = [
  {
    label: '10M in + 2M out a month',
    w: { input: '10000', output: '2000', requests: '1000', cached: '0', context: '' },
  },
  {
    label: 'Chatbot: 100K chats of 2K in / 500 out',
    w: { input: '2000', output: '500', requests: '100000', cached: '0', context: '' },
  },
  {
    label: 'Long documents: 1K × 100K in / 1K out',
    w: { input: '100000', output: '1000', requests: '1000', cached: '0', context: '' },
  },
];

const REGION_LABEL = { china: 'China', international: 'International' } as const;

/**
 * The workload cost calculator: a workload (tokens per request, requests per month, cached share,
 * context length) → the monthly cost of every model in force on the chosen day, at the tier its
 * context length selects, in one currency, ranked, with the blended price and "N× the cheapest".
 * Every number links to its source; converted numbers name their exchange rate and its date.
 */
export function CostCalculator({
  workload,
  currency,
  at,
  chosen,
  models,
  setParams,
}: {
  workload: WorkloadState;
  currency: Currency;
  at: string | undefined;
  chosen: string[];
  models: PriceModelsResponse['data'];
  setParams: SetSearch;
}) {
  const q = costQueryOf(workload, currency, at, chosen);
  const estimate = useCostEstimate(q);
  const set = (key: keyof WorkloadState) => (v: string) =>
    setParams({ [WORKLOAD_URL_KEYS[key]]: v === DEFAULT_WORKLOAD[key] ? null : v }, { replace: true });
  const modelName = new Map(models.map((m) => [m.id, m]));
  const rows = estimate.data?.data ?? [];
  const maxTotal = Math.max(...rows.map((r) => (r.converted ? Number(r.converted.total) : 0)), 0);
  const w = estimate.data?.meta.workload;
  const rates = ratesUsed(rows.map((r) => r.fx));

  return (
    <section className="panel" aria-labelledby="calc-title">
      <h2 id="calc-title">What would your workload cost per month?</h2>
      <div className="presets" role="group" aria-label="Example workloads">
        {PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            className="link-button"
            onClick={() =>
              setParams({
                in: p.w.input === DEFAULT_WORKLOAD.input ? null : (p.w.input ?? null),
                out: p.w.output === DEFAULT_WORKLOAD.output ? null : (p.w.output ?? null),
                req: p.w.requests === DEFAULT_WORKLOAD.requests ? null : (p.w.requests ?? null),
                cached: null,
                ctx: null,
              })
            }
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="workload" role="group" aria-label="Workload">
        <NumberField
          id="w-in"
          label="Input tokens per request"
          value={workload.input}
          onChange={set('input')}
          max={10_000_000}
          unit="tokens"
        />
        <NumberField
          id="w-out"
          label="Output tokens per request"
          value={workload.output}
          onChange={set('output')}
          max={10_000_000}
          unit="tokens"
        />
        <NumberField
          id="w-req"
          label="Requests per month"
          value={workload.requests}
          onChange={set('requests')}
          max={10_000_000_000}
        />
        <NumberField
          id="w-cached"
          label="Cached share of input"
          value={workload.cached}
          onChange={set('cached')}
          max={100}
          decimals
          unit="%"
        />
        <NumberField
          id="w-ctx"
          label="Context length (picks the tier)"
          value={workload.context}
          onChange={set('context')}
          max={10_000_000}
          optional
          placeholder={`= input (${Number(workload.input).toLocaleString('en-US')})`}
          unit="tokens"
        />
        <label className="field workload-field">
          <span>Blend ratio input:output</span>
          <select value={workload.ratio} onChange={(e) => set('ratio')(e.target.value)}>
            {RATIOS.map((r) => (
              <option key={r} value={r}>
                {r}
                {r === '3:1' ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ModelChooser chosen={chosen} models={models} setParams={setParams} />
      {w ? (
        <p className="chart-note" aria-live="polite">
          Per month: {formatDecimal(w.monthlyInputTokens)} input tokens ({formatDecimal(w.monthlyCachedInputTokens)} of
          them cached) and {formatDecimal(w.monthlyOutputTokens)} output tokens; tiers picked for{' '}
          {w.contextTokens.toLocaleString('en-US')}-token requests; prices {at ? `in force on ${at}` : 'in force now'},
          compared in {currency}.
        </p>
      ) : null}
      {estimate.isError ? <ErrorState what="the cost estimate" error={estimate.error} retry={() => void estimate.refetch()} /> : null}
      {estimate.isPending ? (
        <Loading what="the estimate" />
      ) : rows.length === 0 ? (
        <p className="state">No prices known for these models {at ? `on ${at}` : 'now'}.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Monthly cost per offer" tabIndex={0}>
          <table className="share-table cost-table" aria-label="Monthly cost per model">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Monthly cost ({currency})
                </th>
                <th scope="col" className="num">
                  vs cheapest
                </th>
                <th scope="col" className="num">
                  Blended per 1M ({workload.ratio})
                </th>
                <th scope="col" className="num">
                  Price per 1M (in / out / cached)
                </th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const m = modelName.get(r.modelId);
                return (
                  <tr
                    key={`${r.modelId}|${r.region}|${r.currency}|${r.effective.text}|${r.source?.url}`}
                    data-model={r.modelId}
                  >
                    <td>
                      <span className="swatch" style={{ background: m?.color ?? '#7A7A7A' }} aria-hidden="true" />{' '}
                      <strong>{r.modelName}</strong>
                      <div className="sub">
                        {m?.vendorName ?? r.vendorId} · {REGION_LABEL[r.region]}
                        {r.status === 'no-tier' ? '' : ` · tier ${formatTier(r.tier)}`}
                      </div>
                    </td>
                    <td className="num cost-cell">
                      {r.converted ? (
                        <>
                          <span
                            className="cost-bar"
                            style={{ width: `${maxTotal > 0 ? (Number(r.converted.total) / maxTotal) * 100 : 0}%` }}
                            aria-hidden="true"
                          />
                          <strong>{cost(r.converted.total, currency)}</strong>
                          {r.fx && r.native ? (
                            <div className="sub" title={fxLabel(r.fx)}>
                              = {cost(r.native.total, r.currency)} at {r.fx.cnyPerUsd} ({r.fx.ratePeriod})
                            </div>
                          ) : null}
                        </>
                      ) : (
                        <span className="unknown">{r.notes[0] ?? 'unknown'}</span>
                      )}
                    </td>
                    <td className="num">
                      {r.timesCheapest
                        ? `${formatDecimal(r.timesCheapest)}×`
                        : r.converted && Number(r.converted.total) === 0
                          ? 'free'
                          : '—'}
                    </td>

                    <td className="num">
                      {r.converted?.blendedPerMTok ? money(r.converted.blendedPerMTok, currency) : '—'}
                    </td>
                    <td className="num">
                      {r.prices
                        ? `${money(r.prices.inputPerMTok, r.currency)} / ${money(r.prices.outputPerMTok, r.currency)} / ${money(r.prices.cachedInputPerMTok, r.currency)}`
                        : '—'}
                    </td>
                    <td>
                      {r.source ? <SourceCell source={r.source} /> : null}
                      <div className="sub">
                        <EffectiveCell effective={r.effective} />
                      </div>
                      {r.converted
                        ? r.notes.map((n) => (
                            <div key={n} className="sub note">
                              {n}
                            </div>
                          ))
                        : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {estimate.data?.meta.notes.map((n) => (
        <p key={n} className="notice">
          {n}
        </p>
      ))}
      {rates.length > 0 ? (
        <p className="source-line">
          <span className="source-label">Exchange rates used:</span>{' '}
          {rates.map((fx, i) => (
            <span key={`${fx.ratePeriod}${fx.kind}`}>
              {i > 0 ? '; ' : ''}
              <a href={fx.url} target="_blank" rel="noopener noreferrer">
                {fxLabel(fx)}
              </a>
              {fx.ageDays > 0 ? `, for ${fx.date} (${fx.note})` : ''}
            </span>
          ))}
        </p>
      ) : null}
      <details className="rule">
        <summary>How costs and conversions are computed</summary>
        <p>
          Monthly tokens are tokens per request × requests per month. Cached input is costed at the cached-input price
          where the source gives one, else at the input price (noted in the row). The tier is the one whose input range
          covers the context length (a tier “32K–128K” covers 32,001 to 128,000 tokens). The blended price per 1M tokens
          is (input price × a + output price × b) / (a + b) for the ratio a:b. “vs cheapest” divides by the cheapest
          paid option; free offers are marked free. Costs in a price’s own currency are exact.
        </p>
        <p>{FX_RULE}</p>
      </details>
      <div className="downloads">
        <a className="button" href={costCsvUrl(q)} download>
          Download this estimate (CSV, {rows.length} rows)
        </a>
      </div>
    </section>
  );
}

function ModelChooser({
  chosen,
  models,
  setParams,
}: {
  chosen: string[];
  models: PriceModelsResponse['data'];
  setParams: SetSearch;
}) {
  const byId = new Map(models.map((m) => [m.id, m]));
  return (
    <div className="model-chooser">
      <span className="field-label">Models: {chosen.length === 0 ? 'all' : ''}</span>
      {chosen.map((id) => (
        <span key={id} className="chip">
          {byId.get(id)?.name ?? id}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${byId.get(id)?.name ?? id}`}
            onClick={() => setParams({ models: chosen.filter((c) => c !== id) })}
          >
            ×
          </button>
        </span>
      ))}
      <label className="field inline">
        <span className="visually-hidden">Add a model to compare</span>
        <select
          value=""
          aria-label="Add a model to compare"
          onChange={(e) => {
            if (e.target.value) setParams({ models: [...chosen, e.target.value] });
          }}
        >
          <option value="">{chosen.length === 0 ? 'Compare only…' : 'Add a model…'}</option>
          {models
            .filter((m) => !chosen.includes(m.id))
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.vendorName})
              </option>
            ))}
        </select>
      </label>
      {chosen.length > 0 ? (
        <button type="button" className="link-button" onClick={() => setParams({ models: null })}>
          Show all models
        </button>
      ) : null}
    </div>
  );
}
