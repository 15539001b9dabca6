import { loadCloudAssembly, stacksWithPrefix } from '../../src/assembly/cloud-assembly';
import { bucketStorage, estimateCost } from '../../src/cost/estimator';
import { PRICE_TABLE, PriceTable, validatePriceTable } from '../../src/cost/price-table';
import { UsageAssumptions } from '../../src/cost/usage';
import { COMPLIANT } from '../_helpers/run';

const USAGE: UsageAssumptions = {
  eventsPerDay: 200_000,
  findingsPerDay: 100,
  logGbPerDay: 0.5,
  logGroupDays: 30,
  findingsDays: 180,
};
const dev = stacksWithPrefix(loadCloudAssembly(COMPLIANT), 'aad-dev');

describe('estimateCost', () => {
  it('prices every resource of the compliant dev app and checks the budget', () => {
    // Act
    const estimate = estimateCost(dev, { usage: USAGE, region: 'us-east-1', budgetUsd: 150 });
    // Assess
    expect(estimate.unpriced).toEqual([]);
    expect(estimate.warnings).toEqual([]);
    expect(estimate.withinBudget).toBe(true);
    expect(estimate.totalUsd).toBeGreaterThan(5);
    expect(estimate.totalUsd).toBe(Math.round(estimate.lines.reduce((s, l) => s + l.usd, 0) * 100) / 100);
    const kms = estimate.byType.find((t) => t.type === 'AWS::KMS::Key');
    expect(kms).toMatchObject({ count: 2 });
    expect(kms!.usd).toBeGreaterThanOrEqual(2);
    expect(estimate.free.map((f) => f.type)).toEqual(expect.arrayContaining(['AWS::IAM::Role', 'AWS::EC2::VPC']));
  });

  it('fails the budget when the estimate is above it', () => {
    const estimate = estimateCost(dev, { usage: USAGE, region: 'us-east-1', budgetUsd: 1 });
    expect(estimate.withinBudget).toBe(false);
  });

  it('grows with the usage assumptions', () => {
    const small = estimateCost(dev, { usage: USAGE, region: 'us-east-1' });
    const big = estimateCost(dev, {
      usage: { ...USAGE, eventsPerDay: 5_000_000, logGbPerDay: 10 },
      region: 'us-east-1',
    });
    expect(big.totalUsd).toBeGreaterThan(small.totalUsd);
    expect(small.withinBudget).toBeUndefined();
  });

  it('lists unknown types as unpriced, never as zero, and warns about another region', () => {
    // Prepare
    const stack = {
      ...dev.stacks[0],
      resources: {
        Db: { Type: 'AWS::Neptune::DBCluster' },
        Call: { Type: 'Custom::AWS' },
        Helper: { Type: 'Custom::S3AutoDeleteObjects' },
        Endpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: { Ref: 'Cfg' } } },
        Cfg: {
          Type: 'AWS::SageMaker::EndpointConfig',
          Properties: { ProductionVariants: [{ InstanceType: 'ml.p5.48xlarge' }] },
        },
      },
    };
    // Act
    const estimate = estimateCost(
      { directory: '.', stacks: [stack] },
      { usage: USAGE, region: 'eu-west-1', budgetUsd: 100 },
    );
    // Assess
    expect(estimate.unpriced.map((u) => [u.logicalId, u.reason])).toEqual([
      ['Db', 'no price in the table for this type'],
      ['Call', 'calls an AWS API at deploy time; what it enables is not in the template'],
      ['Endpoint', 'endpoint instance type not in the price table (or serverless)'],
    ]);
    expect(estimate.warnings).toEqual([
      'prices are for us-east-1; eu-west-1 prices differ (usually by a few percent)',
      '3 resource(s) are not priced: the total is a lower bound',
    ]);
  });

  it('prices the platform services when they are in the template', () => {
    const stack = {
      ...dev.stacks[0],
      resources: {
        Gd: { Type: 'AWS::GuardDuty::Detector' },
        Hub: { Type: 'AWS::SecurityHub::Hub' },
        Rec: { Type: 'AWS::Config::ConfigurationRecorder' },
        Rule: { Type: 'AWS::Config::ConfigRule' },
        Macie: { Type: 'AWS::Macie::Session' },
        Graph: { Type: 'AWS::Detective::Graph' },
        Nat: { Type: 'AWS::EC2::NatGateway' },
        Eip: { Type: 'AWS::EC2::EIP' },
        Flow: { Type: 'AWS::EC2::FlowLog', Properties: { LogDestinationType: 's3' } },
        FlowCw: { Type: 'AWS::EC2::FlowLog', Properties: {} },
        Lake: { Type: 'AWS::CloudTrail::EventDataStore' },
        Trail: {
          Type: 'AWS::CloudTrail::Trail',
          Properties: { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object' }] }], InsightSelectors: [{}] },
        },
        Sec: { Type: 'AWS::SecretsManager::Secret' },
        Adv: { Type: 'AWS::SSM::Parameter', Properties: { Tier: 'Advanced' } },
        Std: { Type: 'AWS::SSM::Parameter', Properties: { Tier: 'Standard' } },
        Vault: { Type: 'AWS::Backup::BackupVault' },
        Sm: { Type: 'AWS::StepFunctions::StateMachine' },
        Bus: { Type: 'AWS::Events::EventBus' },
        Disc: { Type: 'AWS::EventSchemas::Discoverer' },
        Dash: { Type: 'AWS::CloudWatch::Dashboard' },
        Comp: { Type: 'AWS::CloudWatch::CompositeAlarm' },
        Ep: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: { Ref: 'Cfg' } } },
        Cfg: {
          Type: 'AWS::SageMaker::EndpointConfig',
          Properties: { ProductionVariants: [{ InstanceType: 'ml.t2.medium', InitialInstanceCount: 1 }] },
        },
      },
    };
    const estimate = estimateCost(
      { directory: '.', stacks: [stack] },
      { usage: { ...USAGE, eventsPerDay: 5_000_000, logGbPerDay: 10 }, region: 'us-east-1' },
    );
    expect(estimate.unpriced).toEqual([]);
    const gd = estimate.byType.find((t) => t.type === 'AWS::GuardDuty::Detector')!;
    // 5M events/day × 30.4 days × 4 USD/M + 5 GB/day × 30.4 × 1 USD/GB
    expect(gd.usd).toBeCloseTo(608 + 152, 0);
    expect(estimate.byType.find((t) => t.type === 'AWS::EC2::NatGateway')!.usd).toBeCloseTo(32.85 + 1.368, 1);
    expect(estimate.free.map((f) => f.type)).toContain('AWS::SSM::Parameter');
  });
});

