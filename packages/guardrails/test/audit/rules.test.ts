import { CfnResource, CloudAssembly, StackTemplate } from '../../src/assembly/cloud-assembly';
import { AuditRule, GlobalRule, RepositoryFacts, ResourceRule, Verdict } from '../../src/audit/rule';
import * as rules from '../../src/audit/rules';
import { sensitiveActionsCovered } from '../../src/audit/rules/iam-wildcard-sensitive';
import { namingPrefix } from '../../src/audit/rules/physical-naming';
import { requiredTagsRule } from '../../src/audit/rules/required-tags';
import { isPinnedReference } from '../../src/audit/rules/unpinned-workflow-action';

type Resources = Record<string, CfnResource>;

function stack(resources: Resources, stackName = 'aad-dev-detector'): StackTemplate {
  return { stackName, templateFile: `${stackName}.template.json`, resources, parameters: {}, outputs: {} };
}

function checkOne(rule: ResourceRule, resources: Resources, id: string): Verdict {
  const s = stack(resources);
  const assembly: CloudAssembly = { directory: '.', stacks: [s] };
  return rule.check(resources[id], { stack: s, logicalId: id, assembly });
}

const KEY = { 'Fn::GetAtt': ['Key', 'Arn'] };
const KMS_KEY: CfnResource = { Type: 'AWS::KMS::Key', Properties: {} };
const PAB = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
const bucket = (props: Record<string, unknown> = {}): CfnResource => ({
  Type: 'AWS::S3::Bucket',
  Properties: { PublicAccessBlockConfiguration: PAB, ...props },
});
const kmsBucket = (props: Record<string, unknown> = {}): CfnResource =>
  bucket({
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } },
      ],
    },
    ...props,
  });
const sseS3 = {
  BucketEncryption: {
    ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
  },
};
const policy = (bucketId: string, statement: Record<string, unknown>[]): CfnResource => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: { Bucket: { Ref: bucketId }, PolicyDocument: { Statement: statement } },
});
const iamPolicy = (statement: Record<string, unknown>[]): CfnResource => ({
  Type: 'AWS::IAM::Policy',
  Properties: { PolicyDocument: { Statement: statement } },
});
const fn = (props: Record<string, unknown> = {}): CfnResource => ({ Type: 'AWS::Lambda::Function', Properties: props });
const subnet = (vpc: string, az: unknown): CfnResource => ({
  Type: 'AWS::EC2::Subnet',
  Properties: { VpcId: { Ref: vpc }, AvailabilityZone: az },
});

interface Case {
  readonly rule: ResourceRule;
  readonly compliant: Resources;
  readonly nonCompliant: Resources;
  /** The resource under test in both stacks. */
  readonly id: string;
  readonly reason: RegExp;
}

