import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FINDINGS_EVENT, FINDING_DETAIL_TYPE, FINDING_EVENT_SOURCE, FindingsRouting } from '../../src';
import { emptyStack, synthesized } from '../_helpers/stacks';

describe('FindingsRouting', () => {
  it('routes findings at or above the alert threshold to the alerts topic, with retries and a DLQ', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('RoutingBus') },
      EventPattern: {
        source: ['aad.detector'],
        'detail-type': ['AAD Finding'],
        detail: { finding: { risk_score: [{ numeric: ['>=', 70] }] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('AlertsTopic') },
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 43200 },
        }),
      ],
    });
  });

  it('encrypts the findings bus with the messaging key', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::Events::EventBus', {
      Name: 'aad-dev-findings',
      KmsKeyIdentifier: Match.anyValue(),
    });
  });

  it('sends CloudTrail API calls to the enrichment function in real time', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: Match.arrayWith(['iam.amazonaws.com', 'sts.amazonaws.com']) },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue() })],
    });
  });

  it('matches the findings event of @aad/runtimes', () => {
    expect(FINDINGS_EVENT).toEqual({ source: FINDING_EVENT_SOURCE, detailType: FINDING_DETAIL_TYPE });
  });

  it.each([
    [{ alertThreshold: 101 }, '`alertThreshold` must be an integer between 0 and 100, received 101'],
    [
      { eventBusName: 'x' },
      "`eventBusName` must be a name of 3-64 letters, digits, dots, hyphens or underscores, received 'x'",
    ],
  ])('rejects %j', (props, message) => {
    const stack = emptyStack();
    const key = new kms.Key(stack, 'K');
    expect(
      () =>
        new FindingsRouting(stack, 'R', {
          eventBusName: 'test-bus',
          encryptionKey: key,
          alertThreshold: 70,
          alertsTopic: new sns.Topic(stack, 'T'),
          deadLetterQueue: new sqs.Queue(stack, 'Q'),
          ...props,
        }),
    ).toThrow(message);
  });
});
