export * from './calculator.js';
export * from './decimal.js';
export * from './effective-date.js';
export * from './fx.js';
export * from './head-to-head.js';
export * from './history.js';
export * from './price-rows.js';
export * from './pricing-csv.js';