const CASES: Case[] = [
  {
    rule: rules.s3PublicAccess,
    id: 'B',
    compliant: { B: kmsBucket() },
    nonCompliant: {
      B: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: { BlockPublicAcls: true } } },
    },
    reason: /does not set BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets/,
  },
  {
    rule: rules.s3PublicAccess,
    id: 'B',
    compliant: {
      B: kmsBucket(),
      P: policy('B', [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ]),
    },
    nonCompliant: {
      B: kmsBucket(),
      P: policy('B', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject' }]),
    },
    reason: /allows Principal "\*" without a condition/,
  },
  {
    rule: rules.s3PublicAccess,
    id: 'B',
    compliant: { B: kmsBucket({ AccessControl: 'Private' }) },
    nonCompliant: { B: kmsBucket({ AccessControl: 'PublicRead' }) },
    reason: /AccessControl is PublicRead/,
  },
  {
    rule: rules.dataStoreEncryption,
    id: 'B',
    compliant: { B: bucket(sseS3) },
    nonCompliant: { B: bucket() },
    reason: /declares no encryption at rest/,
  },
  {
    rule: rules.dataStoreEncryption,
    id: 'D',
    compliant: { D: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: true } } },
    nonCompliant: { D: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: false } } },
    reason: /no encryption/,
  },
  {
    rule: rules.iamWildcardSensitive,
    id: 'P',
    compliant: {
      P: iamPolicy([
        { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'ec2:DescribeNetworkInterfaces'], Resource: '*' },
      ]),
    },
    nonCompliant: { P: iamPolicy([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]) },
    reason: /allows s3:GetObject on Resource "\*"/,
  },
  {
    rule: rules.iamWildcardSensitive,
    id: 'R',
    compliant: {
      R: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } }] },
      },
    },
    nonCompliant: {
      R: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: ['*'] }] } }],
        },
      },
    },
    reason: /allows dynamodb:\* on Resource/,
  },
  {
    rule: rules.iamWildcardSensitive,
    id: 'P',
    compliant: { P: iamPolicy([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }]) },
    nonCompliant: { P: iamPolicy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) },
    reason: /NotAction/,
  },
  {
    rule: rules.tableBackups,
    id: 'T',
    compliant: {
      T: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
      },
    },
    nonCompliant: { T: { Type: 'AWS::DynamoDB::Table', Properties: {} } },
    reason: /point-in-time recovery is off/,
  },
  {
    rule: rules.tableBackups,
    id: 'G',
    compliant: {
      G: {
        Type: 'AWS::DynamoDB::GlobalTable',
        Properties: {
          Replicas: [{ Region: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
        },
      },
    },
    nonCompliant: { G: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: [{ Region: 'us-west-2' }] } } },
    reason: /replica\(s\) us-west-2/,
  },
  {
    rule: rules.tableBackups,
    id: 'D',
    compliant: { D: { Type: 'AWS::RDS::DBInstance', Properties: { BackupRetentionPeriod: 7 } } },
    nonCompliant: { D: { Type: 'AWS::RDS::DBInstance', Properties: { BackupRetentionPeriod: 0 } } },
    reason: /BackupRetentionPeriod is 0/,
  },
  {
    rule: rules.databaseMultiAz,
    id: 'D',
    compliant: { D: { Type: 'AWS::RDS::DBInstance', Properties: { MultiAZ: true } } },
    nonCompliant: { D: { Type: 'AWS::RDS::DBInstance', Properties: {} } },
    reason: /MultiAZ is not true/,
  },
  {
    rule: rules.sqsDlq,
    id: 'Q',
    compliant: {
      Q: {
        Type: 'AWS::SQS::Queue',
        Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['D', 'Arn'] } } },
      },
    },
    nonCompliant: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } },
    reason: /no RedrivePolicy/,
  },
  {
    rule: rules.sqsDlq,
    id: 'D',
    compliant: {
      D: { Type: 'AWS::SQS::Queue', Properties: {} },
      F: fn({ DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['D', 'Arn'] } } }),
    },
    nonCompliant: { D: { Type: 'AWS::SQS::Queue', Properties: {} }, F: fn() },
    reason: /not a dead-letter queue/,
  },
  {
    rule: rules.lambdaAsyncDlq,
    id: 'F',
    compliant: {
      F: fn(),
      S: {
        Type: 'AWS::SNS::Subscription',
        Properties: { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['F', 'Arn'] } },
      },
      C: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: { FunctionName: { Ref: 'F' }, DestinationConfig: { OnFailure: { Destination: 'arn' } } },
      },
    },
    nonCompliant: {
      F: fn(),
      S: {
        Type: 'AWS::SNS::Subscription',
        Properties: { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['F', 'Arn'] } },
      },
    },
    reason: /invoked asynchronously by SNS subscription S/,
  },
  {
    rule: rules.lambdaAsyncDlq,
    id: 'F',
    compliant: {
      F: fn({ DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:111111111111:dlq' } }),
      R: { Type: 'AWS::Events::Rule', Properties: { Targets: [{ Arn: { 'Fn::GetAtt': ['F', 'Arn'] } }] } },
    },
    nonCompliant: {
      F: fn(),
      R: { Type: 'AWS::Scheduler::Schedule', Properties: { Target: { Arn: { 'Fn::GetAtt': ['F', 'Arn'] } } } },
    },
    reason: /EventBridge schedule R/,
  },
  {
    rule: rules.iamPermissionBoundary,
    id: 'R',
    compliant: {
      R: { Type: 'AWS::IAM::Role', Properties: { PermissionsBoundary: 'arn:aws:iam::111111111111:policy/b' } },
    },
    nonCompliant: { R: { Type: 'AWS::IAM::User', Properties: {} } },
    reason: /user has no PermissionsBoundary/,
  },
  {
    rule: rules.networkMultiAz,
    id: 'V',
    compliant: {
      V: { Type: 'AWS::EC2::VPC', Properties: {} },
      A: subnet('V', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }),
      B: subnet('V', { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] }),
    },
    nonCompliant: {
      V: { Type: 'AWS::EC2::VPC', Properties: {} },
      A: subnet('V', 'us-east-1a'),
      B: subnet('V', 'us-east-1a'),
    },
    reason: /2 subnet\(s\) are all in one availability zone/,
  },
  {
    rule: rules.networkMultiAz,
    id: 'F',
    compliant: { F: fn({ VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'] } }) },
    nonCompliant: { F: fn({ VpcConfig: { SubnetIds: ['subnet-1'] } }) },
    reason: /attached to 1 subnet/,
  },
  {
    rule: rules.kmsCmk,
    id: 'T',
    compliant: {
      Key: KMS_KEY,
      T: { Type: 'AWS::DynamoDB::Table', Properties: { SSESpecification: { SSEEnabled: true, KMSMasterKeyId: KEY } } },
    },
    nonCompliant: { T: { Type: 'AWS::DynamoDB::Table', Properties: { SSESpecification: { SSEEnabled: true } } } },
    reason: /AWS-managed key/,
  },
  {
    rule: rules.kmsCmk,
    id: 'L',
    compliant: { L: bucket(sseS3), B: kmsBucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'L' } } }) },
    nonCompliant: { L: bucket(sseS3) },
    reason: /service default key/,
  },
  {
    rule: rules.kmsCmk,
    id: 'Q',
    compliant: {
      Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:key/abc' } },
    },
    nonCompliant: { Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/aws/sqs' } } },
    reason: /AWS-managed key/,
  },
  {
    rule: rules.messagingEncryption,
    id: 'T',
    compliant: { T: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } } },
    nonCompliant: { T: { Type: 'AWS::SNS::Topic', Properties: {} } },
    reason: /topic is not encrypted/,
  },
  {
    rule: rules.messagingEncryption,
    id: 'Q',
    compliant: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } },
    nonCompliant: { Q: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false } } },
    reason: /queue is not encrypted/,
  },
  {
    rule: rules.requiredTags,
    id: 'B',
    compliant: {
      B: kmsBucket({
        Tags: [
          { Key: 'Application', Value: 'a' },
          { Key: 'Environment', Value: 'dev' },
          { Key: 'CostCenter', Value: 'c' },
        ],
      }),
    },
    nonCompliant: { B: kmsBucket() },
    reason: /missing tag\(s\) Application, Environment, CostCenter/,
  },
  {
    rule: rules.requiredTags,
    id: 'P',
    compliant: {
      P: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Tags: { Application: 'a', Environment: 'dev', CostCenter: 'c' } },
      },
    },
    nonCompliant: { P: { Type: 'AWS::SSM::Parameter', Properties: { Tags: { Application: 'a' } } } },
    reason: /missing tag\(s\) Environment, CostCenter/,
  },
  {
    rule: rules.logRetention,
    id: 'G',
    compliant: { G: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } } },
    nonCompliant: { G: { Type: 'AWS::Logs::LogGroup', Properties: {} } },
    reason: /no RetentionInDays/,
  },
  {
    rule: rules.logRetention,
    id: 'F',
    compliant: {
      F: fn(),
      R: {
        Type: 'Custom::LogRetention',
        Properties: { LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'F' }]] } },
      },
    },
    nonCompliant: { F: fn() },
    reason: /implicit \/aws\/lambda log group/,
  },
  {
    rule: rules.s3Versioning,
    id: 'B',
    compliant: { B: kmsBucket({ VersioningConfiguration: { Status: 'Enabled' } }) },
    nonCompliant: { B: kmsBucket({ VersioningConfiguration: { Status: 'Suspended' } }) },
    reason: /versioning is Suspended/,
  },
  {
    rule: rules.s3AccessLogging,
    id: 'L',
    compliant: {
      L: bucket(sseS3),
      P: policy('L', [{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }]),
    },
    nonCompliant: { L: bucket(sseS3) },
    reason: /no LoggingConfiguration/,
  },
  {
    rule: rules.s3Lifecycle,
    id: 'B',
    compliant: { B: kmsBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 30 }] } }) },
    nonCompliant: {
      B: kmsBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Disabled', ExpirationInDays: 30 }] } }),
    },
    reason: /no enabled lifecycle rule/,
  },
  {
    rule: rules.s3TlsOnly,
    id: 'B',
    compliant: {
      B: kmsBucket(),
      P: policy('B', [{ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]),
    },
    nonCompliant: { B: kmsBucket(), P: policy('B', [{ Effect: 'Allow', Action: 's3:GetObject' }]) },
    reason: /aws:SecureTransport/,
  },
  {
    rule: rules.lambdaInVpc,
    id: 'F',
    compliant: { F: fn({ VpcConfig: { SubnetIds: ['a', 'b'] } }) },
    nonCompliant: { F: fn() },
    reason: /no VpcConfig/,
  },
  {
    rule: rules.physicalNaming,
    id: 'Q',
    compliant: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'aad-dev-ingest' } } },
    nonCompliant: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'IngestQueue' } } },
    reason: /does not contain the prefix 'aad-dev'/,
  },
];

