export * from './cloudtrail-record';
