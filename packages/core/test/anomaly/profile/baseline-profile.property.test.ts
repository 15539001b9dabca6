import fc from 'fast-check';
import { userEvent } from './profile-fixtures';
import { toEventView } from '../../../src/anomaly/event-view';
import { BaselineProfile, SerializedProfile } from '../../../src/anomaly/profile/baseline-profile';

const eventArb = fc.record({
  user: fc.constantFrom('a', 'b', 'c'),
  minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  name: fc.constantFrom('GetObject', 'PutObject', 'ListBuckets', 'DeleteObject', 'GetBucketAcl'),
  ip: fc.constantFrom('198.51.100.1', '198.51.100.2', '203.0.113.9', '10.0.0.1', '2600:1700:1:2::5'),
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2'),
  error: fc.constantFrom(undefined, 'AccessDenied', 'NoSuchKey'),
});
type EventSpec = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

const options = {
  capacities: { action: 3, ip: 2, network: 2, region: 2, ua: 2, error: 2, resource: 2 },
  maxWindows: 5,
};

function build(specs: EventSpec[]): BaselineProfile {
  const profile = new BaselineProfile(options);
  for (const s of specs) {
    profile.observe(
      toEventView(
        userEvent(s.user, s.minute, {
          eventName: s.name,
          sourceIPAddress: s.ip,
          awsRegion: s.region,
          errorCode: s.error,
        }),
      ),
    );
  }
  return profile;
}

/**
 * Floating-point addition is not associative: decayed weights (fractions)
 * compare to 1e-9 relative; integers (hashes, counts, times) exactly. Rounding
 * both sides instead fails when they straddle a rounding boundary.
 */
function closeNumbers(a: unknown, b: unknown): boolean | undefined {
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
// Jest 29.4+ API, missing from the installed @types/jest.
(expect as unknown as { addEqualityTesters(testers: readonly unknown[]): void }).addEqualityTesters([closeNumbers]);

/** Serialized profile with weights decayed to a fixed time (profiles may use different landmarks). */
function normalized(profile: BaselineProfile): SerializedProfile {
  const factor = profile.decayFactor(Date.UTC(2027, 0, 1));
  const json = profile.toJSON();
  const counter = (c: { t: number; s?: number; e: readonly number[] }) => ({
    ...c,
    t: c.t * factor,
    e: c.e.map((v, i) => (i % 2 === 1 ? v * factor : v)),
  });
  const principals = Object.fromEntries(
    Object.entries(json.principals).map(([k, p]) => [
      k,
      { ...p, w: p.w * factor, f: Object.fromEntries(Object.entries(p.f).map(([n, c]) => [n, counter(c!)])) },
    ]),
  );
  const resources = Object.fromEntries(
    Object.entries(json.resources).map(([k, r]) => [k, { ...r, w: r.w * factor, p: counter(r.p) }]),
  );
  return { ...json, landmark: null, principals, resources };
}

describe('BaselineProfile merge (properties)', () => {
  const shards = fc.array(eventArb, { maxLength: 30 });

  it('is commutative', () => {
    fc.assert(
      fc.property(shards, shards, (a, b) => {
        const ab = BaselineProfile.merge(build(a), build(b));
        const ba = BaselineProfile.merge(build(b), build(a));
        expect(normalized(ab)).toEqual(normalized(ba));
      }),
      { numRuns: 60 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(shards, shards, shards, (a, b, c) => {
        const left = BaselineProfile.merge(BaselineProfile.merge(build(a), build(b)), build(c));
        const right = BaselineProfile.merge(build(a), BaselineProfile.merge(build(b), build(c)));
        expect(normalized(left)).toEqual(normalized(right));
      }),
      { numRuns: 60 },
    );
  });

  it('has the empty profile as identity, and learning in shards then merging equals learning in one go when no sketch overflows', () => {
    fc.assert(
      fc.property(shards, shards, (a, b) => {
        const merged = BaselineProfile.merge(build(a), build(b));
        expect(normalized(BaselineProfile.merge(merged, new BaselineProfile(options)))).toEqual(normalized(merged));
        const wide = {
          capacities: { action: 64, ip: 64, network: 64, region: 64, ua: 64, error: 64, resource: 64 },
          maxWindows: 5000,
        };
        const one = new BaselineProfile(wide);
        const left = new BaselineProfile(wide);
        const right = new BaselineProfile(wide);
        const learn = (p: BaselineProfile, s: EventSpec) =>
          p.observe(
            toEventView(
              userEvent(s.user, s.minute, {
                eventName: s.name,
                sourceIPAddress: s.ip,
                awsRegion: s.region,
                errorCode: s.error,
              }),
            ),
          );
        a.forEach((s) => {
          learn(one, s);
          learn(left, s);
        });
        b.forEach((s) => {
          learn(one, s);
          learn(right, s);
        });
        expect(normalized(BaselineProfile.merge(left, right)).principals).toEqual(normalized(one).principals);
      }),
      { numRuns: 40 },
    );
  });
});
