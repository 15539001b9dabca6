export * from './engine';
export * from './enrichment-handler';
export * from './enrichment-service';
export * from './ingestion-ledger';
export * from './record-reader';
export * from './sqs-batch';
export * from './work-unit';
export * from './package-engine';
