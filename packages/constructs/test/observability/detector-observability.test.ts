import { Match } from 'aws-cdk-lib/assertions';
import { resources, synthesized } from '../_helpers/stacks';

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
