import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RetryPolicy, backoff, withRetries } from '../aws/retry';
import { PartialBatchError } from '../errors';

/** Items per `BatchWriteItem` call (the API maximum). */
export const BATCH_WRITE_LIMIT = 25;

/** Result of {@link batchWriteAll}. */
export interface BatchWriteResult {
  readonly written: number;
  /** `BatchWriteItem` calls sent, retries of unprocessed items included. */
  readonly calls: number;
  /** Items DynamoDB returned as unprocessed at least once (then retried). */
  readonly retriedItems: number;
}

/**
 * Puts items with `BatchWriteItem` (25 per call). Items DynamoDB returns as
 * `UnprocessedItems` are sent again, alone, after a full-jitter exponential
 * backoff; throttled calls are retried the same way. Overwrites by key: use
 * it for items whose key already makes a replay idempotent (reconciliation
 * records), never for findings (conditional puts, see {@link AuditTable}).
 *
 * @throws PartialBatchError naming the keys still unprocessed after every attempt
 */
export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  keyOf: (item: Record<string, unknown>) => string,
  policy: RetryPolicy = {},
): Promise<BatchWriteResult> {
  const maxAttempts = policy.maxAttempts ?? 8;
  let calls = 0;
  let retriedItems = 0;
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let pending = items.slice(start, start + BATCH_WRITE_LIMIT).map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        throw new PartialBatchError(
          `BatchWriteItem on ${tableName}: ${pending.length} item(s) still unprocessed after ${maxAttempts} attempts`,
          pending.map((r) => ({ id: keyOf(r.PutRequest.Item), code: 'UnprocessedItems' })),
        );
      }
      if (attempt > 1) await backoff(attempt - 2, policy);
      const request = pending;
      calls++;
      const out = await withRetries(
        () => doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: request } })),
        policy,
      );
      const unprocessed = out.UnprocessedItems?.[tableName] ?? [];
      pending = unprocessed
        .filter((r) => r.PutRequest?.Item !== undefined)
        .map((r) => ({ PutRequest: { Item: r.PutRequest!.Item! } }));
      retriedItems += pending.length;
    }
  }
  return { written: items.length, calls, retriedItems };
}
