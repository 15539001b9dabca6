import { BaselineProfile } from './baseline-profile';
import { ProfileError } from '../../errors';

/** How a profile (or a delta) is stored and combined: the shape runtimes' shard stores expect. */
export interface BaselineProfileCodec {
  /** JSON text of a profile. */
  encode(profile: BaselineProfile): string;
  /** Reads JSON text; throws `ProfileError` naming what is wrong. */
  decode(text: string): BaselineProfile;
  /** A new profile holding both (associative and commutative: shards fold in any order). */
  merge(a: BaselineProfile, b: BaselineProfile): BaselineProfile;
}

/** JSON codec of {@link BaselineProfile} for shard stores (DynamoDB items, S3 objects). */
export const baselineProfileCodec: BaselineProfileCodec = {
  encode: (profile) => JSON.stringify(profile.toJSON()),
  decode: (text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ProfileError(`profile: not JSON (${(error as Error).message.slice(0, 120)})`);
    }
    return BaselineProfile.fromJSON(json);
  },
  merge: (a, b) => BaselineProfile.merge(a, b),
};

/**
 * Splits a profile (typically a Lambda's delta) into `count` shards: each
 * principal and each resource goes to shard `shardOf(key, count)`. Merging
 * the shards gives back the profile; every shard has the profile's settings.
 *
 * @example
 * const shards = partitionProfile(detector.takeDelta(), 16, shardOf);
 * await Promise.all(shards.map((delta, i) => store.applyDelta(i, delta)));
 */
export function partitionProfile(
  profile: BaselineProfile,
  count: number,
  shardOf: (key: string, count: number) => number,
): BaselineProfile[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`\`count\` must be a whole number of at least 1, received ${count}`);
  }
  const json = profile.toJSON();
  const principals = Array.from({ length: count }, () => ({}) as Record<string, unknown>);
  const resources = Array.from({ length: count }, () => ({}) as Record<string, unknown>);
  const pick = (key: string): number => {
    const shard = shardOf(key, count);
    if (!Number.isInteger(shard) || shard < 0 || shard >= count) {
      throw new RangeError(
        `shardOf(${JSON.stringify(key)}, ${count}) must be within 0-${count - 1}, received ${shard}`,
      );
    }
    return shard;
  };
  for (const [key, value] of Object.entries(json.principals)) principals[pick(key)][key] = value;
  for (const [key, value] of Object.entries(json.resources)) resources[pick(key)][key] = value;
  return principals.map((p, i) => BaselineProfile.fromJSON({ ...json, principals: p, resources: resources[i] }));
}
