import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AuditFindingItem } from './audit-item';
import { BatchWriteResult, batchWriteAll } from './batch-write';
import { AUDIT_RECORD, RECOMMENDATION_OPEN } from './table-design';
import { RetryPolicy, mapWithConcurrency, withRetries } from '../aws/retry';

/** Outcome of writing one finding. */
export type PutFindingOutcome =
  | { readonly status: 'written'; readonly item: AuditFindingItem }
  /** The finding was already there (a replay): nothing was written; `item` is the stored one. */
  | { readonly status: 'duplicate'; readonly item: AuditFindingItem };

/** Publication channels whose completion is marked on the finding item. */
export type PublicationChannel = 'eventbridge' | 'securityhub';

/** A recommendation's reconciliation record (`record_type = RECONCILIATION`, one per recommendation, latest check). */
export interface ReconciliationRecord {
  readonly finding_id: string;
  readonly record_type: typeof AUDIT_RECORD.reconciliation;
  /** `implemented`, `acknowledged`, `pending` (within SLA), `missing` (past SLA), `unverifiable`, `error`. */
  readonly status: ReconciliationStatus;
  readonly action_kind: string;
  readonly action_target: string;
  readonly entity_id: string;
  readonly checked_at: string;
  /** SLA deadline: recorded_at + RECONCILIATION_SLA_HOURS. */
  readonly due_at: string;
  /** What the verifier saw. */
  readonly detail: string;
  readonly expires_at: number;
}

export type ReconciliationStatus = 'implemented' | 'acknowledged' | 'pending' | 'missing' | 'unverifiable' | 'error';

/** An operator's acknowledgement of a recommendation (`record_type = ACK#<time>`). */
export interface AcknowledgementRecord {
  readonly finding_id: string;
  readonly record_type: string;
  readonly acknowledged_by: string;
  readonly acknowledged_at: string;
  readonly note?: string;
}

/** Bounds of a time query (ISO-8601, inclusive). */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/**
 * The audit table (design in `AUDIT_TABLE_DESIGN`). Findings are written with
 * a conditional put on `finding_id`: a replay writes nothing and gets the
 * stored item back, so publication can resume where it stopped.
 */
