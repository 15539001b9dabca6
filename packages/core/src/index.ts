/**
 * `@aad/core`: log parsing, entity extraction, anomaly scoring, synthetic
 * data, evaluation and configuration. Pure TypeScript, no AWS SDK.
 */
export * from './errors';
export * from './config';
export * from './logs';
export * from './entities';
export * from './ner';
export * from './synthetic';
export * from './anomaly';
export * from './eval';
