import { useMemo } from 'react';
import { formatTier, type Currency, type PriceModelsResponse, type PriceRow } from '@dash/domain';
import { useElementWidth } from '../../../lib/use-element-width';
import type { SetSearch } from '../../../lib/search';
import { layoutSteps, type StepSeriesInput } from '../../../charts/step/step-layout';
import { StepChart } from '../../../charts/step/step-chart';
import { fxLabel, money, ratesUsed } from './format';
import { EffectiveCell, SourceCell } from './source-cell';
import { ChartFrame } from '../../../charts/frame/chart-frame';
import { exportFileBase } from '../../../charts/export/compose-svg';
import { eventExportNotes } from '../../../charts/events/event-layout';
import { eventsTable } from '../../../charts/chart-text';
import { chartEventsFor, eventChoiceOf, EventsControl } from '../../../components/events';
import { useEvents } from '../../../lib/events';
import { useVendors } from '../../../lib/reference-queries';
import { Later } from '../../../components/later';
import { byCodeUnits, shortMonth } from '../../../lib/text-order';

export const DEFAULT_HISTORY_MODELS = ['qwen-max', 'qwen-long', 'doubao-pro-32k', 'qwen-plus'];
const OUTPUT_COLOR = '#4a4a4a';
const REGION = { china: 'China', international: 'International' } as const;

/** "May 21" (en-US day and short month) of an ISO day. */
const dayMonth = (iso: string) => `${shortMonth(Number(iso.slice(5, 7)) - 1)} ${Number(iso.slice(8, 10))}`;

/** Rules for the May 2024 price war, from the prices in the data that took effect on an exact day that month. */
export function priceWarMarkers(rows: readonly PriceRow[]) {
  const byDay = new Map<string, PriceRow[]>();
  for (const r of rows) {
    if (r.effective.kind === 'day' && r.effective.from && r.effective.from.startsWith('2024-05')) {
      byDay.set(r.effective.from, [...(byDay.get(r.effective.from) ?? []), r]);
    }
  }
  return [...byDay]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([date, list]) => ({
      date,
      label: `${dayMonth(date)}: ${[...new Set(list.map((r) => r.family))].join(', ')}`,
      rows: list,
    }));
}

/** Offers (model, region, currency) of the chosen models, each with its dated rows. */
function offersOf(rows: readonly PriceRow[], modelIds: readonly string[]) {
  const out = new Map<string, PriceRow[]>();
  for (const id of modelIds) {
    for (const r of rows.filter((x) => x.modelId === id)) {
      const k = `${r.modelId}|${r.region}|${r.currency}`;
      out.set(k, [...(out.get(k) ?? []), r]);
    }
  }
  return [...out.values()];
}

/**
 * Price history as small multiples of step charts, one per model and offer, on one time axis:
 * input (vendor colour) and output (grey) per 1M tokens at the lowest context tier, with the May
 * 2024 price-war days as rules. Each chart has a text summary and its sources.
 */
