import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AlertsTopic, DeadLetterQueue, IngestQueue } from '../../src';
import { emptyStack } from '../_helpers/stacks';

describe('IngestQueue', () => {
  it('redrives to a KMS-encrypted dead-letter queue that only it may use', () => {
    // Prepare
    const stack = emptyStack();
    // Act
    new IngestQueue(stack, 'Ingest', {
      queueName: 'test-ingest',
      encryptionKey: new kms.Key(stack, 'Key'),
      maxReceiveCount: 4,
    });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'test-ingest',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      VisibilityTimeout: 360,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetter'), 'Arn'] },
        maxReceiveCount: 4,
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'test-ingest-dlq',
      MessageRetentionPeriod: 1209600,
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':sqs:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':test-ingest',
              ],
            ],
          },
        ],
      },
    });
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it.each([
    [
      { queueName: 'x' },
      "`queueName` must be a name of 3-64 letters, digits, dots, hyphens or underscores, received 'x'",
    ],
    [
      { queueName: 'ok-name', maxReceiveCount: 0 },
      '`maxReceiveCount` must be an integer between 1 and 1000, received 0',
    ],
  ])('rejects %j', (props, message) => {
    const stack = emptyStack();
    expect(() => new IngestQueue(stack, 'I', { encryptionKey: new kms.Key(stack, 'K'), ...props })).toThrow(message);
  });
});

describe('DeadLetterQueue', () => {
  it('refuses redrive from any queue when no source is named', () => {
    const stack = emptyStack();
    new DeadLetterQueue(stack, 'Dlq', { queueName: 'test-dlq', encryptionKey: new kms.Key(stack, 'Key') });
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', {
      RedriveAllowPolicy: { redrivePermission: 'denyAll' },
    });
  });
});

describe('AlertsTopic', () => {
  it('is KMS-encrypted, TLS-only, with a display name separate from its name', () => {
    const stack = emptyStack();
    new AlertsTopic(stack, 'Alerts', {
      topicName: 'test-alerts',
      displayName: 'Test alerts',
      encryptionKey: new kms.Key(stack, 'Key'),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'test-alerts',
      DisplayName: 'Test alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'AllowCloudWatchAlarms', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
  });

  it.each([
    [
      { topicName: 'same', displayName: 'same' },
      "`displayName` must be different from the topic name 'same', received 'same'",
    ],
    [
      { topicName: 'bad name', displayName: 'x' },
      "`topicName` must be an SNS topic name (1-256 letters, digits, hyphens, underscores), received 'bad name'",
    ],
    [{ topicName: 'ok', displayName: '' }, "`displayName` must be a display name of 1-100 characters, received ''"],
  ])('rejects %j', (props, message) => {
    const stack = emptyStack();
    expect(() => new AlertsTopic(stack, 'A', { encryptionKey: new kms.Key(stack, 'K'), ...props })).toThrow(message);
  });
});
