import { CfnResource, StackTemplate } from '../assembly/cloud-assembly';
import { isTrue, refTarget } from '../assembly/template';

/**
 * How a resource is encrypted at rest:
 * - `cmk`: a customer-managed KMS key (created in the app or imported by ARN);
 * - `aws-managed`: an AWS-managed KMS key (`alias/aws/...`);
 * - `service-default`: the service's own default (SSE-S3, SSE-SQS, DynamoDB owned key, CloudWatch Logs);
 * - `none`: no encryption declared or explicitly off;
 * - `not-applicable`: the type holds no data at rest.
 */
export type EncryptionKind = 'cmk' | 'aws-managed' | 'service-default' | 'none' | 'not-applicable';

/** Types that hold data at rest and can use a KMS CMK: the PaS guardrail's scope. */
export const ENCRYPTABLE_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Logs::LogGroup',
  'AWS::Kinesis::Stream',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EFS::FileSystem',
  'AWS::EC2::Volume',
  'AWS::SecretsManager::Secret',
  'AWS::CloudTrail::Trail',
  'AWS::CloudTrail::EventDataStore',
  'AWS::Backup::BackupVault',
  'AWS::SageMaker::EndpointConfig',
  'AWS::OpenSearchService::Domain',
  'AWS::ElastiCache::ReplicationGroup',
];

/** Data stores in the audit template's sense (Critical when unencrypted). */
export const DATA_STORE_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EFS::FileSystem',
  'AWS::EC2::Volume',
  'AWS::Kinesis::Stream',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::OpenSearchService::Domain',
  'AWS::ElastiCache::ReplicationGroup',
];

/** Classifies a KMS key reference: a CMK unless it names an AWS-managed alias. */
export function keyKind(key: unknown, stack: StackTemplate): 'cmk' | 'aws-managed' | undefined {
  if (key === undefined || key === null || key === '') return undefined;
  if (typeof key === 'string') return /(^|:)alias\/aws\//.test(key) ? 'aws-managed' : 'cmk';
  const target = refTarget(key);
  if (target) {
    const type = stack.resources[target]?.Type;
    // A reference to a parameter or a key/alias of the app: customer-managed.
    if (type === undefined || type === 'AWS::KMS::Key' || type === 'AWS::KMS::Alias') return 'cmk';
  }
  // Fn::ImportValue, Fn::Join of an ARN, …: a key chosen by the app, not an AWS-managed alias.
  return JSON.stringify(key).includes('alias/aws/') ? 'aws-managed' : 'cmk';
}

function p(resource: CfnResource): Readonly<Record<string, unknown>> {
  return resource.Properties ?? {};
}

function kmsOrDefault(key: unknown, stack: StackTemplate, fallback: EncryptionKind): EncryptionKind {
  return keyKind(key, stack) ?? fallback;
}

