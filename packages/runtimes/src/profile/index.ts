export * from './profile-shard-store';
export * from './baseline-profile-codec';
