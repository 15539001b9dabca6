import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AUDIT_TABLE_DESIGN, DetectorTable, PROFILE_TABLE_DESIGN, TableBackup } from '../../src';
import { emptyStack, synthesized } from '../_helpers/stacks';

describe('DetectorTable', () => {
  it('builds the audit table from the runtimes design: keys, GSIs, TTL, PITR, CMK, on demand', () => {
    const stack = emptyStack();
    new DetectorTable(stack, 'Audit', {
      tableName: 'test-audit',
      design: AUDIT_TABLE_DESIGN,
      encryptionKey: new kms.Key(stack, 'Key'),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'test-audit',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: AUDIT_TABLE_DESIGN.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: AUDIT_TABLE_DESIGN.sortKey!.name, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: AUDIT_TABLE_DESIGN.globalSecondaryIndexes.map((i) =>
        Match.objectLike({ IndexName: i.indexName, Projection: { ProjectionType: 'ALL' } }),
      ),
      TimeToLiveSpecification: { AttributeName: AUDIT_TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      },
      DeletionProtectionEnabled: true,
    });
  });

  it('rejects a short table name', () => {
    const stack = emptyStack();
    expect(
      () =>
        new DetectorTable(stack, 'T', {
          tableName: 'ab',
          design: PROFILE_TABLE_DESIGN,
          encryptionKey: new kms.Key(stack, 'K'),
        }),
    ).toThrow("`tableName` must be a name of 3-64 letters, digits, dots, hyphens or underscores, received 'ab'");
  });
});

describe('TableBackup', () => {
  it('backs both tables up daily into a KMS-encrypted vault with a scoped role (no AWS managed policy)', () => {
    const template = synthesized('aad-prod-detector');
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'aad-prod-tables',
      EncryptionKeyArn: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({
        BackupPlanRule: [
          Match.objectLike({ ScheduleExpression: 'cron(0 3 * * ? *)', Lifecycle: { DeleteAfterDays: 730 } }),
        ],
      }),
    });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditTable'), 'Arn'] },
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProfileTable'), 'Arn'] },
        ],
      }),
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('AWSBackupServiceRolePolicyForBackup');
  });

  it('rejects a backup retention of zero days', () => {
    const stack = emptyStack();
    const key = new kms.Key(stack, 'K');
    const table = new DetectorTable(stack, 'T', {
      tableName: 'test-t',
      design: PROFILE_TABLE_DESIGN,
      encryptionKey: key,
    });
    expect(
      () =>
        new TableBackup(stack, 'B', {
          name: 'test-b',
          tables: [table.table],
          tableKeys: [key],
          vaultKey: key,
          retentionDays: 0,
        }),
    ).toThrow('`retentionDays` must be an integer between 1 and 36500, received 0');
  });
});
