import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ProfileConflictError, ProfileShardTooLargeError } from '../../src/errors';
import { ProfileCodec, ProfileShardStore, shardOf } from '../../src/profile';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';

type Counts = Record<string, number>;
const COUNTS: ProfileCodec<Counts> = {
  encode: (p) => JSON.stringify(p),
  decode: (t) => JSON.parse(t) as Counts,
  merge: (a, b) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
    return out;
  },
};
const PKG = 'model_package-20261120T000000Z.zip';

describe('ProfileShardStore (dynalite)', () => {
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

  it('creates a shard, then merges deltas with increasing versions', async () => {
    const store = new ProfileShardStore(db.doc, tableName, COUNTS);
    const a = await store.applyDelta(PKG, 0, { GetObject: 2 });
    const b = await store.applyDelta(PKG, 0, { GetObject: 1, PutObject: 1 });
    expect([a.version, b.version]).toEqual([1, 2]);
    expect(await store.loadMerged(PKG, 4)).toEqual({ GetObject: 3, PutObject: 1 });
  });

  it('loses no update when 24 writers in two containers update one shard concurrently', async () => {
    // Prepare: two stores stand for two Lambda containers sharing the table.
    const stores = [
      new ProfileShardStore(db.doc, tableName, COUNTS, { maxAttempts: 60 }),
      new ProfileShardStore(db.doc, tableName, COUNTS, { maxAttempts: 60 }),
    ];
    // Act
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => stores[i % 2].applyDelta(PKG, 1, { events: 1, [`w${i}`]: 1 })),
    );
    // Assess
    const merged = await stores[0].loadMerged(PKG, 2);
    expect(merged?.events).toBe(24);
    expect(Object.keys(merged ?? {})).toHaveLength(25);
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    expect(Math.max(...results.map((r) => r.version))).toBe(24);
    // Contention retries back off with jitter: allow for a loaded machine.
  }, 30_000);

  it('merges every shard of a package and ignores other packages', async () => {
    const store = new ProfileShardStore(db.doc, tableName, COUNTS);
    await store.applyDelta(PKG, 0, { a: 1 });
    await store.applyDelta(PKG, 3, { a: 2, b: 1 });
    await store.applyDelta('model_package-other.zip', 0, { a: 100 });
    expect(await store.loadMerged(PKG, 4)).toEqual({ a: 3, b: 1 });
    expect(await store.loadMerged('model_package-none.zip', 4)).toBeUndefined();
  });

  it('stores a TTL in epoch seconds and the shard gzipped', async () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const store = new ProfileShardStore(db.doc, tableName, COUNTS, { ttlDays: 30, now: () => now });
    await store.applyDelta(PKG, 2, { x: 1 });
    const item = (await db.doc.send(new GetCommand({ TableName: tableName, Key: { shard_id: `${PKG}#2` } }))).Item;
    expect(item?.expires_at).toBe(now.getTime() / 1000 + 30 * 86_400);
    expect(Buffer.from(item?.profile as Uint8Array).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('refuses a shard above the item size limit and names the remedy', async () => {
    const store = new ProfileShardStore(db.doc, tableName, COUNTS, { maxItemBytes: 2_000 });
    const big: Counts = {};
    for (let i = 0; i < 200; i++) big[randomBytes(16).toString('hex')] = i;
    await expect(store.applyDelta(PKG, 0, big)).rejects.toThrow(ProfileShardTooLargeError);
    await expect(store.applyDelta(PKG, 0, big)).rejects.toThrow(/raise PROFILE_SHARD_COUNT/);
  });

  it('gives up with ProfileConflictError when writers keep winning', async () => {
    // Prepare: a codec whose merge lets a rival write first every time.
    const rival = new ProfileShardStore(db.doc, tableName, COUNTS);
    await rival.applyDelta(PKG, 0, { n: 1 });
    let rivalWrites = 0;
    const racing: ProfileCodec<Counts> = {
      ...COUNTS,
      merge: (a, b) => {
        rivalWrites++;
        return COUNTS.merge(a, b);
      },
    };
    const store = new ProfileShardStore(db.doc, tableName, racing, { maxAttempts: 3 });
    const original = store.get.bind(store);
    store.get = async (id: string) => {
      const shard = await original(id);
      await rival.applyDelta(PKG, 0, { n: 1 });
      return shard;
    };
    // Act / Assess
    await expect(store.applyDelta(PKG, 0, { n: 1 })).rejects.toThrow(ProfileConflictError);
    expect(rivalWrites).toBe(3);
  });
});

describe('shardOf', () => {
  it('is stable and within range', () => {
    expect(shardOf('arn:aws:iam::111111111111:user/alice', 8)).toBe(shardOf('arn:aws:iam::111111111111:user/alice', 8));
    for (let i = 0; i < 100; i++) expect(shardOf(`k${i}`, 5)).toBeLessThan(5);
  });
});
