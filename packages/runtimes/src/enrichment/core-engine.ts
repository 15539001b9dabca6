import { AnomalyDetector, BaselineProfile, CloudTrailRecord, Finding, partitionProfile } from '@aad/core';
import { EnrichmentEngine, ScoringOutcome } from './engine';
import { EngineFactory, ShardWriter } from './package-engine';
import { mapWithConcurrency } from '../aws/retry';
import { ModelIntegrityError } from '../errors';
import { MODEL_PACKAGE_FILES, ModelPackage, packageJson } from '../model/model-package';
import { shardOf } from '../profile/profile-shard-store';

/** Options of the core-backed engine (from the handler environment). */
export interface CoreEngineOptions {
  /** Volume window (DETECTION_WINDOW_MINUTES); must equal the package baseline's window. */
  readonly windowMinutes: number;
  /** Findings below this score are not emitted (MIN_SCORE). */
  readonly minScore: number;
  /**
   * Profile shard writes in flight when a delta is learned.
   * @default 8
   */
  readonly shardWriteConcurrency?: number;
}

/**
 * The package baseline (`baseline-profile.json`, verified against the
 * manifest) as a profile, checked against the handler's window.
 *
 * @throws ModelIntegrityError not a baseline profile, or a window other than `windowMinutes`
 */
export function packageBaseline(pkg: ModelPackage, windowMinutes: number): BaselineProfile {
  const file = MODEL_PACKAGE_FILES.baselineProfile;
  let profile: BaselineProfile;
  try {
    profile = BaselineProfile.fromJSON(packageJson<unknown>(pkg, file));
  } catch (error) {
    if (error instanceof ModelIntegrityError) throw error;
    throw new ModelIntegrityError(`${pkg.name}: ${file} is not a baseline profile (${(error as Error).message})`);
  }
  const profileMinutes = profile.windowMs / 60_000;
  if (profileMinutes !== windowMinutes) {
    throw new ModelIntegrityError(
      `${pkg.name}: ${file} was learned with ${profileMinutes}-minute windows, ` +
        `DETECTION_WINDOW_MINUTES is ${windowMinutes}: rebuild the profile or fix the variable`,
    );
  }
  return profile;
}

/**
 * The scoring engine of one verified model package: `@aad/core`'s
 * streaming {@link AnomalyDetector} over the package baseline merged with
 * the live profile shards.
 *
 * Each unit gets its own detector (window and sequence state never cross
 * files), created on the engine's baseline with `trackDelta`, so the
 * container keeps learning between refreshes and the unit's delta is
 * returned for the shards. `learn` splits the delta by principal and
 * resource hash (`partitionProfile` with {@link shardOf}) and merges each
 * part into its shard with a versioned conditional write (a lost race
 * re-reads and re-merges). Findings carry stable ids (`finding_id` = hash of
 * log id and entity), so a replay maps onto the stored findings.
 */
export class CoreEnrichmentEngine implements EnrichmentEngine {
  public readonly modelPackage: string;
  private readonly shardWriteConcurrency: number;

  constructor(
    pkg: ModelPackage,
    /** Package baseline merged with the learned shards; the engine's detectors keep learning into it. */
    public readonly baseline: BaselineProfile,
    private readonly writer: ShardWriter<BaselineProfile>,
    private readonly options: CoreEngineOptions,
  ) {
    this.modelPackage = pkg.name;
    this.shardWriteConcurrency = options.shardWriteConcurrency ?? 8;
  }

  public async score(records: readonly CloudTrailRecord[], logIds?: readonly string[]): Promise<ScoringOutcome> {
    const detector = new AnomalyDetector({
      profile: this.baseline,
      windowMinutes: this.options.windowMinutes,
      minScore: this.options.minScore,
      trackDelta: true,
    });
    const findings: Finding[] = [];
    for (let i = 0; i < records.length; i++) {
      const found = detector.observe(records[i], logIds ? { logId: logIds[i] } : {});
      for (const f of found) findings.push(f);
    }
    for (const f of detector.flush()) findings.push(f);
    const delta = detector.takeDelta();
    return { findings, ...(delta.principals.size + delta.resources.size > 0 ? { profileDelta: delta } : {}) };
  }

  public async learn(delta: unknown): Promise<void> {
    if (!(delta instanceof BaselineProfile)) return;
    const shards = partitionProfile(delta, this.writer.shardCount, shardOf)
      .map((profile, index) => ({ profile, index }))
      .filter((s) => s.profile.principals.size + s.profile.resources.size > 0);
    await mapWithConcurrency(shards, this.shardWriteConcurrency, (s) => this.writer.apply(s.index, s.profile));
  }
}

/**
 * The engine factory backed by `@aad/core`: per verified package, the
 * baseline from `baseline-profile.json` merged with the live shards, and a
 * {@link CoreEnrichmentEngine} on it. `ner-model.json` is verified with the
 * package but not loaded: the enrichment scores structured CloudTrail
 * records and never runs the free-text tagger (ADR 0005).
 *
 * @example
 * const factory = createEngineFactory({ windowMinutes: 60, minScore: 40 });
 * packageEngineProvider({ models, profiles, shardCount: 16, profileRefreshSeconds: 300, factory });
 */
export function createEngineFactory(
  options: CoreEngineOptions,
): (...args: Parameters<EngineFactory<BaselineProfile>>) => CoreEnrichmentEngine {
  return (pkg, learned, writer) => {
    const baseline = packageBaseline(pkg, options.windowMinutes);
    if (learned) {
      try {
        baseline.mergeFrom(learned);
      } catch (error) {
        throw new ModelIntegrityError(
          `${pkg.name}: the learned profile shards do not match the package baseline (${(error as Error).message})`,
        );
      }
    }
    return new CoreEnrichmentEngine(pkg, baseline, writer, options);
  };
}
