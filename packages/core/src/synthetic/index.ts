export * from './attack-contract';
export * from './attacks';
