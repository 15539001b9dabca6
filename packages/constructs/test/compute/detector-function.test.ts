import { HANDLERS } from '@aad/runtimes';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { DetectorFunction, DetectorFunctionProps, validateHandlerEnvironment } from '../../src';
import { emptyStack, resources, synthesized } from '../_helpers/stacks';

const NAMES: Record<string, string> = {
  enrichment: 'aad-dev-enrichment',
  reconciler: 'aad-dev-reconciler',
  'retrain-trigger': 'aad-dev-retrain-trigger',
};

function functionResource(name: string): { Properties: Record<string, unknown> } {
  const all = resources(synthesized('aad-dev-detector'));
  return Object.values(all).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName === name) as {
    Properties: Record<string, unknown>;
  };
}

describe('detector functions', () => {
  it.each(HANDLERS.map((h) => [h.name, h] as const))(
    '%s sets every declared variable and nothing undeclared',
    (name, spec) => {
      const variables = (functionResource(NAMES[name]).Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const declared = spec.environment.map((v) => v.name).sort();
      const required = spec.environment.filter((v) => v.required ?? true).map((v) => v.name);
      for (const v of required) expect(Object.keys(variables)).toContain(v);
      for (const v of Object.keys(variables)) expect(declared).toContain(v);
      // Optional variables are set too where they apply (dev has Security Hub on).
      expect(Object.keys(variables).sort()).toEqual(declared);
    },
  );

  it.each(Object.values(NAMES))(
    '%s runs Node.js 24 on arm64 in the VPC, traced, with reserved concurrency, DLQ and on-failure destination',
    (name) => {
      const props = functionResource(name).Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        DeadLetterConfig: { TargetArn: expect.anything() },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
      });
      expect((props.VpcConfig as { SubnetIds: unknown[] }).SubnetIds).toHaveLength(2);
      expect(props.ReservedConcurrentExecutions).toBeGreaterThanOrEqual(1);
      synthesized('aad-dev-detector').hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: Match.anyValue() },
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        MaximumRetryAttempts: 2,
      });
    },
  );

  it.each(HANDLERS.map((h) => [h.name, h] as const))(
    '%s role holds exactly the contract statements (plus logs, DLQ and runtime policy)',
    (name, spec) => {
      const template = synthesized('aad-dev-detector');
      const policies = Object.values(resources(template)).filter(
        (r) => r.Type === 'AWS::IAM::ManagedPolicy' && String(r.Properties?.Description).includes(NAMES[name]),
      );
      expect(policies).toHaveLength(1);
      const statements = (
        policies[0].Properties!.PolicyDocument as { Statement: { Sid?: string; Action: string | string[] }[] }
      ).Statement;
      const sids = statements.map((s) => s.Sid).filter((s): s is string => s !== undefined);
      expect(sids.sort()).toEqual(spec.permissions.map((p) => p.sid).sort());
      for (const permission of spec.permissions) {
        const statement = statements.find((s) => s.Sid === permission.sid)!;
        expect([statement.Action].flat().sort()).toEqual([...permission.actions].sort());
      }
      for (const s of statements.filter((x) => x.Sid === undefined)) {
        for (const action of [s.Action].flat()) {
          expect(action).toMatch(
            /^(logs:CreateLogStream|logs:PutLogEvents|sqs:SendMessage|sqs:GetQueueAttributes|sqs:GetQueueUrl|kms:(Decrypt|Encrypt|GenerateDataKey|DescribeKey)|sqs:(ReceiveMessage|DeleteMessage|ChangeMessageVisibility))$/,
          );
        }
      }
    },
  );

  it('consumes the ingest queue in batches with partial batch responses', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });
});

describe('DetectorFunction validation', () => {
  function props(environment: Record<string, string>): DetectorFunctionProps {
    const stack = emptyStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    return {
      handler: 'retrain-trigger',
      functionName: 'test-retrain',
      environment,
      network: {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroup: new ec2.SecurityGroup(stack, 'Sg', { vpc }),
      },
      runtimePolicy: new iam.ManagedPolicy(stack, 'P', {
        statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] })],
      }),
      deadLetterQueue: new sqs.Queue(stack, 'Dlq'),
      logKey: new kms.Key(stack, 'Key'),
      logGroupName: '/aad/test/lambda/retrain-trigger',
      logRetentionDays: 30,
    };
  }
  const ok = {
    RETRAIN_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:111111111111:stateMachine:test-retrain',
    POWERTOOLS_SERVICE_NAME: 'test',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
  };

  it.each([
    [
      { ...ok, EXTRA: 'x' },
      "`environment.EXTRA` must be a variable of the 'retrain-trigger' handler contract (RETRAIN_STATE_MACHINE_ARN, POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL), received 'x'",
    ],
    [
      { POWERTOOLS_SERVICE_NAME: 'a', POWERTOOLS_METRICS_NAMESPACE: 'b' },
      "`environment.RETRAIN_STATE_MACHINE_ARN` must be set (required by the 'retrain-trigger' handler), received undefined",
    ],
    [
      { ...ok, RETRAIN_STATE_MACHINE_ARN: 'not-an-arn' },
      "`environment.RETRAIN_STATE_MACHINE_ARN` must be a Step Functions state machine ARN, received 'not-an-arn'",
    ],
    [
      { ...ok, POWERTOOLS_LOG_LEVEL: 'LOUD' },
      "`environment.POWERTOOLS_LOG_LEVEL` must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT, received 'LOUD'",
    ],
    [
      { ...ok, POWERTOOLS_SERVICE_NAME: '' },
      "`environment.POWERTOOLS_SERVICE_NAME` must be a non-empty string, received ''",
    ],
  ])('rejects environment %j', (environment, message) => {
    const p = props(environment);
    expect(() => new DetectorFunction(emptyStack(), 'F', p)).toThrow(message);
  });

  it.each([
    ['ALERT_THRESHOLD', '101', "`environment.ALERT_THRESHOLD` must be between 0 and 100, received '101'"],
    ['ALERT_THRESHOLD', '7.5', "`environment.ALERT_THRESHOLD` must be an integer, received '7.5'"],
    ['FINDINGS_TTL_DAYS', 'soon', "`environment.FINDINGS_TTL_DAYS` must be an integer, received 'soon'"],
  ])('checks number %s=%s against the contract', (name, value, message) => {
    const spec = HANDLERS.find((h) => h.name === 'enrichment')!;
    const env = Object.fromEntries(
      spec.environment.filter((v) => v.required ?? true).map((v) => [v.name, v.type === 'string' ? 'x' : '1']),
    );
    env.DEAD_LETTER_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/q';
    env.MODEL_PACKAGE_PREFIX = 'model-packages/dev/';
    env.MODEL_REFRESH_SECONDS = '60';
    expect(() => validateHandlerEnvironment(spec, { ...env, [name]: value })).toThrow(message);
  });

  it('rejects an undeclared placeholder the contract needs', () => {
    const p = props(ok);
    expect(
      () =>
        new DetectorFunction(emptyStack(), 'F', {
          ...p,
          handler: 'reconciler',
          environment: {
            AUDIT_TABLE_NAME: 't',
            RECONCILIATION_SLA_HOURS: '1',
            POWERTOOLS_SERVICE_NAME: 'a',
            POWERTOOLS_METRICS_NAMESPACE: 'b',
          },
        }),
    ).toThrow(
      "`placeholders.KmsKeyArns` must be set: statement 'UseKmsKeys' of the 'reconciler' handler contract uses ${KmsKeyArns}, received undefined",
    );
  });
});
