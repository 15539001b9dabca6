import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { SecurityHubPublisher, asffResource, asffTypes, labelOfScore, toAsff } from '../../src/publish';
import { makeItem } from '../_helpers/findings';

const PRODUCT = 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default';
const hub = mockClient(SecurityHubClient);
const NO_WAIT = { sleep: async () => undefined };

describe('toAsff', () => {
  it('maps a finding to ASFF with product ARN, types, normalized severity and resources', () => {
    const asff = toAsff(makeItem({ finding_id: 'f-1', risk_score: 85.4 }), PRODUCT);
    expect(asff).toEqual(
      expect.objectContaining({
        SchemaVersion: '2018-10-08',
        Id: 'aad/f-1',
        ProductArn: PRODUCT,
        GeneratorId: 'aad/defense-evasion/stop-logging',
        AwsAccountId: '111111111111',
        Types: ['TTPs/Defense Evasion/T1562.008'],
        Severity: { Label: 'HIGH', Normalized: 85, Original: '85.4' },
        FirstObservedAt: '2026-11-20T10:00:00.000Z',
        CreatedAt: '2026-11-20T10:05:00.000Z',
        RecordState: 'ACTIVE',
        Workflow: { Status: 'NEW' },
        Remediation: { Recommendation: { Text: 'Start logging on the trail again' } },
      }),
    );
    expect(asff.Resources).toEqual([
      { Type: 'AwsIamUser', Id: 'arn:aws:iam::111111111111:user/alice', Partition: 'aws', Region: 'us-east-1' },
      {
        Type: 'AwsCloudTrailTrail',
        Id: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/main',
        Partition: 'aws',
        Region: 'us-east-1',
      },
    ]);
    expect(asff.ProductFields?.['aad/source']).toBe(
      's3://aad-dev-raw-logs-111111111111/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/20/file.json.gz?versionId=v1#3',
    );
    expect(asff.ProductFields?.['aad/record_sha256']).toBe('a'.repeat(64));
  });

  it.each([
    [[{ tactic: 'exfiltration', technique: 'T1537' }], ['Effects/Data Exfiltration/T1537']],
    [[{ tactic: 'Impact', technique: 'T1496' }], ['Effects/Resource Consumption/T1496']],
    [[{ tactic: 'privilege_escalation' }], ['TTPs/Privilege Escalation']],
    [[{ tactic: 'made-up' }], ['Unusual Behaviors/User']],
    [[], ['Unusual Behaviors/User']],
  ])('maps MITRE %j to ASFF types %j', (mitre, types) => {
    expect(asffTypes(mitre)).toEqual(types);
  });

  it.each([
    [0, 'INFORMATIONAL'],
    [39, 'LOW'],
    [40, 'MEDIUM'],
    [70, 'HIGH'],
    [90, 'CRITICAL'],
  ])('labels score %d as %s', (score, label) => {
    expect(labelOfScore(score)).toBe(label);
  });

  it.each([
    ['AKIAIOSFODNN7EXAMPLE', undefined, 'AwsIamAccessKey', 'AKIAIOSFODNN7EXAMPLE'],
    ['arn:aws:sts::111111111111:assumed-role/Admin/s', 'assumed-role', 'AwsIamRole', undefined],
    ['public-bucket', 'bucket', 'AwsS3Bucket', 'arn:aws:s3:::public-bucket'],
    ['arn:aws:iam::111111111111:root', 'root', 'AwsAccount', undefined],
    ['something', undefined, 'Other', undefined],
  ])('types resource %s as %s', (id, entityType, type, resourceId) => {
    const r = asffResource(id, entityType, { partition: 'aws', region: 'us-east-1', account: '1' }, 'us-east-1');
    expect(r.Type).toBe(type);
    expect(r.Id).toBe(resourceId ?? id);
  });
});

describe('SecurityHubPublisher', () => {
  beforeEach(() => hub.reset());

  it('imports 100 findings per call', async () => {
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
    const items = Array.from({ length: 150 }, (_, i) => makeItem({ finding_id: `f-${i}` }));
    const result = await new SecurityHubPublisher(new SecurityHubClient({}), PRODUCT, NO_WAIT).publish(items);
    expect(hub.commandCalls(BatchImportFindingsCommand).map((c) => c.args[0].input.Findings!.length)).toEqual([
      100, 50,
    ]);
    expect(result.published).toHaveLength(150);
  });

  it('retries findings that failed with a throttling code, and reports the rest', async () => {
    hub
      .on(BatchImportFindingsCommand)
      .resolvesOnce({
        FailedCount: 2,
        SuccessCount: 0,
        FailedFindings: [
          { Id: 'aad/f-1', ErrorCode: 'ThrottlingException', ErrorMessage: 'slow' },
          { Id: 'aad/f-2', ErrorCode: 'InvalidInput', ErrorMessage: 'bad' },
        ],
      })
      .resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
    const result = await new SecurityHubPublisher(new SecurityHubClient({}), PRODUCT, NO_WAIT).publish([
      makeItem({ finding_id: 'f-1' }),
      makeItem({ finding_id: 'f-2' }),
    ]);
    expect(result).toEqual({ published: ['f-1'], failed: [{ id: 'f-2', code: 'InvalidInput', message: 'bad' }] });
    expect(hub.commandCalls(BatchImportFindingsCommand)[1].args[0].input.Findings!.map((f) => f.Id)).toEqual([
      'aad/f-1',
    ]);
  });
});
