import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { customerManagedKeyEncryption } from '../../src/rules/customer-managed-key-encryption';

type Factory = (s: Stack, key: kms.IKey) => unknown;

const compliant: [string, Factory][] = [
  ['bucket with SSE-KMS and a CMK', (s, key) => new s3.Bucket(s, 'X', { encryptionKey: key })],
  ['queue with a CMK', (s, key) => new sqs.Queue(s, 'X', { encryptionMasterKey: key })],
  ['topic with a CMK', (s, key) => new sns.Topic(s, 'X', { masterKey: key })],
  [
    'table with a CMK',
    (s, key) =>
      new dynamodb.Table(s, 'X', {
        partitionKey: { name: 'k', type: dynamodb.AttributeType.STRING },
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: key,
      }),
  ],
  ['log group with a CMK', (s, key) => new logs.LogGroup(s, 'X', { encryptionKey: key })],
];
const nonCompliant: [string, Factory][] = [
  ['bucket with SSE-S3', (s) => new s3.Bucket(s, 'X', { encryption: s3.BucketEncryption.S3_MANAGED })],
  ['bucket with the AWS managed key', (s) => new s3.Bucket(s, 'X', { encryption: s3.BucketEncryption.KMS_MANAGED })],
  ['queue with SQS-managed SSE', (s) => new sqs.Queue(s, 'X', { encryption: sqs.QueueEncryption.SQS_MANAGED })],
  ['queue with alias/aws/sqs', (s) => new sqs.Queue(s, 'X', { encryption: sqs.QueueEncryption.KMS_MANAGED })],
  ['unencrypted topic', (s) => new sns.Topic(s, 'X')],
  [
    'table with the AWS owned key',
    (s) => new dynamodb.Table(s, 'X', { partitionKey: { name: 'k', type: dynamodb.AttributeType.STRING } }),
  ],
  ['log group without a key', (s) => new logs.LogGroup(s, 'X')],
];

describe('AAD-CustomerManagedKeyEncryption', () => {
  it.each(compliant)('passes a %s', (_label, make) => {
    const s = stack();
    expect(evaluate(customerManagedKeyEncryption, make(s, new kms.Key(s, 'K')))).toBe(NagRuleCompliance.COMPLIANT);
  });

  it.each(nonCompliant)('flags a %s', (_label, make) => {
    const s = stack();
    expect(evaluate(customerManagedKeyEncryption, make(s, new kms.Key(s, 'K')))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('does not apply to other resources', () => {
    const s = stack();
    expect(evaluate(customerManagedKeyEncryption, new kms.Key(s, 'K'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