export function PriceHistory({
  rows,
  undated,
  models,
  chosen,
  currency,
  today,
  setParams,
  eventParam,
}: {
  rows: readonly PriceRow[];
  undated: readonly PriceRow[];
  models: PriceModelsResponse['data'];
  chosen: string[];
  currency: Currency | null;
  today: string;
  setParams: SetSearch;
  eventParam: string | null;
}) {
  const events = useEvents();
  const vendors = useVendors();
  const eventChoice = eventChoiceOf(eventParam, 'pricing');
  const companyOf = (vendorId: string) => vendors.data?.data.find((v) => v.id === vendorId)?.parentId ?? vendorId;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const byId = useMemo(() => new Map(models.map((m) => [m.id, m])), [models]);
  const markers = useMemo(() => priceWarMarkers(rows), [rows]);
  const offers = offersOf(rows, chosen);
  const chartWidth = Math.max(280, Math.min(width, 980));
  const cols = chartWidth >= 900 ? 2 : 1;
  const cellWidth = cols === 2 ? Math.floor((chartWidth - 24) / 2) : chartWidth;
  const domain: [string, string] = ['2024-01-01', today];
  const withHistory = models.filter((m) => rows.some((r) => r.modelId === m.id));

  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">How prices moved</h2>
      <p className="chart-note">
        Each step is a price in force until the next one; hollow dots and dashed risers mark approximate dates
        (snapshots, “late 2024”), a dashed start an unknown one. Tiered models show their lowest tier. Rules mark the
        May 2024 price war.
      </p>
      <div className="model-chooser">
        <span className="field-label">Models:</span>
        {chosen.map((id) => (
          <span key={id} className="chip">
            {byId.get(id)?.name ?? id}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${byId.get(id)?.name ?? id} from the history`}
              onClick={() => setParams({ hist: chosen.filter((c) => c !== id) })}
            >
              ×
            </button>
          </span>
        ))}
        <select
          value=""
          aria-label="Add a model to the history"
          onChange={(e) => {
            if (e.target.value) setParams({ hist: [...chosen, e.target.value] });
          }}
        >
          <option value="">Add a model…</option>
          {withHistory
            .filter((m) => !chosen.includes(m.id))
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.vendorName})
              </option>
            ))}
        </select>
      </div>
      <EventsControl value={eventChoice} onChange={setParams} marked={null} label="Events of each model’s vendor" />
      <div ref={ref} className="measure" />
      <div className={`small-multiples cols-${cols}`}>
        {offers.map((list) => {
          const first = list[0]!;
          const m = byId.get(first.modelId);
          const lowest = (r: PriceRow) =>
            !list.some(
              (o) =>
                o.validFrom === r.validFrom &&
                o.effective.text === r.effective.text &&
                (o.tier?.minInputTokens ?? -1) < (r.tier?.minInputTokens ?? -1),
            );
          const steps = list.filter(lowest);
          const cur = steps[0]!.display.currency;
          const step = (r: PriceRow, v: string | null, what: string) => ({
            key: `${r.id}-${what}`,
            from: r.validFrom,
            to: r.validTo,
            value: v,
            approximate: r.effective.approximate,
            description: `${m?.name ?? r.modelName} ${what} ${money(v, cur)} per 1M tokens, ${r.validFrom ? `from ${r.validFrom}` : 'start unknown'}${r.validTo ? ` until ${r.validTo}` : ', still current'} (source says “${r.effective.text}”)`,
          });
          const series: StepSeriesInput[] = [
            {
              key: 'input',
              name: 'in',
              color: m?.color ?? '#7A7A7A',
              steps: steps.map((r) => step(r, r.display.inputPerMTok, 'input')),
            },
            {
              key: 'output',
              name: 'out',
              color: OUTPUT_COLOR,
              dashed: false,
              steps: steps.map((r) => step(r, r.display.outputPerMTok, 'output')),
            },
          ];
          const layout = layoutSteps(series, {
            width: cellWidth,
            height: 190,
            domain,
            markers,
            events: chartEventsFor(events.data?.data, [companyOf(m?.vendorId ?? first.vendorId)], eventChoice),
            format: (v) => money(String(Number(v.toPrecision(6))), cur),
          });
          const title = `${m?.name ?? first.modelName} · ${REGION[first.region]} · ${cur} per 1M tokens${first.tier ? ` (tier ${formatTier(first.tier)})` : ''}`;
          const summary = steps
            .map(
              (r) =>
                `${money(r.display.inputPerMTok, cur)} in / ${money(r.display.outputPerMTok, cur)} out ${r.validFrom ? `from ${r.validFrom}` : `before ${r.validTo}`}${r.effective.approximate ? ' (approx.)' : ''}`,
            )
            .join(' → ');
          const rates = ratesUsed(steps.map((r) => r.display.fx));
          const key = `${first.modelId}|${first.region}|${first.currency}`;
          const summaryId = `history-summary-${key.replace(/[^a-z0-9-]+/gi, '-')}`;
          const dated = steps.filter((r) => r.display.inputPerMTok !== null);
          const firstIn = dated[0]?.display.inputPerMTok ?? null;
          const lastIn = dated[dated.length - 1]?.display.inputPerMTok ?? null;
          const name = m?.name ?? first.modelName;
          const exportTitle =
            firstIn !== null && lastIn !== null && firstIn !== lastIn
              ? `${name} input price: ${money(firstIn, cur)} → ${money(lastIn, cur)} per 1M tokens`
              : `${name}: ${money(lastIn, cur)} per 1M input tokens`;
          const sources = [...new Map(steps.map((r) => [r.source.url, r])).values()];
          return (
            <Later key={key}>
              <figure className="history-cell">
                <figcaption>
                  <strong>{title}</strong>
                </figcaption>
                <ChartFrame
                  id={`history-${exportFileBase(first.modelId, first.region, cur)}`}
                  describedBy={summaryId}
                  tables={[
                    {
                      caption: `Price history of ${title}`,
                      columns: [
                        { label: 'From' },
                        { label: 'Until' },
                        { label: 'Input per 1M', numeric: true },
                        { label: 'Output per 1M', numeric: true },
                        { label: 'Date as the source gives it' },
                        { label: 'Source' },
                      ],
                      rows: steps.map((r) => [
                        r.validFrom ?? 'unknown',
                        r.validTo ?? 'still current',
                        money(r.display.inputPerMTok, cur),
                        money(r.display.outputPerMTok, cur),
                        `${r.effective.text}${r.effective.approximate ? ' (approximate)' : ''}`,
                        `${r.source.site} (${r.source.quality})`,
                      ]),
                    },
                    ...(layout.events.length > 0 ? [eventsTable(layout.events)] : []),
                  ]}
                  meta={{
                    title: exportTitle,
                    subtitle: `${title} · input (colour) and output (grey) per 1M tokens · ${domain[0]} to ${domain[1]}`,
                    source: `${sources.length === 1 ? 'Source' : 'Sources'}: ${sources
                      .map(
                        (r) =>
                          `${r.source.site}, ${r.effective.text}${r.effective.approximate ? ' (approximate)' : ''} (${r.source.quality} source)`,
                      )
                      .join('; ')}.${rates.length > 0 ? ` Converted at ${rates.map(fxLabel).join('; ')}.` : ''}`,
                    notes: [
                      `Prices: ${summary}.`,
                      ...(markers.length > 0
                        ? [`Dotted rules: the May 2024 price cuts (${markers.map((mk) => mk.label).join('; ')}).`]
                        : []),
                      ...eventExportNotes(layout.events),
                    ],
                    fileBase: exportFileBase('price-history', first.modelId, first.region, cur),
                  }}
                >
                  {(describedBy) => (
                    <StepChart
                      layout={layout}
                      label={`Price history of ${title}: ${summary}`}
                      describedBy={describedBy}
                    />
                  )}
                </ChartFrame>
                <p className="chart-note history-summary" id={summaryId}>
                  {summary}
                </p>
                {first.currency !== cur ? (
                  <p className="chart-note">
                    Published in {first.currency}; each step converted at the rate for the day it took effect:{' '}
                    {rates.map((fx) => fxLabel(fx)).join('; ')}.
                  </p>
                ) : null}
                <p className="source-line">
                  <span className="source-label">Sources:</span>{' '}
                  {[...new Map(steps.map((r) => [r.source.url, r])).values()].map((r, i) => (
                    <span key={r.source.url}>
                      {i > 0 ? '; ' : ''}
                      <SourceCell source={r.source} /> (<EffectiveCell effective={r.effective} />)
                    </span>
                  ))}
                </p>
              </figure>
            </Later>
          );
        })}
      </div>
      {offers.length === 0 ? <p className="state">Pick a model to see its price history.</p> : null}
      {markers.length > 0 ? (
        <p className="source-line">
          <span className="source-label">Price-war rules:</span>{' '}
          {markers.map((mk, i) => (
            <span key={mk.date}>
              {i > 0 ? '; ' : ''}
              {mk.date}:{' '}
              {mk.rows.map((r, j) => (
                <span key={r.id}>
                  {j > 0 ? ', ' : ''}
                  {r.modelName} at {r.sourceInputPrice} {r.currency} per {r.unitTokens === 1000 ? '1K' : '1M'} input
                  tokens (
                  <a href={r.source.url} target="_blank" rel="noopener noreferrer" title={r.source.quote}>
                    {r.source.site}
                  </a>
                  )
                </span>
              ))}
            </span>
          ))}
        </p>
      ) : null}
      {undated.some((r) => chosen.includes(r.modelId)) ? (
        <p className="chart-note">
          Undated prices of these models are not placed in the history (they count as current):{' '}
          {undated
            .filter((r) => chosen.includes(r.modelId))
            .map(
              (r) =>
                `${r.modelName} ${REGION[r.region]} ${money(r.display.inputPerMTok, r.display.currency)} in (${r.effective.text})`,
            )
            .join('; ')}
          .
        </p>
      ) : null}
      {currency === null ? null : <p className="chart-note">Shown in {currency}.</p>}
    </section>
  );
}
