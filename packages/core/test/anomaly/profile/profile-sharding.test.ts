import { userEvent } from './profile-fixtures';
import { toEventView } from '../../../src/anomaly/event-view';
import { BaselineProfile } from '../../../src/anomaly/profile/baseline-profile';
import { baselineProfileCodec, partitionProfile } from '../../../src/anomaly/profile/profile-sharding';
import { ProfileError } from '../../../src/errors';

const profile = new BaselineProfile();
for (const [i, user] of ['a', 'b', 'c', 'd', 'e'].entries()) {
  profile.observe(toEventView(userEvent(user, i, { requestParameters: { bucketName: `bucket-${i}` } })));
}
const shardOf = (key: string, count: number): number => key.length % count;

describe('profile sharding', () => {
  it('partitions principals and resources by key; the shards merge back to the profile', () => {
    const shards = partitionProfile(profile, 3, shardOf);
    expect(shards).toHaveLength(3);
    const merged = shards.reduce((acc, s) => baselineProfileCodec.merge(acc, s), new BaselineProfile());
    expect(merged.toJSON().principals).toEqual(profile.toJSON().principals);
    expect(merged.toJSON().resources).toEqual(profile.toJSON().resources);
    for (const [i, shard] of shards.entries()) {
      for (const key of shard.principals.keys()) expect(shardOf(key, 3)).toBe(i);
    }
  });

  it('encodes and decodes through JSON, naming bad input', () => {
    expect(baselineProfileCodec.decode(baselineProfileCodec.encode(profile)).toJSON()).toEqual(profile.toJSON());
    expect(() => baselineProfileCodec.decode('{')).toThrow(ProfileError);
    expect(() => baselineProfileCodec.decode('{')).toThrow(/profile: not JSON/);
  });

  it.each([
    [0, shardOf, /`count` must be a whole number of at least 1, received 0/],
    [2, () => 5, /must be within 0-1, received 5/],
  ])('rejects count %d or a bad shard function', (count, fn, message) => {
    expect(() => partitionProfile(profile, count, fn)).toThrow(message);
  });
});
