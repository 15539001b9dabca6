export * from './cloudtrail-record';
export * from './log-record';
export * from './log-id';
export * from './json-record-splitter';
export * from './vpc-flow';
export * from './read-logs';
