import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AccessLogBucket, RawLogBucket, SecureBucket } from '../../src';
import { emptyStack } from '../_helpers/stacks';

function setup() {
  const stack = emptyStack();
  const key = new kms.Key(stack, 'Key');
  const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { bucketName: 'test-access-logs' });
  return { stack, key, accessLogs };
}

describe('SecureBucket', () => {
  it('has versioning, SSE-KMS with the CMK, Block Public Access, TLS-only, access logs and lifecycle', () => {
    // Prepare
    const { stack, key, accessLogs } = setup();
    // Act
    new SecureBucket(stack, 'B', {
      bucketName: 'test-bucket',
      encryptionKey: key,
      accessLogs,
      lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expirationDays: 365 },
    });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'test-bucket',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') },
        LogFilePrefix: 'test-bucket/',
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Transitions: [
              { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
              { StorageClass: 'GLACIER', TransitionInDays: 90 },
            ],
            ExpirationInDays: 365,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          }),
        ],
      },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': Match.anyValue() } }),
          }),
        ]),
      },
    });
  });

  it('enables Object Lock with the requested mode', () => {
    const { stack, key, accessLogs } = setup();
    new SecureBucket(stack, 'B', {
      bucketName: 'test-bucket',
      encryptionKey: key,
      accessLogs,
      objectLock: { retentionDays: 10, mode: 'COMPLIANCE' },
      lifecycle: { expirationDays: 10 },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 10 } },
      },
    });
  });

  it.each([
    [
      { bucketName: 'Upper' },
      "`bucketName` must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), received 'Upper'",
    ],
    [
      { lifecycle: { infrequentAccessAfterDays: 10 } },
      '`lifecycle.infrequentAccessAfterDays` must be an integer between 30 and 36500, received 10',
    ],
    [
      { lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 45 } },
      '`lifecycle.glacierAfterDays` must be at least infrequentAccessAfterDays + 30 (60), received 45',
    ],
    [
      { lifecycle: { glacierAfterDays: 90, expirationDays: 90 } },
      '`lifecycle.expirationDays` must be greater than the last transition (90), received 90',
    ],
    [
      { lifecycle: { expirationDays: 10 }, objectLock: { retentionDays: 20 } },
      '`objectLock.retentionDays` must be at most lifecycle.expirationDays (10), received 20',
    ],
    [
      { objectLock: { retentionDays: 0 } },
      '`objectLock.retentionDays` must be an integer between 1 and 36500, received 0',
    ],
  ])('rejects %j', (props, message) => {
    const { stack, key, accessLogs } = setup();
    expect(
      () => new SecureBucket(stack, 'B', { bucketName: 'test-bucket', encryptionKey: key, accessLogs, ...props }),
    ).toThrow(message);
  });
});

describe('AccessLogBucket', () => {
  it('uses SSE-S3 (the only encryption S3 log delivery supports), versioning, BPA, expiry', () => {
    const { stack } = setup();
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'test-access-logs',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365 })] },
    });
  });

  it.each([
    [
      { bucketName: 'a' },
      "`bucketName` must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), received 'a'",
    ],
    [
      { bucketName: 'ok-name', expirationDays: 0 },
      '`expirationDays` must be an integer between 1 and 36500, received 0',
    ],
  ])('rejects %j', (props, message) => {
    expect(() => new AccessLogBucket(emptyStack(), 'A', props)).toThrow(message);
  });
});

describe('RawLogBucket', () => {
  it('notifies the ingest queue natively (no custom resource), after the queue policy exists', () => {
    // Prepare
    const { stack, key, accessLogs } = setup();
    const queue = new sqs.Queue(stack, 'Ingest', { encryptionMasterKey: key });
    // Act
    const raw = new RawLogBucket(stack, 'Raw', {
      bucketName: 'test-raw',
      encryptionKey: key,
      accessLogs,
      lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expirationDays: 365 },
      objectLockDays: 365,
      notificationQueue: queue,
      notificationPrefix: 'AWSLogs/',
    });
    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketName: 'test-raw',
        ObjectLockEnabled: true,
        NotificationConfiguration: {
          EventBridgeConfiguration: { EventBridgeEnabled: true },
          QueueConfigurations: [
            {
              Event: 's3:ObjectCreated:*',
              Queue: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Ingest'), 'Arn'] },
              Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'AWSLogs/' }] } },
            },
          ],
        },
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^IngestPolicy')]),
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: {
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::test-raw']] } },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ]),
      },
    });
    expect(raw.bucket.bucketName).toBeDefined();
  });
});
