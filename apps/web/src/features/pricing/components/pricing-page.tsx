import type { Currency } from '@dash/domain';
import { useSearchState } from '../../../lib/search';
import { VIEWS, type PricingSearch } from '../route';
import { pricesCsvUrl, historyCsvUrl, usePriceHistory, usePriceModels, usePrices } from '../api/queries';
import { CostCalculator, DEFAULT_WORKLOAD, WORKLOAD_URL_KEYS, type WorkloadState } from './cost-calculator';
import { HeadToHead } from './head-to-head';
import { DEFAULT_HISTORY_MODELS, PriceHistory } from './price-history';
import { PriceTable } from './price-table';
import { ErrorState, Loading } from '../../../components/states';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The pricing page: token prices of China's AI models (and foreign references) per 1M tokens,
 * viewable as published, in CNY or in USD at dated exchange rates, now or on any day; a workload
 * cost calculator, a price table, price history step charts and Qwen vs Doubao head to head.
 * Everything that makes the view (tab, currency, day, workload, models, filters) is in the URL.
 */
export function PricingPage() {
  const [params, setParams] = useSearchState<PricingSearch>();
  const view = params.view ?? 'calculator';
  const currency: Currency | null = params.currency ?? null;
  const atParam = params.at ?? '';
  const at = ISO_DAY.test(atParam) && atParam >= '2000-01-01' && atParam <= '2100-12-31' ? atParam : undefined;
  const workload = Object.fromEntries(
    (Object.keys(WORKLOAD_URL_KEYS) as Array<keyof WorkloadState>).map((k) => [
      k,
      params[WORKLOAD_URL_KEYS[k] as 'in'] ?? DEFAULT_WORKLOAD[k],
    ]),
  ) as unknown as WorkloadState;

  const models = usePriceModels();
  const prices = usePrices({ currency: currency ?? undefined, at });
  const history = usePriceHistory({ currency: currency ?? undefined }, view === 'history');
  const undated = usePrices({ currency: currency ?? undefined });

  if (models.isError) return <ErrorState what="the prices" error={models.error} retry={() => void models.refetch()} />;
  if (!models.data) return <Loading what="prices" />;
  const known = new Set(models.data.data.map((m) => m.id));
  const chosen = (params.models ?? []).filter((id) => known.has(id));
  const hist = params.hist ? params.hist.filter((id) => known.has(id)) : DEFAULT_HISTORY_MODELS;

  return (
    <article className="pricing-view">
      <header className="market-head">
        <h1>Token prices since the 2024 price war, and what your workload would cost</h1>
        <p className="subtitle">
          API prices per 1M tokens for Qwen, Doubao, DeepSeek, ERNIE, Hunyuan, GLM, Kimi and MiniMax, with OpenAI,
          Anthropic and Google for reference · input, output and cached input · context-length tiers · every price cited
        </p>
      </header>
      <div className="controls pricing-controls">
        <div className="segmented" role="group" aria-label="Currency">
          {([null, 'CNY', 'USD'] as const).map((c) => (
            <button
              key={c ?? 'native'}
              type="button"
              aria-pressed={currency === c}
              onClick={() => setParams({ currency: c })}
            >
              {c ?? 'As published'}
            </button>
          ))}
        </div>
        <div className="date-control">
          <label className="field inline">
            <span>Prices on</span>
            <input
              type="date"
              value={at ?? ''}
              min="2024-01-01"
              max="2100-12-31"
              aria-label="Prices on (empty: now)"
              onChange={(e) => setParams({ at: e.target.value || null })}
            />
          </label>
          <button
            type="button"
            className="link-button"
            aria-pressed={at === undefined}
            onClick={() => setParams({ at: null })}
          >
            now
          </button>
          <button
            type="button"
            className="link-button"
            aria-pressed={at === '2024-05-31'}
            onClick={() => setParams({ at: '2024-05-31' })}
          >
            end of May 2024
          </button>
        </div>
        <div className="tabs" role="tablist" aria-label="View">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls={`panel-${v.id}`}
              onClick={() => setParams({ view: v.id === 'calculator' ? null : v.id })}
            >
              {v.label}
            </button>
          ))}
        </div>
      </div>
      {atParam !== '' && !at ? (
        <p className="notice" role="status">
          “{atParam}” is not a day like 2024-05-31; showing current prices.
        </p>
      ) : null}
      <p className="chart-note">
        {at ? `Prices in force on ${at}` : 'Current prices (the latest dated price of each offer, plus undated ones)'};{' '}
        {currency
          ? `shown in ${currency}, converted at the dated exchange rate shown next to each converted number.`
          : 'shown in the currency each vendor publishes.'}
      </p>

      <div id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'calculator' ? (
          <CostCalculator
            workload={workload}
            currency={currency ?? 'CNY'}
            at={at}
            chosen={chosen}
            models={models.data.data}
            setParams={setParams}
          />
        ) : null}
        {view === 'table' ? (
          <section className="panel" aria-labelledby="table-title">
            <h2 id="table-title">{at ? `Prices in force on ${at}` : 'Current prices'}</h2>
            {prices.isError ? <ErrorState what="the prices" error={prices.error} retry={() => void prices.refetch()} /> : null}
            {prices.isPending ? <Loading what="prices" /> : null}
            {prices.data ? (
              <>
                {prices.data.data.length === 0 ? <p className="state">No prices known on {at}.</p> : null}
                <PriceTable rows={prices.data.data} models={models.data.data} params={params} setParams={setParams} />
                <div className="downloads">
                  <a className="button" href={pricesCsvUrl({ currency: currency ?? undefined, at })} download>
                    Download these prices (CSV, {prices.data.meta.count} rows)
                  </a>
                  <a className="button" href={historyCsvUrl({ currency: currency ?? undefined })} download>
                    Download the full price history (CSV)
                  </a>
                </div>
              </>
            ) : null}
          </section>
        ) : null}
        {view === 'history' ? (
          history.isError ? (
            <ErrorState what="the price history" error={history.error} retry={() => void history.refetch()} />
          ) : !history.data ? (
            <Loading what="the price history" />
          ) : (
            <PriceHistory
              rows={history.data.data}
              undated={(undated.data?.data ?? []).filter((r) => !r.inHistory)}
              models={models.data.data}
              chosen={hist}
              currency={currency}
              today={today()}
              setParams={setParams}
              eventParam={params.events ?? null}
            />
          )
        ) : null}
        {view === 'qwen-vs-doubao' ? (
          prices.data ? (
            <HeadToHead
              rows={prices.data.data}
              pairs={models.data.pairs}
              models={models.data.data}
              pairId={params.pair ?? null}
              at={at}
              setParams={setParams}
            />
          ) : (
            <Loading what="prices" />
          )
        ) : null}
      </div>
    </article>
  );
}
