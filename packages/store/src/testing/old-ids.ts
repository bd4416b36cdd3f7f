import type { MarketEvent } from '@dash/domain';
import type { BundledData } from '../dataset-repository.js';

/** The 32-bit FNV-1a ids the domain computed before migration 0008 (8 hex digits). */
function fnv32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * `ds` with every content-hash id as the code before migration 0008 computed it, from the same
 * identity texts: a database loaded with it is one written by that code, to test the upgrade.
 */
export function withOldIds<T extends BundledData & { events: { events: readonly MarketEvent[] } }>(ds: T): T {
  const sourceId = new Map(ds.sources.map((s) => [s.id, `s-${fnv32(`${s.url}\n${s.title}`)}`]));
  const src = (id: string) => sourceId.get(id)!;
  return {
    ...ds,
    sources: ds.sources.map((s) => ({ ...s, id: src(s.id) })),
    figures: ds.figures.map((f) => ({
      ...f,
      id: `f-${fnv32([f.marketId, f.subjectId, f.period.label, src(f.sourceId)].join('|'))}`,
      sourceId: src(f.sourceId),
    })),
    openness: {
      ...ds.openness,
      releases: ds.openness.releases.map((r) => ({ ...r, id: `r-${fnv32(`${r.companyId}|${r.name}|${r.url}`)}` })),
    },
    marketSizes: {
      ...ds.marketSizes,
      sizes: ds.marketSizes.sizes.map((z) => ({ ...z, id: `z-${fnv32(`${z.marketText}|${z.periodText}|${z.value}|${z.url}`)}` })),
    },
    pricing: {
      ...ds.pricing,
      points: ds.pricing.points.map((p) => ({
        ...p,
        id: `p-${fnv32([p.modelId, p.region, p.currency, p.tier?.minInputTokens ?? '', p.tier?.maxInputTokens ?? '', p.effective.text, p.source.url].join('|'))}`,
      })),
      fxRates: ds.pricing.fxRates.map((x) => ({ ...x, id: `fx-${fnv32([x.period, x.kind, x.url].join('|'))}` })),
    },
    events: { ...ds.events, events: ds.events.events.map((e) => ({ ...e, id: `e-${fnv32(`${e.date}|${e.title}|${e.url}`)}` })) },
  };
}
