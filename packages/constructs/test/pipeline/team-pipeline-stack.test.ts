import { HANDLERS } from '@aad/runtimes';
import { Match } from 'aws-cdk-lib/assertions';
import {
  DETECTOR_OUTPUTS,
  TEAM_PIPELINE_ENVIRONMENT_PARAMETERS,
  TEAM_PIPELINE_OUTPUTS,
  TEAM_PIPELINE_SERVICE_PARAMETERS,
} from '../../src';
import { resources, synthesized } from '../_helpers/stacks';

describe('TeamPipelineStack', () => {
  it('takes every environment input as a parameter named exactly like an environment stack output', () => {
    const params = synthesized('aad-dev-team-pipeline').toJSON().Parameters as Record<
      string,
      { Type: string; Description: string }
    >;
    for (const name of TEAM_PIPELINE_ENVIRONMENT_PARAMETERS) {
      expect(DETECTOR_OUTPUTS).toContain(name);
      expect(params[name].Description).toContain(`environment output ${name}`);
    }
    expect(params.PrivateSubnetIds.Type).toBe('CommaDelimitedList');
    expect(Object.keys(params).sort()).toEqual(
      [...TEAM_PIPELINE_ENVIRONMENT_PARAMETERS, ...TEAM_PIPELINE_SERVICE_PARAMETERS].sort(),
    );
  });

  it('publishes its outputs', () => {
    const outputs = synthesized('aad-dev-team-pipeline').toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs).sort()).toEqual([...TEAM_PIPELINE_OUTPUTS].sort());
  });

  it('runs the enrichment bundle in the environment subnets with exactly its contract variables', () => {
    const fn = Object.values(resources(synthesized('aad-dev-team-pipeline'))).find(
      (r) => r.Type === 'AWS::Lambda::Function',
    )!;
    expect(fn.Properties).toMatchObject({
      VpcConfig: { SubnetIds: { Ref: 'PrivateSubnetIds' }, SecurityGroupIds: [{ Ref: 'WorkloadSecurityGroupId' }] },
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
    });
    const spec = HANDLERS.find((h) => h.name === 'enrichment')!;
    const variables = Object.keys((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables);
    for (const v of spec.environment.filter((x) => x.required ?? true)) expect(variables).toContain(v.name);
    for (const v of variables) expect(spec.environment.map((x) => x.name)).toContain(v);
  });

  it('queues the team bucket notifications with a CMK, a DLQ and redrive', () => {
    const template = synthesized('aad-dev-team-pipeline');
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 's3.amazonaws.com' },
            Condition: Match.objectLike({
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'SourceBucketName' }]],
                },
              },
            }),
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
  });
});
