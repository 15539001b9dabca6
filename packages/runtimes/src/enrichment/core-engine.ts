import { RuntimeError } from '../errors';
import { EngineFactory } from './package-engine';
import { ProfileCodec } from '../profile/profile-shard-store';

/** Profile shards stored as plain JSON values; `merge` is the core profile merge once wired. */
export const JSON_PROFILE_CODEC: ProfileCodec<unknown> = {
  encode: (p) => JSON.stringify(p),
  decode: (t) => JSON.parse(t) as unknown,
  merge: () => {
    throw new RuntimeError('profile merge is not wired: @aad/core has no BaselineProfile merge yet');
  },
};

/** Options of the core-backed engine. */
export interface CoreEngineOptions {
  /** Volume window (DETECTION_WINDOW_MINUTES). */
  readonly windowMinutes: number;
}

/**
 * The engine factory backed by `@aad/core`'s streaming detector (built from
 * the package's `ner-model.json` and `baseline-profile.json` plus the live
 * profile shards). Until `@aad/core` exports the detector, the factory fails
 * with a clear error at the first invocation (never at import), so messages
 * are retried and eventually dead-lettered with that reason, never scored
 * with an unknown model.
 */
export function createEngineFactory(options: CoreEngineOptions): EngineFactory<unknown> {
  return (pkg) => {
    throw new RuntimeError(
      `scoring engine unavailable: @aad/core does not export the anomaly detector yet ` +
        `(package ${pkg.name}, window ${options.windowMinutes} min)`,
    );
  };
}
