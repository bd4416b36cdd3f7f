// `@dash/domain`: plain helpers, constants and types. No zod at run time, so the browser can import
// it freely; the zod schemas and the normalizers built on them are `@dash/domain/schemas`.
export * from './compare.js';
export * from './events.js';
export * from './ids.js';
export * from './insights-csv.js';
export * from './labels.js';
export * from './market-sizes.js';
export * from './openness.js';
export * from './percent.js';
export * from './period.js';
export * from './pricing/index.js';
export * from './revisions.js';
export * from './share-checks.js';
export * from './share-csv.js';
export * from './strategy-shares.js';
export type * from './schemas/index.js';
