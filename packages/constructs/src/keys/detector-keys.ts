import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';
import { validateKmsKeyArn } from '../validation';

/** Data classes with their own customer-managed key. */
export type KeyPurpose = 'logs' | 'data' | 'audit' | 'messaging';

/** Properties of {@link DetectorKeys}. */
export interface DetectorKeysProps {
  /** Prefix of every key alias, e.g. `aad-dev` gives `alias/aad-dev/data`. */
  readonly aliasPrefix: string;
  /**
   * Import this existing key (an ARN) for every data class instead of creating
   * customer-managed keys. Its key policy must already allow the services
   * listed in the package README (CloudWatch Logs, SNS, S3, EventBridge, CloudWatch).
   * @default - one new customer-managed key per data class
   */
  readonly importedKeyArn?: string;
  /**
   * What happens to the created keys when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Days of the automatic rotation period (90-2560).
   * @default 365
   */
  readonly rotationDays?: number;
}

/** Key administration only: no cryptographic operation is granted by this statement. */
const ADMIN_ACTIONS = [
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:UpdateAlias',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListKeyRotations',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/** Cryptographic use, delegated to IAM policies of this account only. */
const USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * Customer-managed KMS keys of the detector, one per data class, rotation on,
 * with an explicit least-privilege key policy: account administrators manage
 * the key but cannot use it; cryptographic use goes through IAM policies of
 * this account only (`kms:CallerAccount`); AWS services that encrypt on our
 * behalf are added one statement each, scoped by encryption context or source
 * ARN ({@link DetectorKeys.allowService}).
 *
 * @example
 * const keys = new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-dev' });
 * new s3.Bucket(stack, 'Raw', { encryptionKey: keys.logs });
 */
export class DetectorKeys extends Construct {
  /**
   * Lets an AWS service principal encrypt and decrypt with `key` on our
   * behalf, under `conditions` (source ARN, encryption context). No effect on
   * an imported key (document the statement for its owner instead).
   */
  public static allowService(
    key: kms.IKey,
    sid: string,
    servicePrincipal: string,
    conditions: Record<string, Record<string, unknown>>,
    actions: readonly string[] = ['kms:Decrypt', 'kms:GenerateDataKey*'],
  ): void {
    const sids = ADDED_SIDS.get(key) ?? new Set<string>();
    ADDED_SIDS.set(key, sids);
    if (sids.has(sid)) return;
    sids.add(sid);
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions: [...actions],
        resources: ['*'],
        conditions,
      }),
      true,
    );
  }

  /** Lets CloudWatch Logs encrypt the log groups whose names start with `logGroupPrefix` with `key`. */
  public static allowLogGroups(key: kms.IKey, logGroupPrefix: string): void {
    const stack = Stack.of(key);
    DetectorKeys.allowService(
      key,
      `AllowCloudWatchLogs${logGroupPrefix.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 100),
      `logs.${Aws.REGION}.amazonaws.com`,
      {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: `${logGroupPrefix}*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
      ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    );
  }

  /** Raw security logs, CloudWatch Logs groups, CloudTrail and Config deliveries. */
  public readonly logs: kms.IKey;
  /** Detector data: models, profiles, exports, parameters, model serving. */
  public readonly data: kms.IKey;
  /** The audit table of findings and its backups. */
  public readonly audit: kms.IKey;
  /** Queues, topics and the findings event bus. */
  public readonly messaging: kms.IKey;
  /** `true` when the keys were imported (their policies cannot be changed here). */
  public readonly imported: boolean;

  constructor(scope: Construct, id: string, props: DetectorKeysProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9/_-]{1,200}$/.test(props.aliasPrefix)) {
      throw new Error(
        `\`aliasPrefix\` must be 1-200 letters, digits, '/', '_' or '-', received '${props.aliasPrefix}'`,
      );
    }
    const rotationDays = props.rotationDays ?? 365;
    if (!Number.isInteger(rotationDays) || rotationDays < 90 || rotationDays > 2560) {
      throw new InvalidPropError('rotationDays', 'an integer between 90 and 2560', rotationDays);
    }
    validateKmsKeyArn('importedKeyArn', props.importedKeyArn);
    this.imported = props.importedKeyArn !== undefined;

    if (props.importedKeyArn !== undefined) {
      const key = kms.Key.fromKeyArn(this, 'Imported', props.importedKeyArn);
      this.logs = key;
      this.data = key;
      this.audit = key;
      this.messaging = key;
      return;
    }
    const create = (name: string, description: string): kms.Key =>
      new kms.Key(this, name, {
        alias: `alias/${props.aliasPrefix}/${name.toLowerCase()}`,
        description,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(rotationDays),
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
        policy: leastPrivilegeKeyPolicy(),
      });
    this.logs = create('Logs', 'Access Anomaly Detector: raw security logs and log groups');
    this.data = create('Data', 'Access Anomaly Detector: models, profiles, exports and parameters');
    this.audit = create('Audit', 'Access Anomaly Detector: audit table of findings and its backups');
    this.messaging = create('Messaging', 'Access Anomaly Detector: queues, topics and the findings bus');
  }
}

/** Statement ids already added to each key's policy (service statements are added once). */
const ADDED_SIDS = new WeakMap<kms.IKey, Set<string>>();

/**
 * The detector's key policy: account administrators manage the key but get
 * no cryptographic operation; use is delegated to IAM policies of this
 * account only; grants only for AWS resources. Service statements are added
 * with {@link DetectorKeys.allowService}.
 */
export function leastPrivilegeKeyPolicy(): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'KeyAdministration',
        principals: [new iam.AccountRootPrincipal()],
        actions: ADMIN_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'UseThroughIamPoliciesOfThisAccount',
        principals: [new iam.AccountRootPrincipal()],
        actions: USE_ACTIONS,
        resources: ['*'],
        conditions: { StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyGrantsExceptForAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
      new iam.PolicyStatement({
        sid: 'GrantsForAwsResourcesOnly',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      }),
    ],
  });
}