/** How `resource` is encrypted at rest (see {@link EncryptionKind}). */
export function encryptionOf(resource: CfnResource, stack: StackTemplate): EncryptionKind {
  const props = p(resource);
  switch (resource.Type) {
    case 'AWS::S3::Bucket': {
      const rules = (props.BucketEncryption as { ServerSideEncryptionConfiguration?: unknown[] } | undefined)
        ?.ServerSideEncryptionConfiguration;
      const sse = (
        rules?.[0] as
          { ServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: unknown } } | undefined
      )?.ServerSideEncryptionByDefault;
      if (!sse?.SSEAlgorithm) return 'none';
      if (sse.SSEAlgorithm.startsWith('aws:kms')) return kmsOrDefault(sse.KMSMasterKeyID, stack, 'aws-managed');
      return 'service-default';
    }
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': {
      const sse = props.SSESpecification as { SSEEnabled?: unknown; KMSMasterKeyId?: unknown } | undefined;
      if (!isTrue(sse?.SSEEnabled)) return 'service-default';
      const replicaKeys = ((props.Replicas as { SSESpecification?: { KMSMasterKeyId?: unknown } }[]) ?? [])
        .map((r) => r.SSESpecification?.KMSMasterKeyId)
        .filter((k) => k !== undefined);
      return kmsOrDefault(sse?.KMSMasterKeyId ?? replicaKeys[0], stack, 'aws-managed');
    }
    case 'AWS::SQS::Queue':
      if (props.KmsMasterKeyId !== undefined) return kmsOrDefault(props.KmsMasterKeyId, stack, 'aws-managed');
      return props.SqsManagedSseEnabled === false || props.SqsManagedSseEnabled === 'false'
        ? 'none'
        : 'service-default';
    case 'AWS::SNS::Topic':
      return kmsOrDefault(props.KmsMasterKeyId, stack, 'none');
    case 'AWS::Logs::LogGroup':
      return kmsOrDefault(props.KmsKeyId, stack, 'service-default');
    case 'AWS::Kinesis::Stream':
      return kmsOrDefault((props.StreamEncryption as { KeyId?: unknown } | undefined)?.KeyId, stack, 'none');
    case 'AWS::KinesisFirehose::DeliveryStream': {
      const enc = props.DeliveryStreamEncryptionConfigurationInput as
        { KeyType?: string; KeyARN?: unknown } | undefined;
      if (!enc) return 'none';
      return enc.KeyType === 'CUSTOMER_MANAGED_CMK' ? 'cmk' : 'aws-managed';
    }
    case 'AWS::RDS::DBInstance':
      if (props.DBClusterIdentifier !== undefined) return 'not-applicable'; // Aurora: the cluster holds the storage.
      if (!isTrue(props.StorageEncrypted)) return 'none';
      return kmsOrDefault(props.KmsKeyId, stack, 'aws-managed');
    case 'AWS::RDS::DBCluster':
      if (!isTrue(props.StorageEncrypted)) return 'none';
      return kmsOrDefault(props.KmsKeyId, stack, 'aws-managed');
    case 'AWS::EFS::FileSystem':
    case 'AWS::EC2::Volume':
      if (!isTrue(props.Encrypted)) return 'none';
      return kmsOrDefault(props.KmsKeyId, stack, 'aws-managed');
    case 'AWS::SecretsManager::Secret':
      return kmsOrDefault(props.KmsKeyId, stack, 'aws-managed');
    case 'AWS::CloudTrail::Trail':
      return kmsOrDefault(props.KMSKeyId, stack, 'service-default');
    case 'AWS::CloudTrail::EventDataStore':
      return kmsOrDefault(props.KmsKeyId, stack, 'service-default');
    case 'AWS::Backup::BackupVault':
      return kmsOrDefault(props.EncryptionKeyArn, stack, 'aws-managed');
    case 'AWS::SageMaker::EndpointConfig':
      return kmsOrDefault(props.KmsKeyId, stack, 'service-default');
    case 'AWS::OpenSearchService::Domain': {
      const enc = props.EncryptionAtRestOptions as { Enabled?: unknown; KmsKeyId?: unknown } | undefined;
      if (!isTrue(enc?.Enabled)) return 'none';
      return kmsOrDefault(enc?.KmsKeyId, stack, 'aws-managed');
    }
    case 'AWS::ElastiCache::ReplicationGroup':
      if (!isTrue(props.AtRestEncryptionEnabled)) return 'none';
      return kmsOrDefault(props.KmsKeyId, stack, 'aws-managed');
    default:
      return 'not-applicable';
  }
}

/**
 * Buckets that receive S3 server access logs. The log delivery service only
 * writes to buckets encrypted with SSE-S3, so these are exempt from the CMK
 * requirement (they must still be encrypted, with SSE-S3).
 */
export function isAccessLogTarget(logicalId: string, stack: StackTemplate): boolean {
  const bucket = stack.resources[logicalId];
  const name = bucket?.Properties?.BucketName;
  for (const other of Object.values(stack.resources)) {
    if (other.Type === 'AWS::S3::Bucket') {
      const dest = (other.Properties?.LoggingConfiguration as { DestinationBucketName?: unknown } | undefined)
        ?.DestinationBucketName;
      if (dest !== undefined && (refTarget(dest) === logicalId || (name !== undefined && dest === name))) return true;
    }
    if (other.Type === 'AWS::S3::BucketPolicy' && refTarget(other.Properties?.Bucket) === logicalId) {
      if (JSON.stringify(other.Properties?.PolicyDocument ?? {}).includes('logging.s3.amazonaws.com')) return true;
    }
  }
  return false;
}
