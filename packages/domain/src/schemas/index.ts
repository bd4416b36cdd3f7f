// `@dash/domain/schemas`: the zod schemas of every record, query and answer (the server validates
// and serializes with them, and the OpenAPI document is generated from them), and the normalizers
// that read the dataset's raw rows with them. Their types are also exported by `@dash/domain`.
export * from './api.js';
export * from './api-insights.js';
export * from './effective-date.js';
export * from './entities.js';
export * from './events.js';
export * from './market-sizes.js';
export * from './openness.js';
export * from './period.js';
export * from './pricing.js';
export * from './pricing-api.js';
export * from './revisions.js';
export * from './write-api.js';
export * from '../normalize/events.js';
export * from '../normalize/market-sizes.js';
export * from '../normalize/openness.js';
export * from '../normalize/pricing.js';
export * from '../normalize/shares.js';
