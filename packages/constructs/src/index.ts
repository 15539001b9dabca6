/**
 * `@aad/constructs`: CDK constructs of the Access Anomaly Detector. One public
 * entry point: import everything from `@aad/constructs`.
 */
export * from './keys/detector-keys';
export * from './detector/detector-stack';
