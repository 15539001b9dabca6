import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { IDeadLetterQueue } from './sqs-batch';
import { RetryPolicy, withRetries } from '../aws/retry';
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
export class DeadLetterQueue implements IDeadLetterQueue {
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
