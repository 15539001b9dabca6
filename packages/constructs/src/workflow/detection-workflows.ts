import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { WorkflowStateMachine } from './workflow-state-machine';
import { WorkflowLogDelivery, WorkflowRuntimePolicy } from '../compute/runtime-policies';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { resourceFinding } from '../policy/nag-finding-ids';
import { validateInteger } from '../validation';

/** Errors of a Lambda invocation that mean "try again later" (throttling and transient faults). */
export const LAMBDA_THROTTLING_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
];

/** Properties of {@link DetectionWorkflows}. */
export interface DetectionWorkflowsProps {
  /** Prefix of the state machine names (`<prefix>-detection`, `-backfill`, `-retrain`). */
  readonly namePrefix: string;
  /** The enrichment function (parse → extract entities → score → persist). */
  readonly enrichment: lambda.IFunction;
  /** Raw log bucket the backfill lists and the enrichment reads. */
  readonly rawLogBucket: s3.IBucket;
  /** Alerts topic of the alert step and retrain notices. */
  readonly alertsTopic: sns.ITopic;
  /** Dead-letter queue that preserves failed inputs with their error (audit trail). */
  readonly deadLetterQueue: sqs.IQueue;
  /** Key of the topic and the dead-letter queue. */
  readonly messagingKey: kms.IKey;
  /** Key, name prefix and retention of the execution log groups (`<logGroupPrefix>detection`, …). */
  readonly logKey: kms.IKey;
  readonly logGroupPrefix: string;
  readonly logRetentionDays: number;
  /**
   * Child executions the backfill runs in parallel.
   * @default 20
   */
  readonly backfillConcurrency?: number;
  /**
   * Prefix of the raw logs a retrain re-processes.
   * @default 'AWSLogs/'
   */
  readonly retrainPrefix?: string;
}

/**
 * The detector's Step Functions workflows:
 * - **detection**: ingestion → extraction and scoring (enrichment function,
 *   `Retry` on throttling) → alert when the unit report counts findings at
 *   or above the alert threshold (`alerted > 0`); any failure is `Catch`-ed into the dead-letter queue with the
 *   input and the error (the audit trail survives) and the execution fails;
 * - **backfill**: a Distributed Map over an S3 prefix of the raw log bucket,
 *   one child execution per object, so a year of logs fans out across many
 *   Lambda invocations; failed objects go to the dead-letter queue;
 * - **retrain**: started by the retrain-trigger function when the anomaly
 *   rate alarm fires; re-runs the backfill over the retrain prefix so the
 *   baseline profiles are rebuilt, and notifies the alerts topic.
 */
export class DetectionWorkflows extends Construct {
  public readonly detection: WorkflowStateMachine;
  public readonly backfill: WorkflowStateMachine;
  public readonly retrain: WorkflowStateMachine;

