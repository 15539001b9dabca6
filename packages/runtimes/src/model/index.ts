export * from './model-package';
export * from './model-package-source';
export * from './verify-model-package';
