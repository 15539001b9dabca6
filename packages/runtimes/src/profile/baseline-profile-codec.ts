import { BaselineProfile, baselineProfileCodec } from '@aad/core';
import { ProfileCodec } from './profile-shard-store';

/**
 * Profile shards as `@aad/core` baseline profiles: core's JSON codec,
 * merged in place into the shard the store just read (`mergeFrom`, associative
 * and commutative), shrunk by dropping the least recently seen principals
 * and resources when a shard would not fit a DynamoDB item.
 */
export const BASELINE_PROFILE_CODEC: ProfileCodec<BaselineProfile> = {
  encode: (profile) => baselineProfileCodec.encode(profile),
  decode: (text) => baselineProfileCodec.decode(text),
  merge: (a, b) => a.mergeFrom(b),
  shrink: (profile, factor) => {
    const before = profile.principals.size + profile.resources.size;
    profile.prune({
      maxPrincipals: Math.floor(profile.principals.size * factor),
      maxResources: Math.floor(profile.resources.size * factor),
    });
    return before - (profile.principals.size + profile.resources.size);
  },
};
