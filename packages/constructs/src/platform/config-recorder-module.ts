import { Aws, Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';
import { DetectorRole } from '../iam/detector-role';
import { DetectorKeys } from '../keys/detector-keys';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { resourceFinding } from '../policy/nag-finding-ids';
import { AccessLogBucket } from '../storage/access-log-bucket';
import { SecureBucket } from '../storage/secure-bucket';

/** AWS Config managed rules of the starter pack (identifier → rule name suffix). */
export const CONFIG_STARTER_RULES: Readonly<Record<string, string>> = {
  S3_BUCKET_SSL_REQUESTS_ONLY: 's3-bucket-ssl-requests-only',
  S3_BUCKET_PUBLIC_READ_PROHIBITED: 's3-bucket-public-read-prohibited',
  S3_BUCKET_PUBLIC_WRITE_PROHIBITED: 's3-bucket-public-write-prohibited',
  S3_DEFAULT_ENCRYPTION_KMS: 's3-default-encryption-kms',
  CLOUD_TRAIL_ENABLED: 'cloudtrail-enabled',
  CLOUD_TRAIL_ENCRYPTION_ENABLED: 'cloud-trail-encryption-enabled',
  DYNAMODB_PITR_ENABLED: 'dynamodb-pitr-enabled',
  LAMBDA_INSIDE_VPC: 'lambda-inside-vpc',
  VPC_FLOW_LOGS_ENABLED: 'vpc-flow-logs-enabled',
  VPC_DEFAULT_SECURITY_GROUP_CLOSED: 'vpc-default-security-group-closed',
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS: 'iam-policy-no-statements-with-admin-access',
  SNS_ENCRYPTED_KMS: 'sns-encrypted-kms',
  CW_LOGGROUP_RETENTION_PERIOD_CHECK: 'cw-loggroup-retention-period-check',
  IAM_ROOT_ACCESS_KEY_CHECK: 'iam-root-access-key-check',
  ACCESS_KEYS_ROTATED: 'access-keys-rotated',
};

/** Properties of {@link ConfigRecorderModule}. */
export interface ConfigRecorderModuleProps {
  /** Deploy the module (`features.config`). */
  readonly enabled: boolean;
  /** Prefix of rule and resource names. */
  readonly namePrefix: string;
  /**
   * Bucket receiving configuration snapshots and history (`buckets.configDelivery`).
   * @default - none; required when `enabled`
   */
  readonly deliveryBucketName?: string;
  readonly accessLogs: AccessLogBucket;
  /** Key of the delivery bucket and channel. */
  readonly encryptionKey: kms.IKey;
  /**
   * Remediation with SSM Automation documents (`features.configRemediation`).
   * Non-destructive by default: remediations are configured but run only when
   * an operator starts them, unless `automaticRemediation` is set.
   * @default false
   */
  readonly remediation?: boolean;
  /**
   * Run remediations automatically.
   * @default false
   */
  readonly automaticRemediation?: boolean;
}

/**
 * AWS Config: recorder (service-linked role, all supported resources), a
 * delivery channel to a KMS-encrypted bucket, the starter rule pack and,
 * optionally, SSM remediations (manual unless made automatic).
 */
export class ConfigRecorderModule extends Construct {
  public readonly enabled: boolean;
  public readonly rules: config.CfnConfigRule[] = [];
  public readonly remediations: config.CfnRemediationConfiguration[] = [];

  constructor(scope: Construct, id: string, props: ConfigRecorderModuleProps) {
    super(scope, id);
    this.enabled = props.enabled;
    if (!props.enabled) return;
    if (props.deliveryBucketName === undefined) {
      throw new InvalidPropError('deliveryBucketName', 'set when the Config module is enabled', undefined);
    }
    const stack = Stack.of(this);
    const bucket = new SecureBucket(this, 'DeliveryBucket', {
      bucketName: props.deliveryBucketName,
      encryptionKey: props.encryptionKey,
      accessLogs: props.accessLogs,
      lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expirationDays: 2555 },
    }).bucket;
    const fromConfig = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    };
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigCheckBucket',
        principals: [new iam.ServicePrincipal('config.amazonaws.com')],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: fromConfig,
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigDelivery',
        principals: [new iam.ServicePrincipal('config.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)],
        conditions: fromConfig,
      }),
    );
    DetectorKeys.allowService(props.encryptionKey, 'AllowConfigDelivery', 'config.amazonaws.com', fromConfig);

    const recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: `${props.namePrefix}-recorder`,
      roleArn: stack.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: 'aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      }),
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: `${props.namePrefix}-delivery`,
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: props.encryptionKey.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.node.addDependency(bucket);
    for (const [identifier, name] of Object.entries(CONFIG_STARTER_RULES)) {
      const rule = new config.CfnConfigRule(
        this,
        `Rule${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
        {
          configRuleName: `${props.namePrefix}-${name}`,
          source: { owner: 'AWS', sourceIdentifier: identifier },
          inputParameters: identifier === 'CW_LOGGROUP_RETENTION_PERIOD_CHECK' ? { MinRetentionTime: '30' } : undefined,
        },
      );
      rule.node.addDependency(recorder);
      this.rules.push(rule);
    }
    if (props.remediation) this.addRemediations(props);
  }

  private addRemediations(props: ConfigRecorderModuleProps): void {
    const stack = Stack.of(this);
    const role = new DetectorRole(this, 'RemediationRole', {
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com'),
      description: 'AWS Config remediation through SSM Automation (default security groups, public buckets)',
    });
    const securityGroups = stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: '*' });
    const buckets = `arn:${Aws.PARTITION}:s3:::*`;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CloseDefaultSecurityGroups',
        actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
        resources: [securityGroups],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DescribeSecurityGroupsAwsRequiresStar',
        actions: ['ec2:DescribeSecurityGroups'],
        resources: ['*'],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'BlockPublicBuckets',
        actions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
        resources: [buckets],
      }),
    );
    acknowledge(role.policy, ACKNOWLEDGEMENTS.awsRequiredWildcard, [
      `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[Resource::*]`,
    ]);
    acknowledge(
      role.policy,
      ACKNOWLEDGEMENTS.scopedServiceWildcard,
      [
        `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[${resourceFinding(this, securityGroups)}]`,
        `${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[${resourceFinding(this, buckets)}]`,
      ],
      'remediation targets are whichever security group or bucket a Config rule finds non-compliant',
    );
    const remediation = (id: string, ruleName: string, document: string, parameters: Record<string, unknown>): void => {
      const rule = this.rules.find((r) => r.configRuleName?.endsWith(ruleName));
      const created = new config.CfnRemediationConfiguration(this, id, {
        configRuleName: rule!.configRuleName!,
        targetType: 'SSM_DOCUMENT',
        targetId: document,
        automatic: props.automaticRemediation ?? false,
        maximumAutomaticAttempts: props.automaticRemediation ? 3 : undefined,
        retryAttemptSeconds: props.automaticRemediation ? 60 : undefined,
        parameters: {
          AutomationAssumeRole: { StaticValue: { Values: [role.roleArn] } },
          ...parameters,
        },
      });
      created.node.addDependency(rule!);
      this.remediations.push(created);
    };
    remediation(
      'CloseDefaultSecurityGroup',
      'vpc-default-security-group-closed',
      'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      {
        GroupId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    );
    remediation(
      'BlockPublicBucket',
      's3-bucket-public-read-prohibited',
      'AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock',
      {
        BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    );
  }
}
