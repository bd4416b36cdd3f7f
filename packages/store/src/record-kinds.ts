import type { Transaction } from 'kysely';
import {
  recordFieldsChanged,
  type MarketEvent,
  type MarketSize,
  type ModelRelease,
  type PricedModel,
  type PricePoint,
} from '@dash/domain';
import type { Descriptor, Stored } from './engine.js';
import { writeEvents } from './events-repository.js';
import { insertChunked } from './insert-chunked.js';
import { marketSizeRow, releaseRow } from './openness-repository.js';
import { pricePointRow } from './pricing-repository.js';
import type { Database } from './schema.js';

type Trx = Transaction<Database>;

/** A price point with the model it prices (so the model can be listed even if the bundled data drops it). */
export type PriceRecord = PricePoint & { model: PricedModel | null };

/**
 * Records whose current table is small and rebuilt from the history after each write: the
 * snapshot is the record, compared field by field (`recordFieldsChanged`, keys sorted, the row
 * number ignored); `rebuild` writes the table and returns what it leaves out.
 */
const small = <S extends Stored>(
  kind: Descriptor<S>['kind'],
  rebuild: (trx: Trx, current: S[]) => Promise<string[]>,
): Descriptor<S> => ({
  kind,
  diff: (a, b) => recordFieldsChanged(a, b),
  rebuild,
});

const ids = async (trx: Trx, table: 'model_families' | 'companies' | 'vendors' | 'markets') =>
  new Set((await trx.selectFrom(table).select('id').execute()).map((r) => r.id));

/** Licensing releases (`r-` ids: company, name and page); left out when their family or company is gone. */
export const releaseKind = small<ModelRelease>('release', async (trx, records) => {
  const [families, companies] = [await ids(trx, 'model_families'), await ids(trx, 'companies')];
  const shown = records.filter((r) => families.has(r.familyId) && companies.has(r.companyId));
  await trx.deleteFrom('model_releases').execute();
  await insertChunked(trx, 'model_releases', shown.map(releaseRow));
  return records.filter((r) => !shown.includes(r)).map((r) => r.id);
});

/**
 * Price points (`p-` ids: model, region, currency, tier, effective-date text and page). A priced
 * model the reference data does not list is re-added for an imported point; a point whose vendor
 * is gone is left out.
 */
export const priceKind = small<PriceRecord>('price', async (trx, records) => {
  const vendors = await ids(trx, 'vendors');
  const models = new Map(
    (await trx.selectFrom('priced_models').select(['id', 'position']).execute()).map((m) => [m.id, Number(m.position)]),
  );
  let position = Math.max(-1, ...models.values());
  for (const { modelId, model: m } of records) {
    if (models.has(modelId) || !m || !vendors.has(m.vendorId)) continue;
    const row = {
      id: m.id,
      name: m.name,
      vendor_id: m.vendorId,
      family: m.family,
      weights: m.weights,
      license: m.license,
    };
    await trx
      .insertInto('priced_models')
      .values({ ...row, pricing_models: m.pricingModels.join(';'), position: ++position })
      .execute();
    models.set(m.id, position);
  }
  const shown = records.filter((r) => vendors.has(r.vendorId) && models.has(r.modelId));
  await trx.deleteFrom('price_points').execute();
  await insertChunked(trx, 'price_points', shown.map(pricePointRow));
  return records.filter((r) => !shown.includes(r)).map((r) => r.id);
});

/** Market totals (`z-` ids); left out when their market is gone. */
export const marketSizeKind = small<MarketSize>('market-size', async (trx, records) => {
  const markets = await ids(trx, 'markets');
  const shown = records.filter((z) => z.marketId === null || markets.has(z.marketId));
  await trx.deleteFrom('market_sizes').execute();
  await insertChunked(trx, 'market_sizes', shown.map(marketSizeRow));
  return records.filter((z) => !shown.includes(z)).map((z) => z.id);
});

/** Dated market events (`e-` ids). */
export const eventKind = small<MarketEvent>('event', async (trx, records) => {
  await writeEvents(trx, records);
  return [];
});
