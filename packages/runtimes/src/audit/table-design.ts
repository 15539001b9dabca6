import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** A key attribute of a table or index. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A global secondary index (projection ALL). */
export interface IndexDesign {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** What the index answers. */
  readonly purpose: string;
}

/**
 * A DynamoDB table design the handlers rely on. `@aad/constructs` creates the
 * tables from these objects (billing on demand, point-in-time recovery, KMS);
 * the tests create the very same tables on the local server.
 */
export interface TableDesign {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Epoch-seconds attribute DynamoDB TTL deletes items by. */
  readonly timeToLiveAttribute: string;
  readonly globalSecondaryIndexes: readonly IndexDesign[];
}

/** `record_type` of the items of the audit table. */
export const AUDIT_RECORD = {
  finding: 'FINDING',
  reconciliation: 'RECONCILIATION',
  /** Acknowledgements sort after it: `ACK#<ISO time>`. */
  acknowledgementPrefix: 'ACK#',
} as const;

/** Value of `recommendation_open` while a recommendation waits to be implemented (sparse index key). */
export const RECOMMENDATION_OPEN = 'OPEN';

/**
 * Audit table: one item per finding (`record_type = FINDING`), plus the
 * reconciliation record and acknowledgements of a recommendation under the
 * same `finding_id`. Only finding items carry the index keys, so the indexes
 * hold findings only; `open-recommendations` is sparse (open ones only).
 */
export const AUDIT_TABLE_DESIGN: TableDesign = {
  partitionKey: { name: 'finding_id', type: 'S' },
  sortKey: { name: 'record_type', type: 'S' },
  timeToLiveAttribute: 'expires_at',
  globalSecondaryIndexes: [
    {
      indexName: 'by-entity',
      partitionKey: { name: 'entity_id', type: 'S' },
      sortKey: { name: 'event_time_id', type: 'S' },
      purpose: 'Findings of one entity, by event time (`event_time_id` = `<ISO event time>#<finding_id>`)',
    },
    {
      indexName: 'by-day',
      partitionKey: { name: 'event_day', type: 'S' },
      sortKey: { name: 'event_time_id', type: 'S' },
      purpose: 'Findings by event time: one partition per UTC day (`YYYY-MM-DD`), sorted by time',
    },
    {
      indexName: 'open-recommendations',
      partitionKey: { name: 'recommendation_open', type: 'S' },
      sortKey: { name: 'recorded_at', type: 'S' },
      purpose: 'Recommendations not yet implemented or acknowledged (sparse; read by the reconciler)',
    },
  ],
};

/**
 * Profile table: one item per baseline profile shard, `shard_id` =
 * `<model package file name>#<shard index>`, with an optimistic-concurrency
 * `version` and the shard as gzipped JSON (`profile`, binary).
 */
export const PROFILE_TABLE_DESIGN: TableDesign = {
  partitionKey: { name: 'shard_id', type: 'S' },
  timeToLiveAttribute: 'expires_at',
  globalSecondaryIndexes: [],
};

/** A `CreateTable` request for a design (on-demand billing): used by tests and local tooling. */
export function createTableInput(design: TableDesign, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  const add = (k?: KeyAttribute): void => {
    if (k) attributes.set(k.name, k);
  };
  add(design.partitionKey);
  add(design.sortKey);
  for (const index of design.globalSecondaryIndexes) {
    add(index.partitionKey);
    add(index.sortKey);
  }
  const keySchema = (pk: KeyAttribute, sk?: KeyAttribute): { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[] => [
    { AttributeName: pk.name, KeyType: 'HASH' },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(design.partitionKey, design.sortKey),
    ...(design.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((i) => ({
            IndexName: i.indexName,
            KeySchema: keySchema(i.partitionKey, i.sortKey),
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
  };
}
