export * from './allowlist';
export * from './secret-scan';
