import { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { lambdaInsideVpc } from '../../src/rules/lambda-inside-vpc';

const props = { code: lambda.Code.fromInline('x'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X };

describe('AAD-LambdaInsideVpc', () => {
  it('passes a function in VPC subnets', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc', {
      subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    expect(evaluate(lambdaInsideVpc, new lambda.Function(s, 'F', { ...props, vpc }))).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('flags a function outside any VPC', () => {
    expect(evaluate(lambdaInsideVpc, new lambda.Function(stack(), 'F', props))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('flags a raw AWS::Lambda::Function (custom resource provider) outside any VPC', () => {
    const raw = new CfnResource(stack(), 'Provider', {
      type: 'AWS::Lambda::Function',
      properties: { Runtime: 'nodejs24.x' },
    });
    expect(lambdaInsideVpc(raw)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('passes a raw AWS::Lambda::Function with VpcConfig', () => {
    const raw = new CfnResource(stack(), 'Provider', {
      type: 'AWS::Lambda::Function',
      properties: {
        VpcConfig: { SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: ['sg-0123456789abcdef0'] },
      },
    });
    expect(lambdaInsideVpc(raw)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('does not apply to other resources', () => {
    expect(lambdaInsideVpc(new CfnResource(stack(), 'X', { type: 'AWS::SQS::Queue' }))).toBe(
      NagRuleCompliance.NOT_APPLICABLE,
    );
  });
});
