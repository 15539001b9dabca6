export * from './audit-item';
export * from './audit-table';
export * from './batch-write';
export * from './provenance';
export * from './table-design';
