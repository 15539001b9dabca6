import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluate, stack } from './_rule-helpers';
import { queueHasDeadLetterQueue } from '../../src/rules/queue-has-dead-letter-queue';

const fn = (s: ReturnType<typeof stack>, id: string, dlq?: sqs.IQueue): lambda.Function =>
  new lambda.Function(s, id, {
    code: lambda.Code.fromInline('x'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    deadLetterQueue: dlq,
  });

describe('AAD-QueueHasDeadLetterQueue', () => {
  it('passes a queue with a redrive policy, and its dead-letter queue', () => {
    const s = stack();
    const dlq = new sqs.Queue(s, 'Dlq');
    const q = new sqs.Queue(s, 'Q', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(evaluate(queueHasDeadLetterQueue, q)).toBe(NagRuleCompliance.COMPLIANT);
    expect(evaluate(queueHasDeadLetterQueue, dlq)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('passes the dead-letter queue of a function', () => {
    const s = stack();
    const dlq = new sqs.Queue(s, 'Dlq');
    fn(s, 'F', dlq);
    expect(evaluate(queueHasDeadLetterQueue, dlq)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('passes the dead-letter queues of EventBridge targets and SNS subscriptions', () => {
    const s = stack();
    const eventsDlq = new sqs.Queue(s, 'EventsDlq');
    const snsDlq = new sqs.Queue(s, 'SnsDlq');
    new events.Rule(s, 'R', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(fn(s, 'F'), { deadLetterQueue: eventsDlq })],
    });
    new sns.Topic(s, 'T').addSubscription(
      new subscriptions.LambdaSubscription(fn(s, 'G'), { deadLetterQueue: snsDlq }),
    );
    expect(evaluate(queueHasDeadLetterQueue, eventsDlq)).toBe(NagRuleCompliance.COMPLIANT);
    expect(evaluate(queueHasDeadLetterQueue, snsDlq)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('flags a queue that has no dead-letter queue and is none', () => {
    expect(evaluate(queueHasDeadLetterQueue, new sqs.Queue(stack(), 'Q'))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('does not apply to other resources', () => {
    expect(evaluate(queueHasDeadLetterQueue, new sns.Topic(stack(), 'T'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
