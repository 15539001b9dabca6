import { ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DetectorRole } from '../iam/detector-role';
import { DetectorKeys } from '../keys/detector-keys';
import { createLogGroup } from '../logs/detector-log-group';
import { validateInteger, validateLogRetention } from '../validation';

/** Properties of {@link CloudTrailModule}. */
export interface CloudTrailModuleProps {
  /** Deploy the trail (`features.cloudTrail`). */
  readonly enabled: boolean;
  /** Trail name. */
  readonly trailName: string;
  /**
   * Bucket the trail delivers to: the raw log bucket (encrypted, lifecycle,
   * Object Lock), whose notifications feed the detector.
   */
  readonly bucket: s3.IBucket;
  /** Key of the trail's log files, its log group and the event data store. */
  readonly encryptionKey: kms.IKey;
  /**
   * Organization trail (run from the management or delegated administrator account).
   * @default false
   */
  readonly organizationTrail?: boolean;
  /** Name and retention of the trail's CloudWatch Logs group. */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /**
   * Also create a CloudTrail Lake event data store (`features.cloudTrailLake`).
   * @default false
   */
  readonly lake?: boolean;
  /**
   * Days the event data store keeps events.
   * @default 366
   */
  readonly lakeRetentionDays?: number;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * CloudTrail: a multi-region account or organization trail with log file
 * validation, SSE-KMS with a customer-managed key, delivery into the raw log
 * bucket (lifecycle and Object Lock from there) and a CloudWatch Logs copy;
 * optionally a KMS-encrypted CloudTrail Lake event data store.
 */
export class CloudTrailModule extends Construct {
  public readonly enabled: boolean;
  public readonly trail?: cloudtrail.CfnTrail;
  public readonly eventDataStore?: cloudtrail.CfnEventDataStore;

  constructor(scope: Construct, id: string, props: CloudTrailModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    validateLogRetention('logRetentionDays', props.logRetentionDays);
    const lakeRetention = props.lakeRetentionDays ?? 366;
    validateInteger('lakeRetentionDays', lakeRetention, 7, 3653);
    if (!props.enabled) return;
    const stack = Stack.of(this);
    const trailArn = stack.formatArn({
      service: 'cloudtrail',
      resource: 'trail',
      resourceName: props.trailName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const fromTrail = { StringEquals: { 'aws:SourceArn': trailArn } };
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailAclCheck',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:GetBucketAcl'],
        resources: [props.bucket.bucketArn],
        conditions: fromTrail,
      }),
    );
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailWrite',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects('AWSLogs/*')],
        conditions: fromTrail,
      }),
    );
    DetectorKeys.allowService(
      props.encryptionKey,
      'AllowCloudTrailEncrypt',
      'cloudtrail.amazonaws.com',
      {
        StringEquals: { 'aws:SourceArn': trailArn },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*`,
        },
      },
      ['kms:GenerateDataKey*', 'kms:DescribeKey'],
    );
    const logGroup = createLogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retentionDays: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
    });
    const role = new DetectorRole(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: 'CloudTrail delivery to its CloudWatch Logs group',
    });
    logGroup.grantWrite(role);
    this.trail = new cloudtrail.CfnTrail(this, 'Trail', {
      trailName: props.trailName,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: props.organizationTrail ?? false,
      s3BucketName: props.bucket.bucketName,
      kmsKeyId: props.encryptionKey.keyArn,
      cloudWatchLogsLogGroupArn: logGroup.logGroupArn,
      cloudWatchLogsRoleArn: role.roleArn,
    });
    this.trail.node.addDependency(role, props.bucket);
    if (props.lake) {
      DetectorKeys.allowService(
        props.encryptionKey,
        'AllowCloudTrailLake',
        'cloudtrail.amazonaws.com',
        { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        ['kms:GenerateDataKey*', 'kms:Decrypt', 'kms:DescribeKey'],
      );
      this.eventDataStore = new cloudtrail.CfnEventDataStore(this, 'Lake', {
        name: `${props.trailName}-lake`,
        kmsKeyId: props.encryptionKey.keyArn,
        multiRegionEnabled: true,
        organizationEnabled: props.organizationTrail ?? false,
        retentionPeriod: lakeRetention,
        terminationProtectionEnabled: true,
      });
    }
  }
}
