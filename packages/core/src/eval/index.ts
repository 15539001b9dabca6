export * from './metrics';
export * from './regex-baseline';
export * from './ner-eval';
