export * from './database.js';
export * from './dataset-repository.js';
export * from './reference-repository.js';
export * from './schema.js';
export * from './share-repository.js';
export * from './openness-repository.js';
export * from './pricing-repository.js';
export * from './revision-repository.js';
