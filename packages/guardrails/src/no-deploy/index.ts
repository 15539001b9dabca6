export * from './deploy-commands';
export * from './scanner';
