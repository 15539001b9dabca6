import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { InvalidPropError } from '../errors';
import { validateResourceName } from '../validation';

/** A function watched by {@link DetectorObservability}. */
export interface WatchedFunction {
  readonly name: string;
  readonly function: lambda.IFunction;
}

/** Properties of {@link DetectorObservability}. */
export interface DetectorObservabilityProps {
  /** Prefix of alarm and dashboard names. */
  readonly namePrefix: string;
  /** Topic every alarm notifies. */
  readonly alertsTopic: sns.ITopic;
  readonly functions: readonly WatchedFunction[];
  readonly deadLetterQueues: readonly { readonly name: string; readonly queue: sqs.IQueue }[];
  readonly stateMachines: readonly { readonly name: string; readonly stateMachine: sfn.IStateMachine }[];
  /** Namespace of the handlers' custom metrics (`POWERTOOLS_METRICS_NAMESPACE`). */
  readonly metricsNamespace: string;
  /** `service` dimension of the enrichment metrics (`POWERTOOLS_SERVICE_NAME`). */
  readonly enrichmentService: string;
  /** `service` dimension of the reconciler metrics. */
  readonly reconcilerService: string;
  /** AnomalyRate (0-1) above which the retrain alarm fires. */
  readonly anomalyRateThreshold: number;
  /** Log group whose volume is watched with an anomaly-detection band (the enrichment log group). */
  readonly volumeLogGroup: logs.ILogGroup;
}

/**
 * Alarms and a dashboard: handler errors and throttles, dead-letter queue
 * depth above zero, state machine failures, `AnomalyRate` above threshold
 * (the retrain alarm), `ReconciliationMissingCount` above zero, and log
 * volume outside a CloudWatch anomaly-detection band. Every alarm notifies
 * the alerts topic; missing data is not breaching.
 */
export class DetectorObservability extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** Fires when the anomaly rate exceeds the threshold; its notification starts a retrain. */
  public readonly anomalyRateAlarm: cloudwatch.Alarm;
  /** Name of {@link anomalyRateAlarm}, known at synthesis (`<namePrefix>-anomaly-rate`). */
  public readonly anomalyRateAlarmName: string;
  public readonly dashboard: cloudwatch.Dashboard;
  /** Log volume outside the anomaly-detection band. */
  public readonly logVolumeAlarm: cloudwatch.CfnAlarm;

  constructor(scope: Construct, id: string, props: DetectorObservabilityProps) {
    super(scope, id);
    validateResourceName('namePrefix', props.namePrefix);
    if (!(props.anomalyRateThreshold > 0 && props.anomalyRateThreshold < 1)) {
      throw new InvalidPropError(
        'anomalyRateThreshold',
        'a rate between 0 and 1 (exclusive)',
        props.anomalyRateThreshold,
      );
    }
    const action = new actions.SnsAction(props.alertsTopic);
    const alarm = (
      alarmId: string,
      name: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
    ): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };
    const period = Duration.minutes(5);
    for (const { name, function: fn } of props.functions) {
      alarm(`${name}Errors`, `${name}-errors`, `${name}: invocation errors`, fn.metricErrors({ period }), 0);
      alarm(
        `${name}Throttles`,
        `${name}-throttles`,
        `${name}: throttled invocations`,
        fn.metricThrottles({ period }),
        0,
      );
    }
    for (const { name, queue } of props.deadLetterQueues) {
      alarm(
        `${name}Depth`,
        `${name}-depth`,
        `${name}: messages waiting in the dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        0,
      );
    }
    for (const { name, stateMachine } of props.stateMachines) {
      alarm(
        `${name}Failures`,
        `${name}-failures`,
        `${name}: failed, timed-out or aborted executions`,
        new cloudwatch.MathExpression({
          expression: 'failed + timedout + aborted',
          usingMetrics: {
            failed: stateMachine.metricFailed({ period }),
            timedout: stateMachine.metricTimedOut({ period }),
            aborted: stateMachine.metricAborted({ period }),
          },
          period,
          label: `${name} failures`,
        }),
        0,
      );
    }
    const anomalyRate = new cloudwatch.Metric({
      namespace: props.metricsNamespace,
      metricName: 'AnomalyRate',
      dimensionsMap: { service: props.enrichmentService },
      statistic: 'Average',
      period: Duration.minutes(15),
    });
    this.anomalyRateAlarmName = `${props.namePrefix}-anomaly-rate`;
    this.anomalyRateAlarm = alarm(
      'AnomalyRate',
      'anomaly-rate',
      `AnomalyRate above ${props.anomalyRateThreshold}: starts a retrain`,
      anomalyRate,
      props.anomalyRateThreshold,
    );
    const missing = new cloudwatch.Metric({
      namespace: props.metricsNamespace,
      metricName: 'ReconciliationMissingCount',
      dimensionsMap: { service: props.reconcilerService },
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    alarm(
      'ReconciliationMissing',
      'reconciliation-missing',
      'Recommendations past their SLA and not implemented',
      missing,
      0,
    );

    const volume = new cloudwatch.Metric({
      namespace: 'AWS/Logs',
      metricName: 'IncomingBytes',
      dimensionsMap: { LogGroupName: props.volumeLogGroup.logGroupName },
      statistic: 'Sum',
      period: Duration.minutes(15),
    });
    this.logVolumeAlarm = new cloudwatch.CfnAlarm(this, 'LogVolumeAnomaly', {
      alarmName: `${props.namePrefix}-log-volume-anomaly`,
      alarmDescription: 'Log volume outside the expected band (anomaly detection, 2 standard deviations)',
      comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      evaluationPeriods: 2,
      thresholdMetricId: 'band',
      treatMissingData: 'notBreaching',
      alarmActions: [props.alertsTopic.topicArn],
      okActions: [props.alertsTopic.topicArn],
      metrics: [
        {
          id: 'volume',
          returnData: true,
          metricStat: {
            metric: {
              namespace: volume.namespace,
              metricName: volume.metricName,
              dimensions: [{ name: 'LogGroupName', value: props.volumeLogGroup.logGroupName }],
            },
            period: 900,
            stat: 'Sum',
          },
        },
        { id: 'band', expression: 'ANOMALY_DETECTION_BAND(volume, 2)', label: 'Expected volume', returnData: true },
      ],
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${props.namePrefix}-detector`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Invocations and errors',
        left: props.functions.map(({ function: fn }) => fn.metricInvocations({ period })),
        right: props.functions.map(({ function: fn }) => fn.metricErrors({ period })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({ title: 'Anomaly rate', left: [anomalyRate], width: 6 }),
      new cloudwatch.GraphWidget({ title: 'Reconciliation missing', left: [missing], width: 6 }),
      new cloudwatch.GraphWidget({
        title: 'Workflow executions',
        left: props.stateMachines.map(({ stateMachine }) => stateMachine.metricSucceeded({ period })),
        right: props.stateMachines.map(({ stateMachine }) => stateMachine.metricFailed({ period })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues',
        left: props.deadLetterQueues.map(({ queue }) => queue.metricApproximateNumberOfMessagesVisible({ period })),
        width: 6,
      }),
      new cloudwatch.GraphWidget({ title: 'Log volume', left: [volume], width: 6 }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
  }
}
