export * from './types';
export * from './predicates';
export * from './rule-engine';
export * from './catalogue';
