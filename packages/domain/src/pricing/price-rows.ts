import type { DisplayPrices, FxUsed, PriceRow } from '../schemas/pricing-api.js';
import type { Currency, FxRate, PricedModel, PricePoint } from '../schemas/pricing.js';
import { convertAmount, type FxPick, pickFxRate } from './fx.js';
import { buildHistory, type ScheduleVersion, versionsAt } from './history.js';

export interface PricingData {
  models: readonly PricedModel[];
  points: readonly PricePoint[];
  rates: readonly FxRate[];
}

/** The rate actually used, as reported next to every converted number. */
export function fxUsed(pick: FxPick): FxUsed {
  const r = pick.rate;
  return {
    cnyPerUsd: r.cnyPerUsd,
    ratePeriod: r.period,
    kind: r.kind,
    publisher: r.publisher,
    url: r.url,
    quality: r.quality,
    quote: r.quote,
    date: pick.date,
    ageDays: pick.ageDays,
    note: pick.note,
  };
}

const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 864e5).toISOString().slice(0, 10);

/**
 * The day a version's prices are converted for: the day asked about, else (whole history) the
 * day it took effect (the last day of a "before" window), else (undated, current) today.
 */
export function conversionDay(
  v: Pick<ScheduleVersion, 'validFrom' | 'validTo' | 'inHistory'>,
  at: string | null,
  today: string,
): string {
  if (at !== null) return at;
  if (v.validFrom !== null) return v.validFrom;
  if (v.inHistory && v.validTo !== null) return dayBefore(v.validTo);
  return today;
}

/** A point's prices in `currency` (as published when null), converted at the rate for `day`. */
export function displayPrices(
  p: PricePoint,
  currency: Currency | null,
  day: string,
  rates: readonly FxRate[],
): DisplayPrices {
  const native = {
    inputPerMTok: p.inputPerMTok,
    outputPerMTok: p.outputPerMTok,
    cachedInputPerMTok: p.cachedInputPerMTok,
  };
  if (currency === null || currency === p.currency) return { currency: p.currency, ...native, fx: null, note: null };
  const pick = pickFxRate(rates, day);
  if (!pick) {
    return {
      currency,
      inputPerMTok: null,
      outputPerMTok: null,
      cachedInputPerMTok: null,
      fx: null,
      note: `no exchange rate on or before ${day}`,
    };
  }
  const conv = (x: string | null) => (x === null ? null : convertAmount(x, p.currency, currency, pick.rate.cnyPerUsd));
  return {
    currency,
    inputPerMTok: conv(native.inputPerMTok)!,
    outputPerMTok: conv(native.outputPerMTok),
    cachedInputPerMTok: conv(native.cachedInputPerMTok),
    fx: fxUsed(pick),
    note: null,
  };
}

export interface PriceRowOptions {
  /** `current`: prices in force now (and undated ones); `history`: every version, or those in force on `at`. */
  mode: 'current' | 'history';
  at: string | null;
  currency: Currency | null;
  /** Today's ISO day, for converting current prices. */
  today: string;
}

/**
 * Price rows for the API and CSV: each point of the selected versions with its model, its window
 * in history and its prices in the display currency. Ordered by model, offer, start, tier.
 */
export function buildPriceRows(data: PricingData, o: PriceRowOptions): PriceRow[] {
  const models = new Map(data.models.map((m) => [m.id, m]));
  const all = buildHistory(data.points);
  const versions = o.mode === 'current' ? versionsAt(all, null) : o.at === null ? all : versionsAt(all, o.at);
  const rows: PriceRow[] = [];
  for (const v of versions) {
    // Current prices convert at today's rate, all of them, so one view never mixes rates.
    const day = o.mode === 'current' ? o.today : conversionDay(v, o.at, o.today);
    for (const p of v.points) {
      const m = models.get(p.modelId);
      if (!m) continue;
      rows.push({
        ...p,
        modelName: m.name,
        family: m.family,
        weights: m.weights,
        pricingModels: m.pricingModels,
        validFrom: v.validFrom,
        validTo: v.validTo,
        inHistory: v.inHistory,
        display: displayPrices(p, o.currency, day, data.rates),
      });
    }
  }
  return rows;
}
