import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { PermanentInputError } from '../errors';
import { METRIC } from '../observability/metric-names';

/** Where a message that cannot be processed goes, with the reason (`DeadLetterQueue`, or a lazy one). */
export interface IDeadLetterQueue {
  send(record: SQSRecord, error: Error, at: Date): Promise<void>;
}

/** Options of {@link processSqsBatch}. */
export interface SqsBatchOptions {
  readonly dlq: IDeadLetterQueue;
  /** Receives after which a failing message is dead-lettered (equal to the queue's redrive maxReceiveCount). */
  readonly maxReceiveCount: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now?: () => Date;
}

/**
 * Processes an SQS batch one message at a time and returns the partial
 * batch response: a message that fails never fails the others. A permanent
 * failure (bad input) or a failure on the last allowed receive sends the
 * message to the dead-letter queue with its reason and reports it done; any
 * other failure reports it in `batchItemFailures` so SQS delivers it again.
 */
export async function processSqsBatch(
  event: SQSEvent,
  processMessage: (record: SQSRecord) => Promise<void>,
  options: SqsBatchOptions,
): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
    options.logger.appendKeys({ message_id: record.messageId });
    try {
      await processMessage(record);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const permanent = error instanceof PermanentInputError;
      const exhausted = receiveCount >= options.maxReceiveCount;
      if (permanent || exhausted) {
        try {
          await options.dlq.send(record, error, (options.now ?? (() => new Date()))());
          options.metrics.addMetric(METRIC.DeadLettered, MetricUnit.Count, 1);
          options.logger.error('message moved to the dead-letter queue', {
            reason: error.message,
            error_type: error.name,
            permanent,
            receive_count: receiveCount,
          });
          continue;
        } catch (dlqError) {
          options.logger.error('dead-letter send failed; message left for redelivery', {
            reason: error.message,
            dlq_error: (dlqError as Error).message,
          });
        }
      } else {
        options.logger.warn('message failed; SQS will deliver it again', {
          reason: error.message,
          error_type: error.name,
          receive_count: receiveCount,
        });
      }
      failures.push({ itemIdentifier: record.messageId });
    } finally {
      options.logger.removeKeys(['message_id']);
    }
  }
  return { batchItemFailures: failures };
}
