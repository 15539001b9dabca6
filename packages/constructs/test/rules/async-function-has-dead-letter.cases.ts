import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { asyncFunctionHasDeadLetter } from '../../src/rules/async-function-has-dead-letter';

type S = ReturnType<typeof stack>;
const fn = (s: S, props: Partial<lambda.FunctionProps> = {}): lambda.Function =>
  new lambda.Function(s, 'F', {
    code: lambda.Code.fromInline('x'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    ...props,
  });
const schedule = (s: S, f: lambda.IFunction): void => {
  new events.Rule(s, 'R', {
    schedule: events.Schedule.rate(Duration.hours(1)),
    targets: [new targets.LambdaFunction(f)],
  });
};

describe('AAD-AsyncFunctionHasDeadLetter', () => {
  it('passes an EventBridge-invoked function with a dead-letter queue', () => {
    const s = stack();
    const f = fn(s, { deadLetterQueue: new sqs.Queue(s, 'Dlq') });
    schedule(s, f);
    expect(evaluate(asyncFunctionHasDeadLetter, f)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('passes a function with an on-failure destination', () => {
    const s = stack();
    const f = fn(s, { onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Dlq')) });
    expect(evaluate(asyncFunctionHasDeadLetter, f)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('flags an EventBridge-invoked function without either', () => {
    const s = stack();
    const f = fn(s);
    schedule(s, f);
    expect(evaluate(asyncFunctionHasDeadLetter, f)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('flags an SNS-subscribed function without either', () => {
    const s = stack();
    const f = fn(s);
    new sns.Topic(s, 'T').addSubscription(new subscriptions.LambdaSubscription(f));
    expect(evaluate(asyncFunctionHasDeadLetter, f)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('does not apply to a function nothing invokes asynchronously', () => {
    expect(evaluate(asyncFunctionHasDeadLetter, fn(stack()))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
