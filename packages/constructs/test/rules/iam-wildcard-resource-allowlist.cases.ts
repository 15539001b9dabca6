import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { AWS_REQUIRED_WILDCARD_ACTIONS } from '../../src';
import { documentedWildcards, iamWildcardResourceAllowlist } from '../../src/rules/iam-wildcard-resource-allowlist';

const policy = (actions: string[], resources: string[]): iam.ManagedPolicy =>
  new iam.ManagedPolicy(stack(), 'P', { statements: [new iam.PolicyStatement({ actions, resources })] });

describe('AAD-IamWildcardResourceAllowlist', () => {
  it('passes List/Describe actions AWS requires on "*", each with its documented reason', () => {
    const actions = [
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcs',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeNetworkInterfaces',
    ];
    const p = policy(actions, ['*']);
    expect(evaluate(iamWildcardResourceAllowlist, p)).toBe(NagRuleCompliance.COMPLIANT);
    expect(documentedWildcards(p.node.defaultChild as iam.CfnManagedPolicy)).toEqual(
      actions.map((action) => ({ action, reason: AWS_REQUIRED_WILDCARD_ACTIONS[action] })),
    );
  });

  it('flags actions on "*" that can be scoped to resources', () => {
    expect(evaluate(iamWildcardResourceAllowlist, policy(['sqs:SendMessage', 'xray:PutTraceSegments'], ['*']))).toEqual(
      ['Action::sqs:SendMessage'],
    );
  });

  it('passes statements that name their resources', () => {
    expect(
      evaluate(iamWildcardResourceAllowlist, policy(['sqs:SendMessage'], ['arn:aws:sqs:us-east-1:111111111111:q'])),
    ).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('does not apply to non-IAM resources', () => {
    expect(evaluate(iamWildcardResourceAllowlist, new sqs.Queue(stack(), 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  it('documents a reason for every allowlisted action', () => {
    for (const reason of Object.values(AWS_REQUIRED_WILDCARD_ACTIONS)) expect(reason.length).toBeGreaterThan(20);
  });
});
