import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SNSEvent } from 'aws-lambda';
import { RetryPolicy, withRetries } from '../aws/retry';
import { InvalidEventError } from '../errors';
import { METRIC } from '../observability/metric-names';

/** The CloudWatch alarm notification carried in an SNS message. */
export interface AlarmNotification {
  readonly AlarmName: string;
  readonly AlarmArn?: string;
  readonly NewStateValue: string;
  readonly NewStateReason?: string;
  readonly StateChangeTime: string;
}

/** Parses the alarm notification of an SNS record. */
export function parseAlarm(message: string): AlarmNotification {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    throw new InvalidEventError('SNS message is not JSON (expected a CloudWatch alarm notification)');
  }
  const v = value as Partial<AlarmNotification> | null;
  if (
    !v ||
    typeof v.AlarmName !== 'string' ||
    typeof v.NewStateValue !== 'string' ||
    typeof v.StateChangeTime !== 'string'
  ) {
    throw new InvalidEventError(
      'SNS message is not a CloudWatch alarm notification (AlarmName, NewStateValue, StateChangeTime)',
    );
  }
  return v as AlarmNotification;
}

/**
 * Execution name of one alarm transition: the same transition (however many
 * times SNS delivers it) always gives the same name, so Step Functions starts
 * it once. `retrain-<UTC time>-<hash of alarm and time>`, at most 80 characters.
 */
export function executionName(alarm: AlarmNotification): string {
  const t = Date.parse(alarm.StateChangeTime);
  const stamp = Number.isNaN(t)
    ? 'unknown-time'
    : new Date(t)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
  const hash = createHash('sha256')
    .update(`${alarm.AlarmArn ?? alarm.AlarmName}|${alarm.StateChangeTime}`)
    .digest('hex')
    .slice(0, 16);
  return `retrain-${stamp}-${hash}`;
}

/** What one invocation did per SNS record. */
export type RetrainOutcome = 'started' | 'duplicate' | 'ignored';

/**
 * Starts the retrain state machine for every alarm notification that entered
 * ALARM, with an idempotent execution name: a duplicate delivery finds the
 * execution already there (`ExecutionAlreadyExists`) and starts nothing.
 */
export class RetrainTrigger {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly retry: RetryPolicy = {},
  ) {}

  public async handle(event: SNSEvent): Promise<RetrainOutcome[]> {
    const outcomes: RetrainOutcome[] = [];
    for (const record of event.Records ?? []) {
      const alarm = parseAlarm(record.Sns.Message);
      if (alarm.NewStateValue !== 'ALARM') {
        this.logger.info('alarm transition ignored', { alarm: alarm.AlarmName, state: alarm.NewStateValue });
        outcomes.push('ignored');
        continue;
      }
      const name = executionName(alarm);
      const input = JSON.stringify({
        trigger: 'anomaly-rate-alarm',
        alarmName: alarm.AlarmName,
        stateChangeTime: alarm.StateChangeTime,
        reason: alarm.NewStateReason ?? '',
      });
      try {
        const out = await withRetries(
          () => this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input })),
          this.retry,
        );
        this.metrics.addMetric(METRIC.RetrainStarted, MetricUnit.Count, 1);
        this.logger.info('retrain started', {
          execution_name: name,
          execution_arn: out.executionArn,
          sns_message_id: record.Sns.MessageId,
        });
        outcomes.push('started');
      } catch (error) {
        if ((error as { name?: string }).name !== 'ExecutionAlreadyExists') throw error;
        this.metrics.addMetric(METRIC.RetrainStarted, MetricUnit.Count, 0);
        this.logger.info('retrain already started for this alarm transition', {
          execution_name: name,
          sns_message_id: record.Sns.MessageId,
        });
        outcomes.push('duplicate');
      }
    }
    this.metrics.publishStoredMetrics();
    return outcomes;
  }
}
