import type { Logger } from '@aws-lambda-powertools/logger';
import { EngineProvider, EnrichmentEngine } from './engine';
import { ModelPackage } from '../model/model-package';
import { ModelPackageSource } from '../model/model-package-source';
import { ProfileShardStore } from '../profile/profile-shard-store';

/** Builds the engine of one verified package, given the live profile learned since (merged shards). */
export type EngineFactory<P> = (pkg: ModelPackage, learned: P | undefined, store: ShardWriter<P>) => EnrichmentEngine;

/** Where an engine folds its deltas: one shard per call, chosen by the engine (entity hash). */
export interface ShardWriter<P> {
  readonly shardCount: number;
  apply(shard: number, delta: P): Promise<void>;
}

/** Options of {@link packageEngineProvider}. */
export interface PackageEngineOptions<P> {
  readonly models: ModelPackageSource;
  readonly profiles: ProfileShardStore<P>;
  readonly shardCount: number;
  readonly factory: EngineFactory<P>;
  /** Seconds the live profile (shards) is used before it is read again. */
  readonly profileRefreshSeconds: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/**
 * The engine of the current model package: built once per package per
 * container from the verified package and the profile shards learned since,
 * rebuilt when `current.txt` names another package or the live profile is
 * older than `profileRefreshSeconds`.
 */
export function packageEngineProvider<P>(options: PackageEngineOptions<P>): EngineProvider {
  const now = options.now ?? Date.now;
  let cached: { engine: EnrichmentEngine; pkg: string; builtAt: number } | undefined;
  return async () => {
    const pkg = await options.models.current();
    if (cached && cached.pkg === pkg.name && now() - cached.builtAt < options.profileRefreshSeconds * 1000) {
      return cached.engine;
    }
    const learned = await options.profiles.loadMerged(pkg.name, options.shardCount);
    const writer: ShardWriter<P> = {
      shardCount: options.shardCount,
      apply: async (shard, delta) => {
        const r = await options.profiles.applyDelta(pkg.name, shard, delta);
        if (r.conflicts > 0) options.logger?.info('profile shard write retried after a concurrent update', { ...r });
      },
    };
    const engine = options.factory(pkg, learned, writer);
    cached = { engine, pkg: pkg.name, builtAt: now() };
    return engine;
  };
}