export class AuditTable {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    public readonly tableName: string,
    private readonly retry: RetryPolicy = {},
  ) {}

  /** Writes one finding unless it exists. */
  public async putFinding(item: AuditFindingItem): Promise<PutFindingOutcome> {
    try {
      await withRetries(
        () =>
          this.doc.send(
            new PutCommand({
              TableName: this.tableName,
              Item: item,
              ConditionExpression: 'attribute_not_exists(finding_id)',
            }),
          ),
        this.retry,
      );
      return { status: 'written', item };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const stored = await this.getFinding(item.finding_id);
      return { status: 'duplicate', item: stored ?? item };
    }
  }

  /** Writes findings (conditional puts, `concurrency` in flight); outcomes in input order. */
  public putFindings(items: readonly AuditFindingItem[], concurrency = 16): Promise<PutFindingOutcome[]> {
    return mapWithConcurrency(items, concurrency, (item) => this.putFinding(item));
  }

  /** The stored finding (strongly consistent read). */
  public async getFinding(findingId: string): Promise<AuditFindingItem | undefined> {
    const out = await withRetries(
      () =>
        this.doc.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { finding_id: findingId, record_type: AUDIT_RECORD.finding },
            ConsistentRead: true,
          }),
        ),
      this.retry,
    );
    return out.Item as AuditFindingItem | undefined;
  }

  /**
   * Records that a finding reached one or more channels (so a replay does not
   * publish it again): one conditional update for all of them.
   */
  public async markPublished(
    findingId: string,
    channels: PublicationChannel | readonly PublicationChannel[],
    at: Date,
  ): Promise<void> {
    const list = typeof channels === 'string' ? [channels] : channels;
    if (list.length === 0) return;
    const names: Record<string, string> = {};
    list.forEach((c, i) => {
      names[`#at${i}`] = c === 'eventbridge' ? 'eventbridge_published_at' : 'securityhub_imported_at';
    });
    await withRetries(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { finding_id: findingId, record_type: AUDIT_RECORD.finding },
            UpdateExpression: `SET ${Object.keys(names)
              .map((n) => `${n} = :at`)
              .join(', ')}`,
            ConditionExpression: 'attribute_exists(finding_id)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        ),
      this.retry,
    );
  }

  /** Findings of one entity, oldest first, optionally within a time range. */
  public queryByEntity(entityId: string, range?: TimeRange): Promise<AuditFindingItem[]> {
    return this.queryAll<AuditFindingItem>({
      IndexName: 'by-entity',
      KeyConditionExpression: range ? 'entity_id = :p AND event_time_id BETWEEN :from AND :to' : 'entity_id = :p',
      ExpressionAttributeValues: { ':p': entityId, ...rangeValues(range) },
    });
  }

  /** Findings whose event time is within `range`, oldest first (one `by-day` query per UTC day). */
  public async queryByTime(range: TimeRange): Promise<AuditFindingItem[]> {
    const out: AuditFindingItem[] = [];
    for (const day of utcDays(range.from, range.to)) {
      const items = await this.queryAll<AuditFindingItem>({
        IndexName: 'by-day',
        KeyConditionExpression: 'event_day = :p AND event_time_id BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': day, ...rangeValues(range) },
      });
      out.push(...items);
    }
    return out;
  }

  /** Findings whose recommendation is still open, oldest first. */
  public openRecommendations(): Promise<AuditFindingItem[]> {
    return this.queryAll<AuditFindingItem>({
      IndexName: 'open-recommendations',
      KeyConditionExpression: 'recommendation_open = :p',
      ExpressionAttributeValues: { ':p': RECOMMENDATION_OPEN },
    });
  }

  /** Acknowledgements recorded for a finding's recommendation. */
  public acknowledgements(findingId: string): Promise<AcknowledgementRecord[]> {
    return this.queryAll<AcknowledgementRecord>({
      KeyConditionExpression: 'finding_id = :p AND begins_with(record_type, :ack)',
      ExpressionAttributeValues: { ':p': findingId, ':ack': AUDIT_RECORD.acknowledgementPrefix },
    });
  }

  /** Records an operator's acknowledgement (idempotent per finding and time). */
  public async putAcknowledgement(findingId: string, by: string, at: Date, note?: string): Promise<void> {
    const record: AcknowledgementRecord = {
      finding_id: findingId,
      record_type: `${AUDIT_RECORD.acknowledgementPrefix}${at.toISOString()}`,
      acknowledged_by: by,
      acknowledged_at: at.toISOString(),
      ...(note ? { note } : {}),
    };
    await withRetries(() => this.doc.send(new PutCommand({ TableName: this.tableName, Item: record })), this.retry);
  }

  /** Writes reconciliation records (BatchWriteItem; unprocessed items retried with backoff and jitter). */
  public writeReconciliations(records: readonly ReconciliationRecord[]): Promise<BatchWriteResult> {
    return batchWriteAll(
      this.doc,
      this.tableName,
      records as unknown as Record<string, unknown>[],
      (item) => String(item.finding_id),
      this.retry,
    );
  }

  /** Takes a recommendation out of the open index and records its final status. */
  public async closeRecommendation(findingId: string, status: ReconciliationStatus): Promise<void> {
    await withRetries(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { finding_id: findingId, record_type: AUDIT_RECORD.finding },
            UpdateExpression: 'REMOVE recommendation_open SET recommendation_status = :s',
            ConditionExpression: 'attribute_exists(finding_id)',
            ExpressionAttributeValues: { ':s': status },
          }),
        ),
      this.retry,
    );
  }

  private async queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await withRetries(
        () => this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey })),
        this.retry,
      );
      items.push(...((page.Items ?? []) as T[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/** Whether an error is DynamoDB's "condition not met". */
export function isConditionalCheckFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException'
  );
}

function rangeValues(range?: TimeRange): Record<string, string> {
  return range ? { ':from': range.from, ':to': `${range.to}#\uffff` } : {};
}

/** UTC days (`YYYY-MM-DD`) from the day of `from` to the day of `to`, inclusive (at most 400). */
export function utcDays(from: string, to: string): string[] {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError(`invalid time range ${from} .. ${to}`);
  const days: string[] = [];
  for (let t = start; t <= end && days.length < 400; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