describe('resource rules', () => {
  it.each(CASES.map((c, i) => [`${c.rule.id} #${i}`, c] as const))('%s: compliant case passes', (_name, c) => {
    expect(checkOne(c.rule, c.compliant, c.id).status).not.toBe('non-compliant');
  });

  it.each(CASES.map((c, i) => [`${c.rule.id} #${i}`, c] as const))(
    '%s: non-compliant case is flagged with its reason',
    (_name, c) => {
      const verdict = checkOne(c.rule, c.nonCompliant, c.id);
      expect(verdict.status).toBe('non-compliant');
      expect(verdict.status === 'non-compliant' && verdict.reason).toMatch(c.reason);
    },
  );

  it('has a compliant and a non-compliant case for every resource rule', () => {
    const covered = new Set(CASES.map((c) => c.rule.id));
    const resourceRules = rules.ALL_RULES.filter((r): r is ResourceRule => r.scope === 'resource');
    expect(resourceRules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('finds which sensitive actions a wildcard action covers', () => {
    expect(sensitiveActionsCovered('kms:GenerateData*')).toEqual(['kms:GenerateDataKey']);
    expect(sensitiveActionsCovered('ec2:Describe*')).toEqual([]);
    expect(sensitiveActionsCovered('*')).toEqual(['*']);
  });

  it('derives the naming prefix from the stack name', () => {
    expect(namingPrefix('aad-dev-team-pipeline')).toBe('aad-dev');
    expect(namingPrefix('MyStack')).toBe('MyStack');
  });

  it('accepts a custom set of required tags', () => {
    const rule = requiredTagsRule(['Owner']);
    expect(checkOne(rule, { B: kmsBucket({ Tags: [{ Key: 'Owner', Value: 'x' }] }) }, 'B').status).toBe('compliant');
    expect(checkOne(rule, { X: { Type: 'AWS::CDK::Metadata' } }, 'X').status).toBe('not-applicable');
  });
});

function globalCheck(
  rule: GlobalRule,
  stacks: StackTemplate[],
  repository?: RepositoryFacts,
): ReturnType<GlobalRule['check']> {
  return rule.check({ assembly: { directory: '.', stacks }, repository });
}

describe('app and repository rules', () => {
  const withAll = stack({
    B: { Type: 'AWS::Budgets::Budget' },
    T: { Type: 'AWS::CloudTrail::Trail' },
    C: { Type: 'AWS::Config::ConfigurationRecorder' },
  });
  const prod = stack({ K: KMS_KEY }, 'aad-prod-detector');

  it.each([rules.budgetDefined, rules.cloudTrailEnabled, rules.configRecorder].map((r) => [r.id, r] as const))(
    '%s judges each environment apart',
    (_id, rule) => {
      expect(globalCheck(rule, [withAll])).toEqual([]);
      const issues = globalCheck(rule, [withAll, prod]);
      expect(issues).toHaveLength(1);
      expect(issues?.[0]).toMatchObject({
        stack: 'aad-prod-detector',
        reason: expect.stringMatching(/^aad-prod: no /),
      });
    },
  );

  const repo = (over: Partial<RepositoryFacts>): RepositoryFacts => ({ root: '.', workflows: [], ...over });

  it('flags workflow actions referenced by tag, with file and line', () => {
    const workflows = [
      {
        path: '.github/workflows/build.yml',
        text: [
          'steps:',
          '  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
          '  - uses: actions/setup-node@v4',
          '  - uses: ./.github/actions/local',
          "    uses: 'docker://alpine:3'",
        ].join('\n'),
      },
    ];
    expect(globalCheck(rules.unpinnedWorkflowAction, [withAll], repo({ workflows }))).toEqual([
      { file: '.github/workflows/build.yml', line: 3, reason: 'actions/setup-node@v4 is not pinned to a commit SHA' },
      { file: '.github/workflows/build.yml', line: 5, reason: 'docker://alpine:3 is not pinned to a commit SHA' },
    ]);
    expect(globalCheck(rules.unpinnedWorkflowAction, [withAll])).toBeUndefined();
    expect(isPinnedReference(`docker://alpine@sha256:${'a'.repeat(64)}`)).toBe(true);
  });

  it('flags a function that does not set a variable its handler reads', () => {
    const handlerEnvironments = [
      {
        handler: 'retrain-trigger',
        variables: ['STATE_MACHINE_ARN', 'POWERTOOLS_SERVICE_NAME'],
        source: 'contract.ts',
      },
    ];
    const ok = stack({
      RetrainTriggerFn: fn({ Environment: { Variables: { STATE_MACHINE_ARN: 'a', POWERTOOLS_SERVICE_NAME: 'b' } } }),
      Unrelated: fn(),
    });
    const missing = stack({ RetrainTriggerFn: fn({ Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'b' } } }) });
    expect(globalCheck(rules.envParityRuntime, [ok], repo({ handlerEnvironments }))).toEqual([]);
    expect(globalCheck(rules.envParityRuntime, [missing], repo({ handlerEnvironments }))).toEqual([
      {
        stack: 'aad-dev-detector',
        logicalId: 'RetrainTriggerFn',
        file: 'contract.ts',
        reason: "runs handler 'retrain-trigger' but does not set STATE_MACHINE_ARN",
      },
    ]);
    expect(globalCheck(rules.envParityRuntime, [ok], repo({}))).toBeUndefined();
  });

  it('flags an AAD_* variable missing from the configuration reference', () => {
    const configDocs = { path: 'docs/config.md', text: '| `AAD_REGION` | region |' };
    expect(
      globalCheck(rules.envParityConfigDocs, [withAll], repo({ configVariables: ['AAD_REGION'], configDocs })),
    ).toEqual([]);
    expect(
      globalCheck(
        rules.envParityConfigDocs,
        [withAll],
        repo({ configVariables: ['AAD_REGION', 'AAD_CONFIG_DIR'], configDocs }),
      ),
    ).toEqual([{ file: 'docs/config.md', reason: 'AAD_CONFIG_DIR is read by the config loader but not documented' }]);
    expect(globalCheck(rules.envParityConfigDocs, [withAll], repo({ configVariables: ['AAD_REGION'] }))).toEqual([
      { reason: 'the configuration reference docs/config.md is missing' },
    ]);
    expect(globalCheck(rules.envParityConfigDocs, [withAll], repo({}))).toBeUndefined();
    const workflows = [
      { path: '.github/workflows/deploy.yml', text: 'env:\n  AAD_ROLE_ARN: x\n  AAD_REGION: us-east-1\n' },
    ];
    expect(
      globalCheck(
        rules.envParityConfigDocs,
        [withAll],
        repo({ configVariables: ['AAD_REGION'], configDocs, workflows }),
      ),
    ).toEqual([
      {
        file: '.github/workflows/deploy.yml',
        line: 2,
        reason: 'AAD_ROLE_ARN is set here but names no configuration key: the config loader rejects it',
      },
    ]);
  });
});

describe('rule catalogue', () => {
  it('has unique ids and a checklist line and remediation for every rule', () => {
    const ids = rules.ALL_RULES.map((r: AuditRule) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules.ALL_RULES) {
      expect(r.checklist.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(10);
    }
  });
});
