import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { RetryPolicy, withRetries } from '../aws/retry';
import { PermanentInputError } from '../errors';
import { METRIC } from '../observability/metric-names';
import { scrubSecrets } from '../observability/redact';

/** Message attributes a dead-lettered message carries. */
export const DLQ_ATTRIBUTES = {
  reason: 'aad-error-reason',
  errorType: 'aad-error-type',
  sourceQueue: 'aad-source-queue',
  messageId: 'aad-source-message-id',
  receiveCount: 'aad-receive-count',
  failedAt: 'aad-failed-at',
} as const;

/** Sends a message that cannot be processed to the dead-letter queue with the reason attached. */
export class DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    public readonly queueUrl: string,
    private readonly retry: RetryPolicy = {},
  ) {}

  public async send(record: SQSRecord, error: Error, at: Date): Promise<void> {
    const attr = (value: string): { DataType: 'String'; StringValue: string } => ({
      DataType: 'String',
      StringValue: value.slice(0, 1024) || '-',
    });
    await withRetries(
      () =>
        this.sqs.send(
          new SendMessageCommand({
            QueueUrl: this.queueUrl,
            MessageBody: record.body,
            MessageAttributes: {
              [DLQ_ATTRIBUTES.reason]: attr(scrubSecrets(error.message)),
              [DLQ_ATTRIBUTES.errorType]: attr(error.name),
              [DLQ_ATTRIBUTES.sourceQueue]: attr(record.eventSourceARN),
              [DLQ_ATTRIBUTES.messageId]: attr(record.messageId),
              [DLQ_ATTRIBUTES.receiveCount]: attr(record.attributes.ApproximateReceiveCount),
              [DLQ_ATTRIBUTES.failedAt]: attr(at.toISOString()),
            },
          }),
        ),
      this.retry,
    );
  }
}

/** Options of {@link processSqsBatch}. */
export interface SqsBatchOptions {
  readonly dlq: DeadLetterQueue;
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
