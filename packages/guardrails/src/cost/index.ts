export * from './price-table';
export * from './usage';
export * from './estimator';
