import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { BucketLifecycleOptions, SecureBucket } from './secure-bucket';
import { DetectorKeys } from '../keys/detector-keys';

/** Properties of {@link RawLogBucket}. */
export interface RawLogBucketProps {
  /** Physical name of the raw log bucket (`buckets.rawLogs`). */
  readonly bucketName: string;
  /** Customer-managed key of the raw logs. */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving the server access logs (a separate bucket). */
  readonly accessLogs: AccessLogBucket;
  /** Lifecycle in days (`retention.*`): infrequent access → Glacier → expiry. */
  readonly lifecycle: BucketLifecycleOptions;
  /**
   * Object Lock retention, in days, for immutable raw logs (`objectLock`).
   * @default - no Object Lock
   */
  readonly objectLockDays?: number;
  /**
   * Object Lock mode when `objectLockDays` is set.
   * @default 'GOVERNANCE'
   */
  readonly objectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /**
   * Queue notified of every new object (`s3:ObjectCreated:*`), without a
   * custom resource: the queue policy names the bucket by its ARN.
   * @default - no notification
   */
  readonly notificationQueue?: sqs.IQueue;
  /**
   * Key prefix that triggers notifications.
   * @default - every object
   */
  readonly notificationPrefix?: string;
  /**
   * What happens to the bucket when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The raw security log bucket: a {@link SecureBucket} whose lifecycle comes
 * from configuration, with optional Object Lock and an S3 → SQS notification
 * that feeds the ingest queue.
 *
 * @example
 * new RawLogBucket(stack, 'RawLogs', {
 *   bucketName: config.buckets.rawLogs,
 *   encryptionKey: keys.logs,
 *   accessLogs,
 *   lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expirationDays: 365 },
 *   notificationQueue: ingest.queue,
 * });
 */
export class RawLogBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: RawLogBucketProps) {
    super(scope, id);
    const secure = new SecureBucket(this, 'Secure', {
      bucketName: props.bucketName,
      encryptionKey: props.encryptionKey,
      accessLogs: props.accessLogs,
      lifecycle: props.lifecycle,
      objectLock:
        props.objectLockDays !== undefined
          ? { retentionDays: props.objectLockDays, mode: props.objectLockMode }
          : undefined,
      removalPolicy: props.removalPolicy,
    });
    this.bucket = secure.bucket;
    if (props.notificationQueue) this.notify(props.bucketName, props.notificationQueue, props.notificationPrefix);
  }

  private notify(bucketName: string, queue: sqs.IQueue, prefix?: string): void {
    const bucketArn = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
    const conditions = {
      ArnLike: { 'aws:SourceArn': bucketArn },
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    };
    const added = queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowRawLogBucketNotifications',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions,
      }),
    );
    if (queue.encryptionMasterKey) {
      DetectorKeys.allowService(
        queue.encryptionMasterKey,
        'AllowS3NotificationsToIngestQueue',
        's3.amazonaws.com',
        conditions,
      );
    }
    const cfn = this.bucket.node.defaultChild as s3.CfnBucket;
    cfn.notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
      queueConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          queue: queue.queueArn,
          filter: prefix ? { s3Key: { rules: [{ name: 'prefix', value: prefix }] } } : undefined,
        },
      ],
    };
    // S3 validates the destination when the bucket is created: the queue policy must exist first.
    if (added.policyDependable) this.bucket.node.addDependency(added.policyDependable);
  }
}
