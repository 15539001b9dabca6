import { BaselineProfile, findingId, toEventView } from '@aad/core';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CoreEnrichmentEngine, ShardWriter, createEngineFactory } from '../../src/enrichment';
import { ModelIntegrityError } from '../../src/errors';
import { verifyModelPackage } from '../../src/model';
import { BASELINE_PROFILE_CODEC, ProfileShardStore, shardOf } from '../../src/profile';
import { ctEvent } from '../_helpers/cloudtrail';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { modelPackageZip } from '../_helpers/s3';

const NAME = 'model_package-20261120T000000Z.zip';
const OPTIONS = { windowMinutes: 60, minScore: 40 };

/** A baseline of `users` IAM users reading one bucket from 192.0.2.10 over two days. */
function baselineOf(users: readonly string[], windowMinutes = 60): BaselineProfile {
  const profile = new BaselineProfile({ windowMinutes });
  for (let h = 0; h < 48; h++) {
    for (const user of users) {
      profile.observe(
        toEventView(
          ctEvent(h, {
            eventTime: new Date(Date.parse('2026-11-18T00:00:00Z') + h * 3_600_000).toISOString(),
            userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111111111111:user/${user}`, accountId: '111111111111' },
          }),
        ),
      );
    }
  }
  return profile;
}

const pkgWith = (baseline: unknown): ReturnType<typeof verifyModelPackage> =>
  verifyModelPackage(
    NAME,
    modelPackageZip({
      files: { 'ner-model.json': '{"version":1}', 'baseline-profile.json': JSON.stringify(baseline) },
    }),
  );

/** A shard writer that records what it is given. */
function recordingWriter(shardCount = 4): ShardWriter<BaselineProfile> & { applied: [number, BaselineProfile][] } {
  const applied: [number, BaselineProfile][] = [];
  return { shardCount, applied, apply: async (shard, delta) => void applied.push([shard, delta]) };
}

describe('createEngineFactory', () => {
  it('scores with the package baseline: a known habit is quiet, StopLogging from a new network alerts', async () => {
    // Prepare
    const engine = createEngineFactory(OPTIONS)(pkgWith(baselineOf(['alice']).toJSON()), undefined, recordingWriter());
    const habit = ctEvent(1, { eventTime: '2026-11-20T10:01:00Z' });
    const attack = ctEvent(2, {
      eventTime: '2026-11-20T10:02:00Z',
      eventName: 'StopLogging',
      eventSource: 'cloudtrail.amazonaws.com',
      sourceIPAddress: '203.0.113.50',
      requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org' },
    });
    // Act
    const outcome = await engine.score([habit, attack], ['evt-1', 'evt-2']);
    // Assess
    expect(engine.modelPackage).toBe(NAME);
    expect(outcome.findings.map((f) => f.log_id)).toEqual(['evt-2']);
    expect(outcome.findings[0].risk_score).toBeGreaterThanOrEqual(70);
    expect(outcome.findings[0].finding_id).toBe(findingId('evt-2', 'arn:aws:iam::111111111111:user/alice'));
    expect(outcome.profileDelta).toBeInstanceOf(BaselineProfile);
    expect([...(outcome.profileDelta as BaselineProfile).principals.keys()]).toEqual([
      'arn:aws:iam::111111111111:user/alice',
    ]);
  });

  it('gives the same finding ids when the same records are scored again', async () => {
    const engine = createEngineFactory(OPTIONS)(pkgWith(baselineOf(['alice']).toJSON()), undefined, recordingWriter());
    const records = [ctEvent(3, { eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com' })];
    const first = await engine.score(records, ['evt-3']);
    const second = await engine.score(records, ['evt-3']);
    expect(second.findings.map((f) => f.finding_id)).toEqual(first.findings.map((f) => f.finding_id));
  });

  it('names a record without eventID by the log id the reader gave it', async () => {
    const engine = createEngineFactory(OPTIONS)(pkgWith(new BaselineProfile().toJSON()), undefined, recordingWriter());
    const record: Record<string, unknown> = ctEvent(4, {
      eventName: 'StopLogging',
      eventSource: 'cloudtrail.amazonaws.com',
    });
    delete record.eventID;
    const outcome = await engine.score([record], ['sha256:abc']);
    expect(outcome.findings.map((f) => f.log_id)).toEqual(['sha256:abc']);
  });

  it('merges the learned shards into the package baseline', () => {
    const learned = baselineOf(['bob']);
    const engine = createEngineFactory(OPTIONS)(
      pkgWith(baselineOf(['alice']).toJSON()),
      learned,
      recordingWriter(),
    ) as CoreEnrichmentEngine;
    expect([...engine.baseline.principals.keys()].sort()).toEqual([
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:iam::111111111111:user/bob',
    ]);
  });

  it.each([
    [{ format: 'something-else' }, /baseline-profile.json is not a baseline profile \(profile: `format` must be/],
    [baselineOf(['alice'], 30).toJSON(), /learned with 30-minute windows, DETECTION_WINDOW_MINUTES is 60/],
  ])('refuses a package baseline it cannot score with (%#)', (baseline, message) => {
    const build = (): unknown => createEngineFactory(OPTIONS)(pkgWith(baseline), undefined, recordingWriter());
    expect(build).toThrow(ModelIntegrityError);
    expect(build).toThrow(message);
  });

  it('refuses learned shards that do not match the package baseline', () => {
    const build = (): unknown =>
      createEngineFactory(OPTIONS)(
        pkgWith(baselineOf(['alice']).toJSON()),
        new BaselineProfile({ maxWindows: 24 }),
        recordingWriter(),
      );
    expect(build).toThrow(/learned profile shards do not match the package baseline/);
  });

  it('splits a delta by principal hash and writes only the shards it touches', async () => {
    // Prepare
    const writer = recordingWriter(4);
    const engine = createEngineFactory(OPTIONS)(pkgWith(new BaselineProfile().toJSON()), undefined, writer);
    const delta = baselineOf(['alice', 'bob', 'carol', 'dave', 'erin']);
    // Act
    await engine.learn!(delta);
    await engine.learn!('not a profile');
    // Assess
    const principals = writer.applied.flatMap(([shard, p]) => [...p.principals.keys()].map((k) => [k, shard]));
    expect(principals).toHaveLength(5);
    for (const [key, shard] of principals) expect(shard).toBe(shardOf(String(key), 4));
    expect(writer.applied.every(([, p]) => p.principals.size + p.resources.size > 0)).toBe(true);
  });

  it('returns no delta when nothing was learned', async () => {
    const engine = createEngineFactory(OPTIONS)(pkgWith(new BaselineProfile().toJSON()), undefined, recordingWriter());
    expect((await engine.score([], [])).profileDelta).toBeUndefined();
  });
});

describe('baseline profile shards (dynalite)', () => {
  let db: LocalDynamoDb;
  let tableName: string;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    tableName = (await db.createTables()).profile;
  });

  it('loses no update when two containers learn into the same shards at once', async () => {
    // Prepare: two stores (containers), each learning its own user's delta five times.
    const stores = [0, 1].map(
      () => new ProfileShardStore(db.doc, tableName, BASELINE_PROFILE_CODEC, { maxAttempts: 40 }),
    );
    const deltas = Array.from({ length: 10 }, (_, i) => baselineOf([`user-${i % 2}`]));
    // Act
    await Promise.all(deltas.map((d, i) => stores[i % 2].applyDelta(NAME, 0, d)));
    // Assess: each principal was learned 5 times (48 events each).
    const merged = (await stores[0].loadMerged(NAME, 1))!;
    const single = baselineOf(['user-0']).principal('arn:aws:iam::111111111111:user/user-0')!;
    for (const user of ['user-0', 'user-1']) {
      expect(merged.principal(`arn:aws:iam::111111111111:user/${user}`)!.weight).toBeCloseTo(single.weight * 5, 6);
    }
  }, 30_000);

  it('evicts the least recently seen principals instead of exceeding the item limit', async () => {
    // Prepare: 40 principals last seen at different times; a limit that fits about half.
    const profile = new BaselineProfile();
    for (let i = 0; i < 40; i++) {
      profile.observe(
        toEventView(
          ctEvent(i, {
            eventTime: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 3_600_000).toISOString(),
            userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111111111111:user/u${i}`, accountId: '111111111111' },
            sourceIPAddress: `198.51.100.${i}`,
          }),
        ),
      );
    }
    const full = (
      await new ProfileShardStore(db.doc, tableName, BASELINE_PROFILE_CODEC).applyDelta('full.zip', 0, profile)
    ).storedBytes;
    const store = new ProfileShardStore(db.doc, tableName, BASELINE_PROFILE_CODEC, {
      maxItemBytes: Math.round(full / 2),
    });
    // Act
    const result = await store.applyDelta(NAME, 0, profile);
    // Assess
    expect(result.evicted).toBeGreaterThan(0);
    expect(result.storedBytes).toBeLessThanOrEqual(Math.round(full / 2));
    const kept = (await store.loadMerged(NAME, 1))!;
    expect(kept.principal('arn:aws:iam::111111111111:user/u39')).toBeDefined();
    expect(kept.principal('arn:aws:iam::111111111111:user/u0')).toBeUndefined();
    expect(profile.principals.size).toBe(40);
    const item = await db.doc.send(new GetCommand({ TableName: tableName, Key: { shard_id: `${NAME}#0` } }));
    expect(item.Item?.version).toBe(1);
  });

  it('names the shard that cannot be decoded', async () => {
    await new ProfileShardStore(db.doc, tableName, {
      ...BASELINE_PROFILE_CODEC,
      encode: () => '{"format":"nope"}',
    }).applyDelta(NAME, 0, new BaselineProfile());
    await expect(new ProfileShardStore(db.doc, tableName, BASELINE_PROFILE_CODEC).loadMerged(NAME, 1)).rejects.toThrow(
      `profile shard ${NAME}#0: profile: \`format\` must be 'aad-baseline-profile'`,
    );
  });
});
