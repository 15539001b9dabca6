export * from './tokenizer';
export * from './features';
export * from './tagger';
export * from './train';
