export * from './detectors';
export * from './allowlist';
export * from './pii-scan';
