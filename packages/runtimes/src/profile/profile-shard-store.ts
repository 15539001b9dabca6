import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailure } from '../audit/audit-table';
import { RetryPolicy, backoff, withRetries } from '../aws/retry';
import { ProfileConflictError, ProfileShardCorruptError, ProfileShardTooLargeError } from '../errors';

/** How a profile (or a delta of one) is stored and combined. */
export interface ProfileCodec<P> {
  /** JSON text of a profile. */
  encode(profile: P): string;
  decode(text: string): P;
  /**
   * Merge of two profiles (associative: shards fold in any order). May
   * return `a` changed in place: the store only passes as `a` a profile it
   * decoded itself. `b` must be left unchanged (a delta is re-merged when a
   * conditional write loses a race).
   */
  merge(a: P, b: P): P;
  /**
   * Makes a profile smaller in place, to about `factor` (0-1) of its entries,
   * dropping the least recently seen ones; returns how many were dropped.
   * @default - none: a shard above the item limit is refused with `ProfileShardTooLargeError`
   */
  shrink?(profile: P, factor: number): number;
}

/** Options of {@link ProfileShardStore}. */
export interface ProfileShardStoreOptions {
  /**
   * Largest stored item in bytes (DynamoDB allows 400 KB; the default keeps a margin for attribute names).
   * @default 390000
   */
  readonly maxItemBytes?: number;
  /**
   * Read-merge-write attempts before giving up on a contended shard.
   * @default 12
   */
  readonly maxAttempts?: number;
  /**
   * Days a shard lives after its last update (shards of a retired model package expire).
   * @default 90
   */
  readonly ttlDays?: number;
  readonly retry?: RetryPolicy;
  readonly now?: () => Date;
}

/** A stored shard. */
export interface ProfileShard<P> {
  readonly shardId: string;
  readonly version: number;
  readonly profile: P;
}

/** Result of {@link ProfileShardStore.applyDelta}. */
export interface ApplyDeltaResult {
  readonly shardId: string;
  readonly version: number;
  /** Writes that lost the race to a concurrent writer and were redone on fresh data. */
  readonly conflicts: number;
  readonly storedBytes: number;
  /** Entries dropped (least recently seen first) to keep the shard under the item limit. */
  readonly evicted: number;
}

/** Shard (0..count-1) of an entity key: a stable hash, the same in every container. */
export function shardOf(key: string, count: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % count;
}

/** `<package file name>#<index>`: a new model package starts from fresh shards. */
export function shardId(packageName: string, index: number): string {
  return `${packageName}#${index}`;
}

interface StoredShard {
  readonly shard_id: string;
  readonly version: number;
  readonly profile: Uint8Array;
}

/**
 * Baseline profile shards in DynamoDB (design `PROFILE_TABLE_DESIGN`).
 * Updates are optimistic: read the shard and its `version`, merge the delta,
 * put with `version = :read` (or `attribute_not_exists` for a new shard);
 * when another writer won, read again and redo the merge. No update is lost
 * and none is applied twice within one call.
 */
