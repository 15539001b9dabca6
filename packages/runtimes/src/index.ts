/**
 * `@aad/runtimes`: Lambda handlers and the contract (names, environment,
 * permissions, bundle directories) the infrastructure deploys them with.
 */
export * from './errors';
export * from './handler-contract';
export * from './config/handler-env';
export * from './audit';
export * from './aws/retry';
export * from './aws/clients';
export * from './aws/lazy';
export * from './enrichment';
export * from './model';
export * from './observability';
export * from './profile';
export * from './publish';
export * from './reconciler';
export * from './retrain';
