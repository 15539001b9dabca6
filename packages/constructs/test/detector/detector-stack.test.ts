import { App, TagManager, CfnResource } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { DETECTOR_OUTPUTS, DetectorStack } from '../../src';
import { config, configWith, detector, resources, synthesized } from '../_helpers/stacks';

const ENVS = ['dev', 'prod'] as const;

describe('DetectorStack', () => {
  it.each(ENVS)('tags every taggable resource in %s (walks the template)', (env) => {
    const { stack, template } = detector(env);
    const taggableIds = new Set(
      stack.node
        .findAll()
        .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && TagManager.isTaggable(c))
        .map((c) => stack.resolve(c.logicalId) as string),
    );
    expect(taggableIds.size).toBeGreaterThan(50);
    const untagged: string[] = [];
    for (const [id, resource] of Object.entries(resources(template))) {
      if (!taggableIds.has(id)) continue;
      const tags = (resource.Properties?.Tags ?? resource.Properties?.tags) as unknown;
      const text = JSON.stringify(tags ?? null);
      for (const [key, value] of Object.entries(config(env).tags)) {
        if (!text.includes(key) || !text.includes(value)) untagged.push(`${id} (${resource.Type}) lacks ${key}`);
      }
    }
    expect(untagged).toEqual([]);
  });

  it('publishes the documented outputs with stable names', () => {
    const outputs = synthesized('aad-dev-detector').toJSON().Outputs as Record<
      string,
      { Description?: string; Condition?: string }
    >;
    for (const name of DETECTOR_OUTPUTS) {
      expect(outputs[name]).toBeDefined();
      expect(outputs[name].Description?.length).toBeGreaterThan(5);
    }
    expect(outputs.ModelEndpointName.Condition).toBe('SageMakerEndpointEnabled');
  });

  it('needs no CDK bootstrap: no version parameter or rule, assets in the configured artifacts bucket', () => {
    const json = synthesized('aad-dev-detector').toJSON();
    expect(Object.keys(json.Parameters ?? {})).not.toContain('BootstrapVersion');
    expect(json.Rules?.CheckBootstrapVersion).toBeUndefined();
    synthesized('aad-dev-detector').hasResourceProperties('AWS::Lambda::Function', {
      Code: {
        S3Bucket: 'aad-dev-artifacts-111111111111',
        S3Key: Match.stringLikeRegexp('^cdk-assets/[0-9a-f]{64}\\.zip$'),
      },
    });
    expect(JSON.stringify(json)).not.toContain('cdk-hnb659fds');
  });

  it('applies the configured permission boundary to every role', () => {
    const template = synthesized('aad-prod-detector');
    const roles = resources(template);
    const boundary = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':iam::',
          { Ref: 'AWS::AccountId' },
          ':policy/aad-prod-permission-boundary',
        ],
      ],
    };
    const ids = Object.entries(roles).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    expect(ids.length).toBeGreaterThan(5);
    for (const [, role] of ids) expect(role.Properties?.PermissionsBoundary).toEqual(boundary);
  });

  it('has no inline IAM policies (every permission in a customer-managed policy)', () => {
    const template = synthesized('aad-dev-detector');
    template.resourceCountIs('AWS::IAM::Policy', 0);
    for (const [, r] of Object.entries(resources(template)).filter(([, res]) => res.Type === 'AWS::IAM::Role')) {
      expect(r.Properties?.Policies).toBeUndefined();
      expect(JSON.stringify(r.Properties?.ManagedPolicyArns ?? [])).not.toContain(':iam::aws:policy');
    }
  });

  it('grants no sensitive action on Resource "*"', () => {
    const text = JSON.stringify(synthesized('aad-prod-detector').toJSON());
    for (const action of ['logs:PutResourcePolicy', 'logs:DeleteLogDelivery', 'iam:*', 'kms:*']) {
      expect(text).not.toContain(`"${action}"`);
    }
  });

  it.each([
    [
      { modelBucketName: 'Bad_Name' },
      "`modelBucketName` must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), received 'Bad_Name'",
    ],
    [
      { dataBucketName: 'ab' },
      "`dataBucketName` must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), received 'ab'",
    ],
    [
      { alertsTopicName: 'has space' },
      "`alertsTopicName` must be an SNS topic name (1-256 letters, digits, hyphens, underscores), received 'has space'",
    ],
    [
      { kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/x' },
      "`kmsKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), received 'arn:aws:kms:us-east-1:111111111111:alias/x'",
    ],
    [
      {
        existingVpc: {
          vpcId: 'vpc-123',
          subnetIds: ['subnet-0123456789abcdef0'],
          availabilityZones: ['us-east-1a', 'us-east-1b'],
        },
      },
      "`existingVpc.vpcId` must be a VPC id (vpc- followed by 8-17 hex digits), received 'vpc-123'",
    ],
  ])('rejects explicit names: %j', (props, message) => {
    expect(() => new DetectorStack(new App(), 'S', { config: config('dev'), ...props })).toThrow(message);
  });

  it('rejects a config VPC id without its subnets', () => {
    const bad = configWith('dev', { network: { maxAzs: 2, vpcId: 'vpc-0123456789abcdef0' } });
    expect(() => new DetectorStack(new App(), 'S', { config: bad })).toThrow(
      '`network.subnetIds` must be set with network.availabilityZones when network.vpcId is set, received undefined',
    );
  });

  it('protects tables from deletion in prod only', () => {
    synthesized('aad-prod-detector').allResourcesProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
    });
    synthesized('aad-dev-detector').allResourcesProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: false,
    });
  });

  it('locks raw logs (Object Lock) in prod, not in dev', () => {
    synthesized('aad-prod-detector').hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'aad-prod-raw-logs-222222222222',
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2555 } },
      },
    });
    synthesized('aad-dev-detector').hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'aad-dev-raw-logs-111111111111',
      ObjectLockEnabled: Match.absent(),
    });
  });

  it('wires the retrain path: anomaly-rate alarm → alerts topic → retrain-trigger (body filter) → retrain workflow', () => {
    const template = synthesized('aad-dev-detector');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'aad-dev-anomaly-rate',
      MetricName: 'AnomalyRate',
      Threshold: 0.05,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlertsTopic') }],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: { AlarmName: ['aad-dev-anomaly-rate'], NewStateValue: ['ALARM'] },
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'aad-dev-retrain-trigger',
      Environment: { Variables: Match.objectLike({ RETRAIN_STATE_MACHINE_ARN: Match.anyValue() }) },
    });
  });

  it('schedules the reconciler nightly with a dead-letter queue', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      Targets: [
        Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: { MaximumRetryAttempts: 2 } }),
      ],
    });
  });
});
