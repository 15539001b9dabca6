import { Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CostBudget } from '../../src';
import { emptyStack, resources, synthesized } from '../_helpers/stacks';

describe('DetectorObservability', () => {
  it.each([
    ['aad-dev-enrichment-errors', 'Errors'],
    ['aad-dev-reconciler-throttles', 'Throttles'],
    ['aad-dev-ingest-dlq-depth', 'ApproximateNumberOfMessagesVisible'],
    ['aad-dev-anomaly-rate', 'AnomalyRate'],
    ['aad-dev-reconciliation-missing', 'ReconciliationMissingCount'],
  ])('alarms %s on %s, wired to the alerts topic', (alarmName, metric) => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmName,
      MetricName: metric,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlertsTopic') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('AlertsTopic') }],
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms state machine failures (failed + timed out + aborted)', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'aad-dev-detection-failures',
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'failed + timedout + aborted' })]),
      Threshold: 0,
    });
  });

  it('watches log volume with an anomaly-detection band', () => {
    synthesized('aad-dev-detector').hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'aad-dev-log-volume-anomaly',
      ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      ThresholdMetricId: 'band',
      Metrics: Match.arrayWith([Match.objectLike({ Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(volume, 2)' })]),
    });
  });

  it('gives every alarm an action (16 in all) and builds a dashboard', () => {
    const template = synthesized('aad-dev-detector');
    const alarms = Object.values(resources(template)).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(16);
    for (const a of alarms) expect((a.Properties?.AlarmActions as unknown[]).length).toBe(1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'aad-dev-detector' });
  });
});

describe('CostBudget', () => {
  it('budgets the environment monthly from budget.monthlyUsd, notifying the alerts topic', () => {
    const template = synthesized('aad-prod-detector');
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'aad-prod-monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 2500, Unit: 'USD' },
      },
      NotificationsWithSubscribers: [
        Match.objectLike({
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('AlertsTopic') } }],
        }),
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }) }),
      ],
    });
  });

  it('rejects a budget of zero', () => {
    const stack = emptyStack();
    expect(
      () =>
        new CostBudget(stack, 'B', {
          budgetName: 'test-budget',
          monthlyUsd: 0,
          alertsTopic: new sns.Topic(stack, 'T'),
        }),
    ).toThrow('`monthlyUsd` must be a positive amount in USD, received 0');
  });
});
