import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DetectorKeys } from '../../src';
import { emptyStack } from '../_helpers/stacks';

const ARN = 'arn:aws:kms:us-east-1:111111111111:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('DetectorKeys', () => {
  it('creates four rotating customer-managed keys with aliases under the prefix', () => {
    // Prepare
    const stack = emptyStack();
    // Act
    new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test' });
    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 4);
    template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true, RotationPeriodInDays: 365 });
    for (const name of ['logs', 'data', 'audit', 'messaging']) {
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/aad-test/${name}` });
    }
    template.allResources('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('gives administrators no cryptographic operation and delegates use to IAM of this account only', () => {
    const stack = emptyStack();
    new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test' });
    const statements = Template.fromStack(stack).findResources('AWS::KMS::Key') as Record<
      string,
      {
        Properties: {
          KeyPolicy: { Statement: { Sid: string; Action: string | string[]; Effect: string; Condition?: unknown }[] };
        };
      }
    >;
    for (const key of Object.values(statements)) {
      const bySid = Object.fromEntries(key.Properties.KeyPolicy.Statement.map((s) => [s.Sid, s]));
      const admin = [bySid.KeyAdministration.Action].flat();
      expect(admin).not.toContain('kms:*');
      expect(admin.filter((a) => /Decrypt|Encrypt|GenerateDataKey|CreateGrant/.test(a))).toEqual([]);
      expect(bySid.UseThroughIamPoliciesOfThisAccount.Condition).toEqual({
        StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } },
      });
      expect(bySid.DenyGrantsExceptForAwsServices).toMatchObject({
        Effect: 'Deny',
        Action: 'kms:CreateGrant',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      });
    }
  });

  it('adds each service statement once, scoped by condition', () => {
    const stack = emptyStack();
    const keys = new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test' });
    DetectorKeys.allowLogGroups(keys.logs, '/aad/test/');
    DetectorKeys.allowLogGroups(keys.logs, '/aad/test/');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsaadtest',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const logsKey = Object.values(template.findResources('AWS::KMS::Key')).find((k) =>
      JSON.stringify(k).includes('AllowCloudWatchLogs'),
    );
    expect(JSON.stringify(logsKey).match(/AllowCloudWatchLogsaadtest/g)).toHaveLength(1);
  });

  it('imports one key for every data class', () => {
    const stack = emptyStack();
    const keys = new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test', importedKeyArn: ARN });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
    expect(keys.imported).toBe(true);
    expect([keys.logs, keys.data, keys.audit, keys.messaging].map((k: kms.IKey) => k.keyArn)).toEqual([
      ARN,
      ARN,
      ARN,
      ARN,
    ]);
  });

  it('honours an explicit removal policy', () => {
    const stack = emptyStack();
    new DetectorKeys(stack, 'Keys', { aliasPrefix: 'aad-test', removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).allResources('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  it.each([
    [{ aliasPrefix: '' }, "`aliasPrefix` must be 1-200 letters, digits, '/', '_' or '-', received ''"],
    [
      { aliasPrefix: 'has space' },
      "`aliasPrefix` must be 1-200 letters, digits, '/', '_' or '-', received 'has space'",
    ],
    [{ aliasPrefix: 'ok', rotationDays: 30 }, '`rotationDays` must be an integer between 90 and 2560, received 30'],
    [
      { aliasPrefix: 'ok', importedKeyArn: 'key/123' },
      "`importedKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), received 'key/123'",
    ],
  ])('rejects %j', (props, message) => {
    expect(() => new DetectorKeys(emptyStack(), 'Keys', props)).toThrow(message);
  });
});
