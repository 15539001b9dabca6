export * from './metrics';
export * from './regex-baseline';
export * from './ner-eval';
export * from './detect-panther';
export * from './detect-synthetic';
export * from './detect-coverage';
export * from './detect-eval';
