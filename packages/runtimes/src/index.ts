/**
 * `@aad/runtimes`: Lambda handlers and the contract (names, environment,
 * bundle directories) the infrastructure deploys them with.
 */
export * from './errors';
export * from './handler-contract';
export * from './config/handler-env';
