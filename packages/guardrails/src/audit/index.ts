export * from './rule';
export * from './encryption';
export * from './engine';
export * from './artifacts';
export * from './repository';
export * from './runtime-contract';
export * from './rules';
