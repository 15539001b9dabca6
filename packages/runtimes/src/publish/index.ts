export * from './finding-event';
export * from './published-finding';
export * from './security-hub';
