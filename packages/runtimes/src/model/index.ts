export * from './model-package';
export * from './model-package-source';
