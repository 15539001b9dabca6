export * from './identity';
export * from './gates';
export * from './plan';
