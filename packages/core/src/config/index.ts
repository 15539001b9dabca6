export * from './schema';
export * from './schema-dsl';
export * from './loader';
export * from './reference';
