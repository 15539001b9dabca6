import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import { validateInteger, validateResourceName } from '../validation';

/** Properties of {@link IngestQueue}. */
export interface IngestQueueProps {
  /** Physical name of the queue; the dead-letter queue is `<queueName>-dlq`. */
  readonly queueName: string;
  /** Customer-managed key of both queues. */
  readonly encryptionKey: kms.IKey;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Visibility timeout: at least six times the consumer's timeout.
   * @default Duration.minutes(6)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * What happens to the queues when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The ingest queue of S3 object notifications, with its dead-letter queue and
 * redrive policy; both KMS-encrypted with a customer-managed key and TLS only.
 */
export class IngestQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    validateResourceName('queueName', props.queueName);
    this.maxReceiveCount = props.maxReceiveCount ?? 5;
    validateInteger('maxReceiveCount', this.maxReceiveCount, 1, 1000);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetter', {
      queueName: `${props.queueName}-dlq`,
      encryptionKey: props.encryptionKey,
      sourceQueueNames: [props.queueName],
      removalPolicy: props.removalPolicy,
    }).queue;
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: props.visibilityTimeout ?? Duration.minutes(6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