export class ProfileShardStore<P> {
  private readonly maxItemBytes: number;
  private readonly maxAttempts: number;
  private readonly ttlDays: number;
  private readonly now: () => Date;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    public readonly tableName: string,
    private readonly codec: ProfileCodec<P>,
    private readonly options: ProfileShardStoreOptions = {},
  ) {
    this.maxItemBytes = options.maxItemBytes ?? 390_000;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.ttlDays = options.ttlDays ?? 90;
    this.now = options.now ?? (() => new Date());
  }

  /** Every existing shard of a package (BatchGetItem; unprocessed keys retried). */
  public async load(packageName: string, shardCount: number): Promise<ProfileShard<P>[]> {
    const shards: ProfileShard<P>[] = [];
    const ids = Array.from({ length: shardCount }, (_, i) => shardId(packageName, i));
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Record<string, unknown>[] = ids.slice(start, start + 100).map((id) => ({ shard_id: id }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > 0) await backoff(attempt - 1, this.options.retry);
        const request = keys;
        const out = await withRetries(
          () =>
            this.doc.send(
              new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: request, ConsistentRead: true } } }),
            ),
          this.options.retry,
        );
        for (const item of (out.Responses?.[this.tableName] ?? []) as unknown as StoredShard[]) {
          shards.push(this.decode(item));
        }
        keys = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (attempt + 1 >= this.maxAttempts && keys.length > 0) {
          throw new ProfileConflictError(`BatchGetItem on ${this.tableName}: ${keys.length} key(s) still unprocessed`);
        }
      }
    }
    return shards.sort((a, b) => a.shardId.localeCompare(b.shardId));
  }

  /** The profile of all shards of a package merged (`undefined` when none exists yet). */
  public async loadMerged(packageName: string, shardCount: number): Promise<P | undefined> {
    const shards = await this.load(packageName, shardCount);
    return shards.reduce<P | undefined>(
      (acc, s) => (acc === undefined ? s.profile : this.codec.merge(acc, s.profile)),
      undefined,
    );
  }

  /** Merges `delta` into shard `index` of `packageName` with a versioned conditional put. */
  public async applyDelta(packageName: string, index: number, delta: P): Promise<ApplyDeltaResult> {
    const id = shardId(packageName, index);
    let conflicts = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const current = await this.get(id);
      const next = current ? this.codec.merge(current.profile, delta) : delta;
      const { bytes, storedBytes, evicted } = this.fit(id, next, current !== undefined);
      const version = (current?.version ?? 0) + 1;
      const now = this.now();
      try {
        await withRetries(
          () =>
            this.doc.send(
              new PutCommand({
                TableName: this.tableName,
                Item: {
                  shard_id: id,
                  version,
                  profile: bytes,
                  bytes: bytes.length,
                  updated_at: now.toISOString(),
                  expires_at: Math.floor(now.getTime() / 1000) + this.ttlDays * 86_400,
                },
                ...(current
                  ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } }
                  : { ConditionExpression: 'attribute_not_exists(shard_id)' }),
              }),
            ),
          this.options.retry,
        );
        return { shardId: id, version, conflicts, storedBytes, evicted };
      } catch (error) {
        if (!isConditionalCheckFailure(error)) throw error;
        conflicts++;
        await backoff(attempt - 1, { baseDelayMs: 10, maxDelayMs: 200, ...this.options.retry });
      }
    }
    throw new ProfileConflictError(
      `profile shard ${id}: ${conflicts} concurrent writers won in a row; the delta was not applied`,
    );
  }

  /**
   * The gzipped encoding of a shard, under the item limit: when it is too
   * large, the codec's `shrink` drops the least recently seen entries
   * (at most 6 rounds); without `shrink`, or when nothing more can go, the
   * shard is refused. A profile the store does not own (`owned` false: the
   * caller's delta) is copied before it is shrunk.
   */
  private fit(id: string, next: P, owned: boolean): { bytes: Buffer; storedBytes: number; evicted: number } {
    let evicted = 0;
    let profile = next;
    for (let round = 0; ; round++) {
      const text = this.codec.encode(profile);
      const bytes = gzipSync(Buffer.from(text, 'utf8'));
      const storedBytes = bytes.length + id.length * 2 + 120;
      if (storedBytes <= this.maxItemBytes) return { bytes, storedBytes, evicted };
      if (round === 0 && !owned && this.codec.shrink) profile = this.codec.decode(text);
      const dropped =
        this.codec.shrink && round < 6 ? this.codec.shrink(profile, (0.9 * this.maxItemBytes) / storedBytes) : 0;
      if (dropped === 0) {
        throw new ProfileShardTooLargeError(
          `profile shard ${id} would be ${storedBytes} bytes, above the ${this.maxItemBytes}-byte item limit; ` +
            'raise PROFILE_SHARD_COUNT',
        );
      }
      evicted += dropped;
    }
  }

  private async get(id: string): Promise<ProfileShard<P> | undefined> {
    const out = await withRetries(
      () => this.doc.send(new GetCommand({ TableName: this.tableName, Key: { shard_id: id }, ConsistentRead: true })),
      this.options.retry,
    );
    return out.Item ? this.decode(out.Item as unknown as StoredShard) : undefined;
  }

  private decode(item: StoredShard): ProfileShard<P> {
    let profile: P;
    try {
      profile = this.codec.decode(gunzipSync(item.profile).toString('utf8'));
    } catch (error) {
      throw new ProfileShardCorruptError(`profile shard ${item.shard_id}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return { shardId: item.shard_id, version: item.version, profile };
  }
}