describe('conditional resources and parameters', () => {
  const stack = (enabled: string): (typeof dev.stacks)[0] => ({
    ...dev.stacks[0],
    parameters: {
      Enable: { Type: 'String', Default: enabled },
      InstanceType: { Type: 'String', Default: 'ml.m5.large' },
      Count: { Type: 'Number', Default: 2 },
    },
    conditions: {
      Enabled: { 'Fn::Equals': [{ Ref: 'Enable' }, 'true'] },
      Both: { 'Fn::And': [{ Condition: 'Enabled' }, { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] }] }] },
      Either: { 'Fn::Or': [{ Condition: 'Enabled' }, { 'Fn::Equals': ['a', 'a'] }] },
      Unknown: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] }] },
    },
    resources: {
      Ep: {
        Type: 'AWS::SageMaker::Endpoint',
        Condition: 'Enabled',
        Properties: { EndpointConfigName: { Ref: 'Cfg' } },
      },
      Cfg: {
        Type: 'AWS::SageMaker::EndpointConfig',
        Condition: 'Enabled',
        Properties: {
          ProductionVariants: [{ InstanceType: { Ref: 'InstanceType' }, InitialInstanceCount: { Ref: 'Count' } }],
        },
      },
      Key: { Type: 'AWS::KMS::Key', Condition: 'Either' },
      Other: { Type: 'AWS::KMS::Key', Condition: 'Both' },
      Regional: { Type: 'AWS::KMS::Key', Condition: 'Unknown' },
    },
  });

  it('leaves out resources whose condition is false with default parameters', () => {
    const estimate = estimateCost({ directory: '.', stacks: [stack('false')] }, { usage: USAGE, region: 'us-east-1' });
    expect(estimate.notCreated.map((n) => n.logicalId)).toEqual(['Ep', 'Cfg', 'Other']);
    // Unknown (depends on a pseudo parameter): counted, with a note.
    expect(estimate.lines.filter((l) => l.logicalId === 'Regional')[0].note).toContain('(conditional: Unknown)');
    expect(estimate.lines.some((l) => l.logicalId === 'Key')).toBe(true);
  });

  it('prices an enabled endpoint from the parameter defaults', () => {
    const estimate = estimateCost({ directory: '.', stacks: [stack('true')] }, { usage: USAGE, region: 'us-east-1' });
    const line = estimate.lines.find((l) => l.logicalId === 'Ep')!;
    expect(line).toMatchObject({
      priceId: 'sagemaker.ml.m5.large',
      quantity: 730 * 2,
      note: '2 × ml.m5.large always on (conditional: Enabled)',
    });
  });
});

describe('bucketStorage', () => {
  it('splits steady-state storage by the bucket lifecycle', () => {
    const bucket = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        LifecycleConfiguration: {
          Rules: [
            {
              Status: 'Enabled',
              ExpirationInDays: 365,
              Transitions: [
                { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
                { StorageClass: 'GLACIER', TransitionInDays: 90 },
              ],
            },
          ],
        },
      },
    };
    expect(bucketStorage(bucket, 1).map((q) => [q.priceId, q.quantity])).toEqual([
      ['s3.standard', 30],
      ['s3.standard-ia', 60],
      ['s3.glacier', 275],
    ]);
    expect(bucketStorage({ Type: 'AWS::S3::Bucket' }, 1)).toEqual([
      expect.objectContaining({ priceId: 's3.standard', quantity: 12 * 30.4 }),
    ]);
  });
});

describe('price table', () => {
  it('gives every price a source and a date', () => {
    for (const price of Object.values(PRICE_TABLE.prices)) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(price.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(PRICE_TABLE.region).toBe('us-east-1');
  });

  it('rejects a price without source or date', () => {
    const bad = {
      ...PRICE_TABLE,
      prices: { x: { usd: -1, unit: '', source: 'somewhere', date: 'today' } },
      free: { 'AWS::X::Y': '' },
    } as PriceTable;
    expect(() => validatePriceTable(bad)).toThrow(
      /x: usd must be a number ≥ 0\nx: unit is required\nx: source must be an https URL\nx: date must be YYYY-MM-DD\nfree.AWS::X::Y: a reason is required/,
    );
  });
});
