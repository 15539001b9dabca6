import { AadConfig } from '@aad/core';
import { Aws, CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { aadStackProps } from '../app/stack-defaults';
import { DetectorFunction } from '../compute/detector-function';
import { DetectorKeys, leastPrivilegeKeyPolicy } from '../keys/detector-keys';
import { IngestQueue } from '../messaging/ingest-queue';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';

/**
 * Parameters of the service unit stack that come from the environment stack:
 * each is named exactly like the environment stack's output it takes
 * (`{{ environment.outputs.<Name> }}` in a Proton service template).
 */
export const TEAM_PIPELINE_ENVIRONMENT_PARAMETERS = [
  'ResourcePrefix',
  'AuditTableName',
  'ProfileTableName',
  'FindingsEventBusName',
  'ModelBucketName',
  'ModelPackagePrefix',
  'PrivateSubnetIds',
  'WorkloadSecurityGroupId',
  'FunctionRuntimePolicyArn',
  'PermissionBoundaryArn',
  'LogsKeyArn',
  'DataKeyArn',
  'AuditKeyArn',
  'MessagingKeyArn',
  'AlertsTopicArn',
  'MetricsNamespace',
  'AlertThreshold',
  'MinScore',
  'DetectionWindowMinutes',
  'FindingsTtlDays',
  'ProfileShardCount',
] as const;

/** Parameters the team (service instance) chooses. */
export const TEAM_PIPELINE_SERVICE_PARAMETERS = ['TeamName', 'SourceBucketName', 'SourceBucketKeyArn'] as const;

/** Outputs of the service unit stack. */
export const TEAM_PIPELINE_OUTPUTS = [
  'TeamIngestQueueArn',
  'TeamIngestQueueUrl',
  'TeamDeadLetterQueueUrl',
  'TeamEnrichmentFunctionName',
] as const;

/** Properties of {@link TeamPipelineStack}. */
export interface TeamPipelineStackProps extends StackProps {
  /** Environment configuration (tags, artifacts bucket, log retention). */
  readonly config: AadConfig;
  /**
   * Reserved concurrency of the team's enrichment function (a number, not a
   * parameter: the compliance packs check it at synthesis).
   * @default 5
   */
  readonly reservedConcurrency?: number;
  /**
   * What happens to the queues and log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The service unit stack (`aad-<env>-team-pipeline`): one team's ingest
 * queue and dead-letter queue, fed by S3 notifications of the team's own log
 * bucket, and an enrichment function (same bundle as the environment's) that
 * writes into the shared audit table and findings bus. Every input from the
 * environment stack is a `CfnParameter` named like that stack's output, so a
 * service template maps it to `{{ environment.outputs.<Name> }}`.
 */
export class TeamPipelineStack extends Stack {
  public readonly parameters: Readonly<Record<string, CfnParameter>>;
  public readonly ingest: IngestQueue;
  public readonly enrichment: DetectorFunction;

  constructor(scope: Construct, id: string, props: TeamPipelineStackProps) {
    const { config } = props;
    super(scope, id, aadStackProps(config, props));
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const p: Record<string, CfnParameter> = {};
    const envParam = (
      name: (typeof TEAM_PIPELINE_ENVIRONMENT_PARAMETERS)[number],
      description: string,
      type = 'String',
    ): CfnParameter =>
      (p[name] = new CfnParameter(this, name, { type, description: `${description} (environment output ${name})` }));
    envParam('ResourcePrefix', 'Prefix of the environment resource names');
    envParam('AuditTableName', 'Audit table');
    envParam('ProfileTableName', 'Profile table');
    envParam('FindingsEventBusName', 'Findings event bus');
    envParam('ModelBucketName', 'Model bucket');
    envParam('ModelPackagePrefix', 'Model package prefix');
    envParam('PrivateSubnetIds', 'Private subnets of the workloads', 'CommaDelimitedList');
    envParam('WorkloadSecurityGroupId', 'Workload security group');
    envParam('FunctionRuntimePolicyArn', 'Managed policy for network interfaces and X-Ray');
    envParam('PermissionBoundaryArn', 'Permission boundary of every role');
    envParam('LogsKeyArn', 'KMS key of log groups');
    envParam('DataKeyArn', 'KMS key of models and profiles');
    envParam('AuditKeyArn', 'KMS key of the audit table');
    envParam('MessagingKeyArn', 'KMS key of the findings bus and the alerts topic');
    envParam('AlertsTopicArn', 'Alerts topic');
    envParam('MetricsNamespace', 'Custom metrics namespace');
    envParam('AlertThreshold', 'Alert threshold');
    envParam('MinScore', 'Minimum recorded score');
    envParam('DetectionWindowMinutes', 'Volume window in minutes');
    envParam('FindingsTtlDays', 'Days findings are kept');
    envParam('ProfileShardCount', 'Profile shards per model package');
    p.TeamName = new CfnParameter(this, 'TeamName', {
      type: 'String',
      allowedPattern: '^[a-z][a-z0-9-]{1,20}$',
      description: 'Team name (lowercase letters, digits, hyphens; 2-21 characters)',
    });
    p.SourceBucketName = new CfnParameter(this, 'SourceBucketName', {
      type: 'String',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: "The team's CloudTrail log bucket whose object notifications the team sends to TeamIngestQueueArn",
    });
    p.SourceBucketKeyArn = new CfnParameter(this, 'SourceBucketKeyArn', {
      type: 'String',
      allowedPattern: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-zA-Z0-9-]+$',
      description: "KMS key encrypting the team's log bucket",
    });
    this.parameters = p;
    const v = (name: string): string => p[name].valueAsString;

    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    Tags.of(this).add('Team', v('TeamName'));
    iam.PermissionsBoundary.of(this).apply(
      iam.ManagedPolicy.fromManagedPolicyArn(this, 'PermissionBoundary', v('PermissionBoundaryArn')),
    );

    // The team's own queue key: S3 notifications of the team bucket must be able to use it.
    const teamKey = new kms.Key(this, 'QueueKey', {
      description: 'Access Anomaly Detector team pipeline: ingest queues',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy,
      policy: leastPrivilegeKeyPolicy(),
    });
    const sourceBucketArn = `arn:${Aws.PARTITION}:s3:::${v('SourceBucketName')}`;
    const fromBucket = {
      ArnLike: { 'aws:SourceArn': sourceBucketArn },
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    };
    DetectorKeys.allowService(teamKey, 'AllowTeamBucketNotifications', 's3.amazonaws.com', fromBucket);
    DetectorKeys.allowService(teamKey, 'AllowCloudWatchAlarms', 'cloudwatch.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    });
    const queueName = `${v('ResourcePrefix')}-${v('TeamName')}-ingest`;
    this.ingest = new IngestQueue(this, 'Ingest', {
      queueName,
      encryptionKey: teamKey,
      visibilityTimeout: Duration.minutes(6),
      removalPolicy,
    });
    this.ingest.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowTeamBucketNotifications',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.ingest.queue.queueArn],
        conditions: fromBucket,
      }),
    );

    const keyArns = [v('DataKeyArn'), v('AuditKeyArn'), v('MessagingKeyArn'), v('SourceBucketKeyArn'), teamKey.keyArn];
    const service = `${v('ResourcePrefix')}-${v('TeamName')}-enrichment`;
    this.enrichment = new DetectorFunction(this, 'Enrichment', {
      handler: 'enrichment',
      functionName: service,
      environment: {
        AUDIT_TABLE_NAME: v('AuditTableName'),
        PROFILE_TABLE_NAME: v('ProfileTableName'),
        PROFILE_SHARD_COUNT: v('ProfileShardCount'),
        RAW_LOG_BUCKET: v('SourceBucketName'),
        EVENT_BUS_NAME: v('FindingsEventBusName'),
        ALERT_THRESHOLD: v('AlertThreshold'),
        MIN_SCORE: v('MinScore'),
        DETECTION_WINDOW_MINUTES: v('DetectionWindowMinutes'),
        FINDINGS_TTL_DAYS: v('FindingsTtlDays'),
        MODEL_BUCKET: v('ModelBucketName'),
        MODEL_PACKAGE_PREFIX: v('ModelPackagePrefix'),
        MODEL_REFRESH_SECONDS: '300',
        DEAD_LETTER_QUEUE_URL: this.ingest.deadLetterQueue.queueUrl,
        MAX_RECEIVE_COUNT: String(this.ingest.maxReceiveCount),
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: v('MetricsNamespace'),
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      placeholders: {
        IngestQueueArn: this.ingest.queue.queueArn,
        DeadLetterQueueArn: this.ingest.deadLetterQueue.queueArn,
        KmsKeyArns: keyArns,
      },
      network: { subnetIds: p.PrivateSubnetIds.valueAsList, securityGroupId: v('WorkloadSecurityGroupId') },
      runtimePolicy: iam.ManagedPolicy.fromManagedPolicyArn(
        this,
        'FunctionRuntimePolicy',
        v('FunctionRuntimePolicyArn'),
      ),
      deadLetterQueue: this.ingest.deadLetterQueue,
      logKey: kms.Key.fromKeyArn(this, 'LogsKey', v('LogsKeyArn')),
      logGroupName: `/aad/${v('ResourcePrefix')}/teams/${v('TeamName')}/enrichment`,
      logRetentionDays: config.retention.logGroupDays,
      reservedConcurrency: props.reservedConcurrency ?? 5,
      memorySize: 1024,
      timeout: Duration.seconds(60),
      removalPolicy,
    });
    this.enrichment.function.addEventSource(
      new eventsources.SqsEventSource(this.ingest.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );
    acknowledge(
      this.enrichment.logGroup,
      ACKNOWLEDGEMENTS.parameterizedValue,
      [`${NAG_PLUGIN.cfnGuard}::cloudwatch_log_group_encrypted_check`],
      'KmsKeyId is the LogsKeyArn parameter',
    );
    acknowledge(
      this.enrichment.function,
      ACKNOWLEDGEMENTS.parameterizedValue,
      [`${NAG_PLUGIN.cfnGuard}::lambda_inside_vpc_check`],
      'VpcConfig.SubnetIds is the PrivateSubnetIds parameter',
    );
    acknowledge(this.enrichment.function, ACKNOWLEDGEMENTS.sqsEventSourceNoDestination, [
      `${NAG_PLUGIN.serverless}::Serverless-LambdaEventSourceMappingDestination`,
    ]);

    const alerts = new actions.SnsAction(sns.Topic.fromTopicArn(this, 'AlertsTopic', v('AlertsTopicArn')));
    const period = Duration.minutes(5);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string): void => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(alerts);
      created.addOkAction(alerts);
    };
    alarm('EnrichmentErrors', this.enrichment.function.metricErrors({ period }), 'Team enrichment: invocation errors');
    alarm('EnrichmentThrottles', this.enrichment.function.metricThrottles({ period }), 'Team enrichment: throttles');
    alarm(
      'DeadLetterDepth',
      this.ingest.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      'Team dead-letter queue: messages waiting',
    );

    const outputs: Record<(typeof TEAM_PIPELINE_OUTPUTS)[number], [string, string]> = {
      TeamIngestQueueArn: [
        this.ingest.queue.queueArn,
        "Queue the team's bucket notifications target (s3:ObjectCreated:*)",
      ],
      TeamIngestQueueUrl: [this.ingest.queue.queueUrl, 'Team ingest queue URL'],
      TeamDeadLetterQueueUrl: [this.ingest.deadLetterQueue.queueUrl, 'Team dead-letter queue URL'],
      TeamEnrichmentFunctionName: [this.enrichment.function.functionName, 'Team enrichment function'],
    };
    for (const name of TEAM_PIPELINE_OUTPUTS) {
      new CfnOutput(this, name, { value: outputs[name][0], description: outputs[name][1] });
    }
  }
}
