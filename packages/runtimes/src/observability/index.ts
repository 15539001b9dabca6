export * from './logger';
export * from './metric-names';
export * from './redact';
