export * from './retrain-trigger';
