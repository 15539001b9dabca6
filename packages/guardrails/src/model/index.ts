export * from './model-package';
export * from './publisher';
