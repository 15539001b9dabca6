import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge, sameRuleIn } from '../policy/acknowledgements';
import { validateBucketName, validateInteger } from '../validation';

/** Properties of {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /** Physical bucket name (from configuration, never derived from a display name). */
  readonly bucketName: string;
  /**
   * Days server access logs are kept.
   * @default 365
   */
  readonly expirationDays?: number;
  /**
   * What happens to the bucket when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The separate bucket that receives S3 server access logs of the detector's
 * buckets. Versioned, Block Public Access, TLS 1.2+ only, ACLs disabled.
 * Encrypted with S3-managed keys: S3 server access log delivery does not
 * support SSE-KMS on its destination bucket (the one documented exception to
 * "every bucket uses a CMK", acknowledged in the package README).
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    validateBucketName('bucketName', props.bucketName);
    validateInteger('expirationDays', props.expirationDays, 1, 36500);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(props.expirationDays ?? 365),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    acknowledge(this.bucket, ACKNOWLEDGEMENTS.accessLogBucketSseS3, [
      ...sameRuleIn('S3DefaultEncryptionKMS', [NAG_PLUGIN.nist, NAG_PLUGIN.hipaa, NAG_PLUGIN.pci]),
      `${NAG_PLUGIN.aad}::AAD-CustomerManagedKeyEncryption`,
      `${NAG_PLUGIN.cfnGuard}::s3_bucket_default_encryption_kms_check`,
      `${NAG_PLUGIN.cfnGuard}::s3_bucket_logging_enabled_check`,
    ]);
    acknowledge(this.bucket, ACKNOWLEDGEMENTS.objectLockScope, [
      `${NAG_PLUGIN.cfnGuard}::s3_bucket_object_lock_enabled_check`,
    ]);
    acknowledge(
      this.bucket,
      ACKNOWLEDGEMENTS.noCrossRegionReplication,
      sameRuleIn('S3BucketReplicationEnabled', [NAG_PLUGIN.nist, NAG_PLUGIN.hipaa, NAG_PLUGIN.pci]),
    );
  }

  /**
   * Lets S3 server access logging of `sourceBucketName` write under `prefix`
   * (bucket policy for `logging.s3.amazonaws.com`, scoped by source account and ARN).
   */
  public allowLogDeliveryFrom(sourceBucketName: string, prefix: string): void {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `S3ServerAccessLogs${sanitize(sourceBucketName)}`,
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${prefix}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:s3:::${sourceBucketName}` },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
  }
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').slice(0, 60);
}
