import { Metrics } from '@aws-lambda-powertools/metrics';
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetBucketPolicyStatusCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { AuditTable } from '../../src/audit';
import { createLogger } from '../../src/observability';
import {
  AccessKeyDeactivatedVerifier,
  BucketNotPublicVerifier,
  Reconciler,
  TrailLoggingVerifier,
} from '../../src/reconciler';
import { captureOutput, OutputCapture } from '../_helpers/capture';
import { makeItem } from '../_helpers/findings';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const ct = mockClient(CloudTrailClient);
const NO_WAIT = { sleep: async () => undefined, maxAttempts: 2 };
const named = (name: string): Error => Object.assign(new Error(name), { name });

describe('Reconciler (dynalite + IAM/S3/CloudTrail mocks)', () => {
  let db: LocalDynamoDb;
  let audit: AuditTable;
  let out: OutputCapture;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    audit = new AuditTable(db.doc, (await db.createTables()).audit);
    for (const m of [iam, s3, ct]) m.reset();
    out = captureOutput();
  });
  afterEach(() => out.restore());

  let metrics: Metrics;
  const reconciler = (): Reconciler =>
    new Reconciler({
      audit,
      verifiers: [
        new AccessKeyDeactivatedVerifier(new IAMClient({}), NO_WAIT),
        new BucketNotPublicVerifier(new S3Client({}), NO_WAIT),
        new TrailLoggingVerifier(new CloudTrailClient({}), NO_WAIT),
      ],
      slaHours: 72,
      logger: createLogger('aad-reconciler'),
      metrics: (metrics = new Metrics({ namespace: 'AccessAnomalyDetector', serviceName: 'aad-reconciler' })),
    });
  const action = (kind: string, target: string) => ({ recommended_action: { kind, target, description: kind } });
  const recorded = new Date('2026-11-20T10:05:00Z');

  it('verifies each recommendation, writes one record each, closes the implemented and counts the missing', async () => {
    // Prepare
    await audit.putFindings([
      makeItem({ finding_id: 'key-off', ...action('deactivate-access-key', 'AKIAIOSFODNN7EXAMPLE') }, recorded),
      makeItem({ finding_id: 'key-on', ...action('deactivate-access-key', 'AKIAI44QH8DHBEXAMPLE') }, recorded),
      makeItem({ finding_id: 'bucket', ...action('block-public-bucket', 'public-bucket') }, recorded),
      makeItem(
        { finding_id: 'trail', ...action('restore-logging', 'arn:aws:cloudtrail:us-east-1:1:trail/main') },
        recorded,
      ),
      makeItem({ finding_id: 'acked', ...action('rotate-secret', 'db-password') }, recorded),
      makeItem({ finding_id: 'unknown', ...action('rotate-secret', 'other') }, recorded),
      makeItem(
        { finding_id: 'recent', ...action('restore-logging', 'arn:aws:cloudtrail:us-east-1:1:trail/main') },
        new Date('2026-11-23T00:00:00Z'),
      ),
    ]);
    await audit.putAcknowledgement('acked', 'secops@example.com', new Date('2026-11-21T00:00:00Z'));
    iam.on(GetAccessKeyLastUsedCommand).resolves({ UserName: 'alice' });
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [
        { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' },
        { AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', Status: 'Active' },
      ],
    });
    s3.on(GetPublicAccessBlockCommand).rejects(named('NoSuchPublicAccessBlockConfiguration'));
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    // Act
    const summary = await reconciler().run(new Date('2026-11-24T00:00:00Z'));
    metrics.publishStoredMetrics();
    // Assess
    expect(summary.byStatus).toEqual({
      implemented: 2,
      acknowledged: 1,
      pending: 1,
      missing: 3,
      unverifiable: 0,
      error: 0,
    });
    expect(summary.missing).toBe(3);
    expect((await audit.openRecommendations()).map((f) => f.finding_id).sort()).toEqual([
      'key-on',
      'recent',
      'trail',
      'unknown',
    ]);
    const rec = await db.doc.send(
      new QueryCommand({
        TableName: audit.tableName,
        KeyConditionExpression: 'finding_id = :f AND record_type = :r',
        ExpressionAttributeValues: { ':f': 'key-on', ':r': 'RECONCILIATION' },
      }),
    );
    expect(rec.Items?.[0]).toEqual(
      expect.objectContaining({
        status: 'missing',
        due_at: '2026-11-23T10:05:00.000Z',
        detail: 'access key AKIAI44QH8DHBEXAMPLE of alice is Active',
      }),
    );
    expect(
      iam
        .commandCalls(GetAccessKeyLastUsedCommand)
        .map((c) => c.args[0].input.AccessKeyId)
        .sort(),
    ).toEqual(['AKIAI44QH8DHBEXAMPLE', 'AKIAIOSFODNN7EXAMPLE']);
    expect(s3.commandCalls(GetBucketPolicyStatusCommand)[0].args[0].input).toEqual({ Bucket: 'public-bucket' });
    expect(ct.commandCalls(GetTrailStatusCommand)[0].args[0].input).toEqual({
      Name: 'arn:aws:cloudtrail:us-east-1:1:trail/main',
    });
    expect(out.metric('ReconciliationMissingCount')).toBe(3);
    expect(out.metric('ReconciliationImplementedCount')).toBe(2);
  });

  it('records a verifier failure as an error before the SLA', async () => {
    await audit.putFinding(
      makeItem({ finding_id: 'k', ...action('deactivate-access-key', 'AKIAIOSFODNN7EXAMPLE') }, recorded),
    );
    iam.on(GetAccessKeyLastUsedCommand).rejects(named('AccessDenied'));
    const summary = await reconciler().run(new Date('2026-11-21T00:00:00Z'));
    metrics.publishStoredMetrics();
    expect(summary.byStatus.error).toBe(1);
    expect(out.metric('ReconciliationErrors')).toBe(1);
  });
});

describe('verifiers', () => {
  beforeEach(() => {
    for (const m of [iam, s3, ct]) m.reset();
  });

  it('treats a deleted access key as deactivated', async () => {
    iam.on(GetAccessKeyLastUsedCommand).rejects(named('NoSuchEntityException'));
    await expect(new AccessKeyDeactivatedVerifier(new IAMClient({})).verify('AKIAIOSFODNN7EXAMPLE')).resolves.toEqual({
      implemented: true,
      detail: 'access key AKIAIOSFODNN7EXAMPLE no longer exists',
    });
  });

  it('accepts a bucket that blocks all public access', async () => {
    s3.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    const result = await new BucketNotPublicVerifier(new S3Client({})).verify('arn:aws:s3:::data');
    expect(result.implemented).toBe(true);
    expect(s3.commandCalls(GetPublicAccessBlockCommand)[0].args[0].input).toEqual({ Bucket: 'data' });
    expect(s3.commandCalls(GetBucketPolicyStatusCommand)).toHaveLength(0);
  });

  it('reports a bucket whose policy is still public', async () => {
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true } });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    const result = await new BucketNotPublicVerifier(new S3Client({})).verify('data');
    expect(result).toEqual({ implemented: false, detail: 'bucket data policy is public' });
  });

  it('accepts a trail that logs again', async () => {
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    await expect(new TrailLoggingVerifier(new CloudTrailClient({})).verify('main')).resolves.toEqual({
      implemented: true,
      detail: 'trail main is logging',
    });
  });
});
