import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { iamSensitiveActionOnWildcard } from '../../src/rules/iam-sensitive-action-on-wildcard';

const policy = (actions: string[], resources: string[], effect = iam.Effect.ALLOW): iam.ManagedPolicy =>
  new iam.ManagedPolicy(stack(), 'P', { statements: [new iam.PolicyStatement({ effect, actions, resources })] });

describe('AAD-IamSensitiveActionOnWildcard', () => {
  it.each([
    [['logs:PutResourcePolicy'], ['Action::logs:PutResourcePolicy']],
    [['logs:DeleteLogDelivery', 'logs:CreateLogDelivery'], ['Action::logs:DeleteLogDelivery']],
    [['iam:*'], ['Action::iam:*']],
    [['iam:PassRole'], ['Action::iam:PassRole']],
    [['kms:*'], ['Action::kms:*']],
    [['kms:Decrypt'], ['Action::kms:Decrypt']],
    [['*'], ['Action::*']],
    [['s3:Get*'], ['Action::s3:Get*']],
  ])('flags %j on Resource "*"', (actions, expected) => {
    expect(evaluate(iamSensitiveActionOnWildcard, policy(actions, ['*']))).toEqual(expected);
  });

  it.each([
    [
      'ec2 Describe actions AWS only allows on *',
      ['ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces'],
      ['*'],
    ],
    [
      'sensitive actions scoped to a resource',
      ['logs:PutResourcePolicy', 'kms:Decrypt'],
      ['arn:aws:logs:us-east-1:111111111111:log-group:x'],
    ],
  ])('passes %s', (_label, actions, resources) => {
    expect(evaluate(iamSensitiveActionOnWildcard, policy(actions, resources))).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('ignores Deny statements', () => {
    expect(evaluate(iamSensitiveActionOnWildcard, policy(['iam:*'], ['*'], iam.Effect.DENY))).toBe(
      NagRuleCompliance.COMPLIANT,
    );
  });

  it('checks inline policies of roles and default policies', () => {
    const s = stack();
    const role = new iam.Role(s, 'R', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        p: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['kms:*'], resources: ['*'] })] }),
      },
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:PutResourcePolicy'], resources: ['*'] }));
    expect(evaluate(iamSensitiveActionOnWildcard, role)).toEqual(['Action::kms:*']);
    expect(evaluate(iamSensitiveActionOnWildcard, role.node.findChild('DefaultPolicy').node.defaultChild)).toEqual([
      'Action::logs:PutResourcePolicy',
    ]);
  });

  it('does not apply to other resources', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'B');
    expect(evaluate(iamSensitiveActionOnWildcard, bucket)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
