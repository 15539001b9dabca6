import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { InvalidPropError } from '../errors';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge, sameRuleIn } from '../policy/acknowledgements';
import { validateBucketName, validateInteger } from '../validation';

/** Lifecycle of a {@link SecureBucket}: infrequent access → Glacier → expiry. */
export interface BucketLifecycleOptions {
  /**
   * Days before objects move to S3 Standard-IA (at least 30).
   * @default - objects stay in S3 Standard
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Days before objects move to Glacier Flexible Retrieval.
   * @default - no Glacier transition
   */
  readonly glacierAfterDays?: number;
  /**
   * Days before objects expire.
   * @default - objects never expire
   */
  readonly expirationDays?: number;
  /**
   * Days before noncurrent versions expire.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
}

/** Object Lock (WORM) of a {@link SecureBucket}. */
export interface BucketObjectLockOptions {
  /** Days every new object version is locked. */
  readonly retentionDays: number;
  /**
   * `GOVERNANCE` lets principals with `s3:BypassGovernanceRetention` delete
   * early; `COMPLIANCE` lets nobody, not even the account root.
   * @default 'GOVERNANCE'
   */
  readonly mode?: 'GOVERNANCE' | 'COMPLIANCE';
}

/** Properties of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Physical bucket name (from configuration, never derived from a display name). */
  readonly bucketName: string;
  /** Customer-managed key for SSE-KMS (with an S3 Bucket Key). */
  readonly encryptionKey: kms.IKey;
  /** Bucket that receives this bucket's S3 server access logs. */
  readonly accessLogs: AccessLogBucket;
  /**
   * Lifecycle transitions and expiry.
   * @default - no transitions, no expiry; noncurrent versions expire after 30 days
   */
  readonly lifecycle?: BucketLifecycleOptions;
  /**
   * Object Lock for immutability (can only be chosen when the bucket is created).
   * @default - no Object Lock
   */
  readonly objectLock?: BucketObjectLockOptions;
  /**
   * What happens to the bucket when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An S3 bucket with every control the detector requires: versioning, SSE-KMS
 * with a customer-managed key, Block Public Access, ACLs disabled, TLS 1.2+
 * only, server access logs to a separate bucket, lifecycle and optional
 * Object Lock.
 */
export class SecureBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    validateBucketName('bucketName', props.bucketName);
    const lifecycle = props.lifecycle ?? {};
    validateLifecycle(lifecycle);
    if (props.objectLock) validateInteger('objectLock.retentionDays', props.objectLock.retentionDays, 1, 36500);
    if (props.objectLock && lifecycle.expirationDays !== undefined) {
      if (props.objectLock.retentionDays > lifecycle.expirationDays) {
        throw new InvalidPropError(
          'objectLock.retentionDays',
          `at most lifecycle.expirationDays (${lifecycle.expirationDays})`,
          props.objectLock.retentionDays,
        );
      }
    }
    const prefix = `${props.bucketName}/`;
    props.accessLogs.allowLogDeliveryFrom(props.bucketName, prefix);

    const transitions: s3.Transition[] = [];
    if (lifecycle.infrequentAccessAfterDays !== undefined) {
      transitions.push({
        storageClass: s3.StorageClass.INFREQUENT_ACCESS,
        transitionAfter: Duration.days(lifecycle.infrequentAccessAfterDays),
      });
    }
    if (lifecycle.glacierAfterDays !== undefined) {
      transitions.push({
        storageClass: s3.StorageClass.GLACIER,
        transitionAfter: Duration.days(lifecycle.glacierAfterDays),
      });
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      objectLockEnabled: props.objectLock !== undefined ? true : undefined,
      objectLockDefaultRetention: props.objectLock
        ? props.objectLock.mode === 'COMPLIANCE'
          ? s3.ObjectLockRetention.compliance(Duration.days(props.objectLock.retentionDays))
          : s3.ObjectLockRetention.governance(Duration.days(props.objectLock.retentionDays))
        : undefined,
      lifecycleRules: [
        {
          id: 'lifecycle',
          transitions: transitions.length > 0 ? transitions : undefined,
          expiration: lifecycle.expirationDays !== undefined ? Duration.days(lifecycle.expirationDays) : undefined,
          noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpirationDays ?? 30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    const cfn = this.bucket.node.defaultChild as s3.CfnBucket;
    cfn.loggingConfiguration = {
      destinationBucketName: props.accessLogs.bucket.bucketName,
      logFilePrefix: prefix,
    };
    // Object-level events to the default EventBridge bus (native, no custom resource): uploads and deletions are auditable.
    cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    if (!props.objectLock) {
      acknowledge(this.bucket, ACKNOWLEDGEMENTS.objectLockScope, [
        `${NAG_PLUGIN.cfnGuard}::s3_bucket_object_lock_enabled_check`,
      ]);
    }
    acknowledge(
      this.bucket,
      ACKNOWLEDGEMENTS.noCrossRegionReplication,
      sameRuleIn('S3BucketReplicationEnabled', [NAG_PLUGIN.nist, NAG_PLUGIN.hipaa, NAG_PLUGIN.pci]),
    );
  }
}

function validateLifecycle(lifecycle: BucketLifecycleOptions): void {
  const { infrequentAccessAfterDays: ia, glacierAfterDays: glacier, expirationDays: expiry } = lifecycle;
  validateInteger('lifecycle.infrequentAccessAfterDays', ia, 30, 36500);
  validateInteger('lifecycle.glacierAfterDays', glacier, 1, 36500);
  validateInteger('lifecycle.expirationDays', expiry, 1, 36500);
  validateInteger('lifecycle.noncurrentVersionExpirationDays', lifecycle.noncurrentVersionExpirationDays, 1, 36500);
  if (ia !== undefined && glacier !== undefined && glacier < ia + 30) {
    // S3 keeps objects at least 30 days in Standard-IA before a Glacier transition.
    throw new InvalidPropError(
      'lifecycle.glacierAfterDays',
      `at least infrequentAccessAfterDays + 30 (${ia + 30})`,
      glacier,
    );
  }
  const lastTransition = glacier ?? ia;
  if (lastTransition !== undefined && expiry !== undefined && expiry <= lastTransition) {
    throw new InvalidPropError(
      'lifecycle.expirationDays',
      `greater than the last transition (${lastTransition})`,
      expiry,
    );
  }
}
