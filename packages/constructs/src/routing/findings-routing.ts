import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { validateInteger, validateResourceName } from '../validation';

/** The findings event the enrichment function publishes (`@aad/runtimes` `finding-event`). */
export const FINDINGS_EVENT = {
  source: 'aad.detector',
  detailType: 'AAD Finding',
} as const;

/** CloudTrail event sources whose API calls reach the enrichment function in real time. */
export const DEFAULT_REALTIME_EVENT_SOURCES = [
  'iam.amazonaws.com',
  'sts.amazonaws.com',
  'kms.amazonaws.com',
  'cloudtrail.amazonaws.com',
  's3.amazonaws.com',
  'ec2.amazonaws.com',
  'organizations.amazonaws.com',
  'guardduty.amazonaws.com',
  'securityhub.amazonaws.com',
  'config.amazonaws.com',
  'logs.amazonaws.com',
  'lambda.amazonaws.com',
];

/** Properties of {@link FindingsRouting}. */
export interface FindingsRoutingProps {
  /** Name of the findings event bus. */
  readonly eventBusName: string;
  /** Key of the event bus. */
  readonly encryptionKey: kms.IKey;
  /** Risk score (0-100) at or above which a finding goes to the alerts topic. */
  readonly alertThreshold: number;
  /** Alerts topic. */
  readonly alertsTopic: sns.ITopic;
  /** Dead-letter queue of undeliverable events. */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * Function that receives CloudTrail API calls from the default bus in real
   * time (asynchronous invocation).
   * @default - no real-time path (S3 → SQS only)
   */
  readonly realtimeFunction?: lambda.IFunction;
  /**
   * CloudTrail event sources of the real-time path.
   * @default DEFAULT_REALTIME_EVENT_SOURCES
   */
  readonly realtimeEventSources?: readonly string[];
}

/**
 * Routing of findings: a KMS-encrypted event bus for finding events, a rule
 * that sends findings at or above the alert threshold to the alerts topic
 * (with retries and a dead-letter queue), and the real-time rule that sends
 * CloudTrail API calls on the default bus to the enrichment function.
 */
export class FindingsRouting extends Construct {
  public readonly eventBus: events.EventBus;
  public readonly alertRule: events.Rule;
  public readonly realtimeRule?: events.Rule;

  constructor(scope: Construct, id: string, props: FindingsRoutingProps) {
    super(scope, id);
    validateResourceName('eventBusName', props.eventBusName);
    validateInteger('alertThreshold', props.alertThreshold, 0, 100);
    this.eventBus = new events.EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      kmsKey: props.encryptionKey,
      description: 'Access Anomaly Detector findings',
    });
    const targetOptions = {
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: 8,
      maxEventAge: Duration.hours(12),
    };
    this.alertRule = new events.Rule(this, 'AlertRule', {
      eventBus: this.eventBus,
      description: `Findings with risk_score >= ${props.alertThreshold} to the alerts topic`,
      eventPattern: {
        source: [FINDINGS_EVENT.source],
        detailType: [FINDINGS_EVENT.detailType],
        detail: { finding: { risk_score: [{ numeric: ['>=', props.alertThreshold] }] } },
      },
      targets: [new targets.SnsTopic(props.alertsTopic, targetOptions)],
    });
    if (props.realtimeFunction) {
      this.realtimeRule = new events.Rule(this, 'RealtimeRule', {
        description: 'CloudTrail management API calls to the enrichment function (real-time path)',
        eventPattern: {
          detailType: ['AWS API Call via CloudTrail'],
          detail: { eventSource: [...(props.realtimeEventSources ?? DEFAULT_REALTIME_EVENT_SOURCES)] },
        },
        targets: [new targets.LambdaFunction(props.realtimeFunction, targetOptions)],
      });
    }
  }
}
