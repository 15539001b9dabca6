import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { EngineProvider, EnrichmentEngine } from './engine';
import { ModelPackage } from '../model/model-package';
import { ModelPackageSource } from '../model/model-package-source';
import { METRIC } from '../observability/metric-names';
import { ProfileShardStore } from '../profile/profile-shard-store';

/**
 * Builds the engine of one verified package, given the live profile learned
 * since (merged shards); may load its code on first use (a promise).
 */
export type EngineFactory<P> = (
  pkg: ModelPackage,
  learned: P | undefined,
  store: ShardWriter<P>,
) => EnrichmentEngine | Promise<EnrichmentEngine>;

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
  /** Where `ProfileWriteConflicts` and `ProfileEntriesEvicted` are counted. @default - not counted */
  readonly metrics?: Metrics;
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
        if (r.conflicts > 0) {
          options.metrics?.addMetric(METRIC.ProfileWriteConflicts, MetricUnit.Count, r.conflicts);
          options.logger?.info('profile shard write retried after a concurrent update', { ...r });
        }
        if (r.evicted > 0) {
          options.metrics?.addMetric(METRIC.ProfileEntriesEvicted, MetricUnit.Count, r.evicted);
          options.logger?.warn(
            'profile shard full: least recently seen entries evicted to fit the item limit; raise PROFILE_SHARD_COUNT',
            { ...r },
          );
        }
      },
    };
    const engine = await options.factory(pkg, learned, writer);
    cached = { engine, pkg: pkg.name, builtAt: now() };
    return engine;
  };
}
