export * from './profile-shard-store';