  constructor(scope: Construct, id: string, props: DetectionWorkflowsProps) {
    super(scope, id);
    const concurrency = props.backfillConcurrency ?? 20;
    validateInteger('backfillConcurrency', concurrency, 1, 10000);
    const stack = Stack.of(this);
    const runtimePolicy = new WorkflowRuntimePolicy(this, 'RuntimePolicy').policy;
    const names = {
      detection: `${props.namePrefix}-detection`,
      backfill: `${props.namePrefix}-backfill`,
      retrain: `${props.namePrefix}-retrain`,
    };
    const logArn = (name: string): string =>
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: `${props.logGroupPrefix}${name}:log-stream:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const logDelivery = new WorkflowLogDelivery(this, 'LogDelivery', {
      policyName: `${props.namePrefix}-workflow-log-delivery`,
      logGroupArns: ['detection', 'backfill', 'retrain'].map(logArn),
    }).resourcePolicy;
    const common = {
      runtimePolicy,
      logKey: props.logKey,
      logRetentionDays: props.logRetentionDays,
      logDelivery,
    };
    const invoke = new iam.PolicyStatement({
      sid: 'InvokeEnrichment',
      actions: ['lambda:InvokeFunction'],
      resources: [props.enrichment.functionArn],
    });
    const deadLetter = new iam.PolicyStatement({
      sid: 'PreserveFailuresInDeadLetterQueue',
      actions: ['sqs:SendMessage'],
      resources: [props.deadLetterQueue.queueArn],
    });
    const alert = new iam.PolicyStatement({
      sid: 'PublishAlerts',
      actions: ['sns:Publish'],
      resources: [props.alertsTopic.topicArn],
    });
    const messagingKey = new iam.PolicyStatement({
      sid: 'UseMessagingKey',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [props.messagingKey.keyArn],
    });

    // detection: ingestion → extraction and scoring → alert
    const toDeadLetter = (label: string): sfn.IChainable =>
      new tasks.SqsSendMessage(this, `${label}PreserveInDeadLetterQueue`, {
        queue: props.deadLetterQueue,
        messageBody: sfn.TaskInput.fromObject({
          source: 'aad.workflow',
          workflow: label,
          execution: sfn.JsonPath.executionId,
          input: sfn.JsonPath.objectAt('$.request'),
          error: sfn.JsonPath.objectAt('$.error'),
        }),
        resultPath: sfn.JsonPath.DISCARD,
      }).next(
        new sfn.Fail(this, `${label}Failed`, {
          error: 'DetectionFailed',
          cause: 'Input preserved in the dead-letter queue',
        }),
      );
    const ingestion = new sfn.Pass(this, 'Ingestion', {
      comment: 'Wraps the S3 object reference ({bucket, key[, versionId]}) or events with the execution id',
      parameters: { 'request.$': '$', 'execution.$': '$$.Execution.Id' },
    });
    const extractAndScore = this.invokeEnrichment('ExtractionAndScoring', props.enrichment, '$.result');
    const alertStep = new tasks.SnsPublish(this, 'Alert', {
      topic: props.alertsTopic,
      subject: 'AAD: findings at or above the alert threshold',
      message: sfn.TaskInput.fromObject({
        execution: sfn.JsonPath.stringAt('$.execution'),
        request: sfn.JsonPath.objectAt('$.request'),
        result: sfn.JsonPath.objectAt('$.result'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const failure = toDeadLetter('Detection');
    extractAndScore.addCatch(failure, { resultPath: '$.error' });
    alertStep.addCatch(failure, { resultPath: '$.error' });
    const done = new sfn.Succeed(this, 'Done');
    const scoring = new sfn.Choice(this, 'Scoring')
      .when(
        sfn.Condition.and(
          // The enrichment unit report counts findings at or above ALERT_THRESHOLD in `alerted`.
          sfn.Condition.isPresent('$.result.alerted'),
          sfn.Condition.numberGreaterThan('$.result.alerted', 0),
        ),
        alertStep.next(done),
      )
      .otherwise(done);
    this.detection = new WorkflowStateMachine(this, 'Detection', {
      ...common,
      stateMachineName: names.detection,
      description: 'Ingestion, extraction, scoring and alert of one raw log object',
      definition: ingestion.next(extractAndScore).next(scoring),
      logGroupName: `${props.logGroupPrefix}detection`,
      statements: [invoke, deadLetter, alert, messagingKey],
    });

    // backfill: Distributed Map over an S3 prefix
    const backfillArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: names.backfill,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const backfillExecutions = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${names.backfill}/*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const backfillItem = this.invokeEnrichment('BackfillObject', props.enrichment, sfn.JsonPath.DISCARD);
    backfillItem.addCatch(
      new tasks.SqsSendMessage(this, 'BackfillPreserveInDeadLetterQueue', {
        queue: props.deadLetterQueue,
        messageBody: sfn.TaskInput.fromObject({
          source: 'aad.workflow',
          workflow: 'Backfill',
          input: sfn.JsonPath.objectAt('$.request'),
          error: sfn.JsonPath.objectAt('$.error'),
        }),
        resultPath: sfn.JsonPath.DISCARD,
      }).next(new sfn.Succeed(this, 'BackfillObjectDeadLettered')),
      { resultPath: '$.error' },
    );
    const map = new sfn.DistributedMap(this, 'BackfillObjects', {
      comment: 'One child execution per raw log object under the prefix',
      itemReader: new sfn.S3ObjectsItemReader({
        bucket: props.rawLogBucket,
        prefix: sfn.JsonPath.stringAt('$.prefix'),
      }),
      itemSelector: {
        request: { bucket: props.rawLogBucket.bucketName, 'key.$': '$$.Map.Item.Value.Key' },
      },
      maxConcurrency: concurrency,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      toleratedFailurePercentage: 0,
      label: 'backfill',
      resultPath: sfn.JsonPath.DISCARD,
    });
    map.itemProcessor(backfillItem);
    this.backfill = new WorkflowStateMachine(this, 'Backfill', {
      ...common,
      stateMachineName: names.backfill,
      description: 'Backfill: Distributed Map over a raw log prefix, one enrichment invocation per object',
      definition: map.next(new sfn.Succeed(this, 'BackfillDone')),
      logGroupName: `${props.logGroupPrefix}backfill`,
      statements: [
        invoke,
        deadLetter,
        messagingKey,
        new iam.PolicyStatement({
          sid: 'ListRawLogPrefix',
          actions: ['s3:ListBucket'],
          resources: [props.rawLogBucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'RunChildExecutions',
          actions: ['states:StartExecution'],
          resources: [backfillArn],
        }),
        new iam.PolicyStatement({
          sid: 'TrackChildExecutions',
          actions: ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'],
          resources: [backfillExecutions],
        }),
      ],
    });
    acknowledge(
      this.backfill.role.policy,
      ACKNOWLEDGEMENTS.scopedServiceWildcard,
      [`${NAG_PLUGIN.awsSolutions}::AwsSolutions-IAM5[${resourceFinding(this, backfillExecutions)}]`],
      'Distributed Map child executions of the backfill state machine',
    );

    // retrain: re-run the backfill over the retrain prefix, notify
    const notifyFailed = new tasks.SnsPublish(this, 'NotifyRetrainFailed', {
      topic: props.alertsTopic,
      subject: 'AAD: retrain could not start',
      message: sfn.TaskInput.fromObject({
        execution: sfn.JsonPath.executionId,
        error: sfn.JsonPath.objectAt('$.error'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    }).next(new sfn.Fail(this, 'RetrainFailed', { error: 'RetrainFailed' }));
    const startBackfill = new tasks.StepFunctionsStartExecution(this, 'RebuildProfilesFromRecentLogs', {
      stateMachine: this.backfill.stateMachine,
      integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE,
      input: sfn.TaskInput.fromObject({
        prefix: props.retrainPrefix ?? 'AWSLogs/',
        requestedBy: sfn.JsonPath.executionId,
      }),
      resultSelector: { 'backfillExecution.$': '$.ExecutionArn' },
      resultPath: '$.retrain',
    });
    startBackfill.addRetry({
      errors: ['States.TaskFailed', 'SFN.ThrottlingException'],
      maxAttempts: 3,
      backoffRate: 2,
      interval: Duration.seconds(5),
    });
    startBackfill.addCatch(notifyFailed, { resultPath: '$.error' });
    const notifyStarted = new tasks.SnsPublish(this, 'NotifyRetrainStarted', {
      topic: props.alertsTopic,
      subject: 'AAD: retrain started',
      message: sfn.TaskInput.fromObject({
        execution: sfn.JsonPath.executionId,
        backfill: sfn.JsonPath.stringAt('$.retrain.backfillExecution'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    });
    this.retrain = new WorkflowStateMachine(this, 'Retrain', {
      ...common,
      stateMachineName: names.retrain,
      description: 'Retrain: rebuild baseline profiles from recent raw logs after an anomaly-rate alarm',
      definition: startBackfill.next(notifyStarted),
      logGroupName: `${props.logGroupPrefix}retrain`,
      statements: [
        alert,
        messagingKey,
        new iam.PolicyStatement({ sid: 'StartBackfill', actions: ['states:StartExecution'], resources: [backfillArn] }),
      ],
    });
  }

  /** Invokes the enrichment function with `$.request` ({bucket, key[, versionId]}) as its event. */
  private invokeEnrichment(id: string, fn: lambda.IFunction, resultPath: string): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, id, {
      lambdaFunction: fn,
      inputPath: '$.request',
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath,
    });
    task.addRetry({
      errors: LAMBDA_THROTTLING_ERRORS,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 6,
      jitterStrategy: sfn.JitterType.FULL,
    });
    return task;
  }
}
