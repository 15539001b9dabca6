import { userEvent } from './profile-fixtures';
import { toEventView } from '../../../src/anomaly/event-view';
import { hash53 } from '../../../src/anomaly/hash';
import { BaselineProfile } from '../../../src/anomaly/profile/baseline-profile';
import { ProfileError } from '../../../src/errors';

const learn = (profile: BaselineProfile, events: ReturnType<typeof userEvent>[]) => {
  for (const e of events) profile.observe(toEventView(e));
  return profile;
};

describe('BaselineProfile', () => {
  it('learns features, windows and resources per principal', () => {
    // Prepare / Act
    const profile = learn(new BaselineProfile(), [
      userEvent('alice', 0),
      userEvent('alice', 5),
      userEvent('alice', 70),
    ]);
    // Assess
    const p = profile.principal('arn:aws:iam::111122223333:user/alice')!;
    expect(p.features[0]!.get(hash53('s3:GetObject'))).toBeGreaterThan(0);
    expect(p.windows).toEqual([
      Math.floor(Date.UTC(2026, 10, 2, 9) / 3_600_000),
      2,
      0,
      Math.floor(Date.UTC(2026, 10, 2, 10) / 3_600_000),
      1,
      0,
    ]);
    expect(profile.resources.get('s3:example-reports')?.principals.size).toBe(1);
    expect(profile.stats()).toEqual(expect.objectContaining({ principals: 1, resources: 1, windows: 2 }));
  });

  it('decays: an event one half-life older counts half', () => {
    const profile = new BaselineProfile({ halfLifeDays: 14 });
    profile.observe(toEventView(userEvent('a', 0)));
    const w0 = profile.principal('arn:aws:iam::111122223333:user/a')!.weight;
    profile.observe(toEventView(userEvent('a', 14 * 24 * 60)));
    const w1 = profile.principal('arn:aws:iam::111122223333:user/a')!.weight - w0;
    expect(w1 / w0).toBeCloseTo(2, 10);
    const now = Date.UTC(2026, 10, 2, 9) + 14 * 86_400_000;
    expect(profile.principal('arn:aws:iam::111122223333:user/a')!.weight * profile.decayFactor(now)).toBeCloseTo(
      1.5,
      6,
    );
  });

  it('re-landmarks far in the future without changing decayed counts', () => {
    const profile = new BaselineProfile({ halfLifeDays: 1 });
    profile.observe(toEventView(userEvent('a', 0)));
    const later = 200 * 24 * 60;
    profile.observe(toEventView(userEvent('a', later)));
    const now = Date.UTC(2026, 10, 2, 9) + later * 60_000;
    const decayed = profile.principal('arn:aws:iam::111122223333:user/a')!.weight * profile.decayFactor(now);
    expect(decayed).toBeCloseTo(1, 6);
    expect(Number.isFinite(profile.principal('arn:aws:iam::111122223333:user/a')!.weight)).toBe(true);
  });

  it('keeps at most maxWindows recent windows, inserting late windows in order', () => {
    const profile = new BaselineProfile({ maxWindows: 3 });
    for (const minute of [0, 60, 120, 30, 180, 240]) profile.observe(toEventView(userEvent('a', minute)));
    const win = profile.principal('arn:aws:iam::111122223333:user/a')!.windows;
    expect(win.length).toBe(9);
    expect(win[0]).toBe(Math.floor(Date.UTC(2026, 10, 2, 11) / 3_600_000));
  });

  it('round-trips through JSON and reports what is wrong with a bad file', () => {
    const profile = learn(new BaselineProfile(), [userEvent('a', 0), userEvent('b', 1)]);
    const back = BaselineProfile.fromJSON(JSON.parse(JSON.stringify(profile)));
    expect(back.toJSON()).toEqual(profile.toJSON());
    expect(() => BaselineProfile.fromJSON({ format: 'x' })).toThrow(ProfileError);
    expect(() => BaselineProfile.fromJSON({ ...profile.toJSON(), version: 9 })).toThrow(/version/);
    expect(() => BaselineProfile.fromJSON({ ...profile.toJSON(), principals: { p: { w: 1 } } })).toThrow(/principal p/);
    expect(() => BaselineProfile.fromJSON('nope')).toThrow(/not a JSON object/);
  });

  it('refuses to merge profiles with different settings', () => {
    expect(() =>
      new BaselineProfile({ windowMinutes: 60 }).mergeFrom(new BaselineProfile({ windowMinutes: 15 })),
    ).toThrow(/windowMinutes/);
  });

  it.each([
    [{ halfLifeDays: 0 }, /halfLifeDays/],
    [{ windowMinutes: 1.5 }, /windowMinutes/],
    [{ maxWindows: 2 }, /maxWindows/],
  ])('rejects %j', (options, message) => {
    expect(() => new BaselineProfile(options)).toThrow(message);
  });

  it('slices per-principal shards whose merge gives back the principals', () => {
    const profile = learn(new BaselineProfile(), [userEvent('a', 0), userEvent('b', 1), userEvent('c', 2)]);
    const keys = [...profile.principals.keys()];
    const shards = keys.map((k) => profile.slice([k]));
    const merged = shards.reduce((acc, s) => acc.mergeFrom(s), new BaselineProfile());
    expect(merged.toJSON().principals).toEqual(profile.toJSON().principals);
    expect(shards[0].principals.size).toBe(1);
  });

  it('prunes by last seen and by count, least recent first', () => {
    const profile = learn(new BaselineProfile(), [userEvent('a', 0), userEvent('b', 10), userEvent('c', 20)]);
    expect(profile.prune({ maxPrincipals: 2 })).toBe(1);
    expect(profile.principal('arn:aws:iam::111122223333:user/a')).toBeUndefined();
    expect(profile.prune({ before: Date.UTC(2026, 10, 2, 9, 15) })).toBe(1);
    expect([...profile.principals.keys()]).toEqual(['arn:aws:iam::111122223333:user/c']);
  });

  it('documents a per-principal serialized size bound that real principals stay under', () => {
    const profile = new BaselineProfile();
    for (let i = 0; i < 2000; i++) {
      profile.observe(
        toEventView(
          userEvent('busy', i * 7, {
            eventName: `Call${i % 300}`,
            sourceIPAddress: `198.51.${i % 200}.${i % 250}`,
            awsRegion: `region-${i % 40}`,
            userAgent: `tool${i % 50}/1.0`,
            errorCode: i % 3 === 0 ? `Error${i % 30}` : undefined,
            requestParameters: { bucketName: `bucket-${i % 100}` },
          }),
        ),
      );
    }
    const json = JSON.stringify(profile.toJSON().principals['arn:aws:iam::111122223333:user/busy']);
    expect(json.length).toBeLessThan(profile.maxSerializedPrincipalBytes());
    expect(profile.maxSerializedPrincipalBytes()).toBeLessThan(20_000);
  });
});
