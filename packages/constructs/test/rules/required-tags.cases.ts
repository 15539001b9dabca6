import { Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { requiredTags } from '../../src/rules/required-tags';

describe('AAD-RequiredTags', () => {
  it('passes a taggable resource with Application, Environment and CostCenter', () => {
    const s = stack();
    const q = new sqs.Queue(s, 'Q');
    for (const [k, v] of Object.entries({ Application: 'a', Environment: 'dev', CostCenter: 'c' })) {
      Tags.of(s).add(k, v);
    }
    Template.fromStack(s);
    expect(evaluate(requiredTags, q)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('names each missing tag', () => {
    const s = stack();
    const q = new sqs.Queue(s, 'Q');
    Tags.of(s).add('Application', 'a');
    Template.fromStack(s);
    expect(evaluate(requiredTags, q)).toEqual(['Tag::Environment', 'Tag::CostCenter']);
  });

  it('honours a custom tag list', () => {
    const s = stack();
    const q = new sqs.Queue(s, 'Q');
    expect(requiredTags(q.node.defaultChild as sqs.CfnQueue, ['Owner'])).toEqual(['Tag::Owner']);
  });

  it('does not apply to resources CloudFormation cannot tag', () => {
    const s = stack();
    const p = new iam.ManagedPolicy(s, 'P', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
    });
    expect(evaluate(requiredTags, p)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
