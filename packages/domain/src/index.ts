export * from './api.js';
export * from './entities.js';
export * from './ids.js';
export * from './normalize-shares.js';
export * from './percent.js';
export * from './period.js';
export * from './share-checks.js';
export * from './share-csv.js';
