export * from './action-verifier';
export * from './reconciler';
export * from './verifiers';
