import { AadConfig } from '@aad/core';
import {
  ArnFormat,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  CfnRule,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  StackProps,
  Tags,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { aadStackProps } from '../app/stack-defaults';
import { DetectorFunction } from '../compute/detector-function';
import { FunctionRuntimePolicy } from '../compute/runtime-policies';
import { DetectorTable } from '../data/detector-tables';
import { TableBackup } from '../data/table-backup';
import { InvalidPropError } from '../errors';
import { DetectorKeys } from '../keys/detector-keys';
import { AlertsTopic } from '../messaging/alerts-topic';
import { DeadLetterQueue } from '../messaging/dead-letter-queue';
import { IngestQueue } from '../messaging/ingest-queue';
import { DetectorNetwork, ExistingVpcOptions } from '../network/detector-network';
import { CostBudget } from '../observability/cost-budget';
import { DetectorObservability } from '../observability/detector-observability';
import { PlatformServices } from '../platform/platform-services';
import { ACKNOWLEDGEMENTS, NAG_PLUGIN, acknowledge } from '../policy/acknowledgements';
import { FindingsRouting } from '../routing/findings-routing';
import { AUDIT_TABLE_DESIGN, PROFILE_TABLE_DESIGN } from '../runtime-contracts';
import { ModelEndpoint } from '../serving/model-endpoint';
import { AccessLogBucket } from '../storage/access-log-bucket';
import { RawLogBucket } from '../storage/raw-log-bucket';
import { SecureBucket } from '../storage/secure-bucket';
import { validateBucketName, validateKmsKeyArn, validateTopicName, validateVpcId } from '../validation';
import { DetectionWorkflows } from '../workflow/detection-workflows';

/** Namespace of the handlers' custom metrics. */
export const METRICS_NAMESPACE = 'AccessAnomalyDetector';

/** Names of the environment stack's outputs (the service template's parameters use the same names). */
export const DETECTOR_OUTPUTS = [
  'ResourcePrefix',
  'AuditTableName',
  'AuditTableArn',
  'ProfileTableName',
  'ProfileTableArn',
  'FindingsEventBusName',
  'FindingsEventBusArn',
  'AlertsTopicArn',
  'IngestQueueUrl',
  'IngestQueueArn',
  'IngestDeadLetterQueueUrl',
  'RawLogBucketName',
  'ModelBucketName',
  'DataBucketName',
  'ModelPackagePrefix',
  'VpcId',
  'PrivateSubnetIds',
  'WorkloadSecurityGroupId',
  'FunctionRuntimePolicyArn',
  'PermissionBoundaryArn',
  'LogsKeyArn',
  'DataKeyArn',
  'AuditKeyArn',
  'MessagingKeyArn',
  'EnrichmentFunctionName',
  'DetectionStateMachineArn',
  'BackfillStateMachineArn',
  'RetrainStateMachineArn',
  'DashboardName',
  'MetricsNamespace',
  'AlertThreshold',
  'MinScore',
  'DetectionWindowMinutes',
  'FindingsTtlDays',
  'ProfileShardCount',
] as const;

/** Properties of {@link DetectorStack}. */
export interface DetectorStackProps extends StackProps {
  /** Validated environment configuration (`loadConfig(env)` from `@aad/core`). */
  readonly config: AadConfig;
  /**
   * Model and profile bucket name.
   * @default config.buckets.models
   */
  readonly modelBucketName?: string;
  /**
   * Detector data bucket name (exports, backfill manifests).
   * @default config.buckets.data
   */
  readonly dataBucketName?: string;
  /**
   * Alerts topic name (the display name is separate).
   * @default '<resourcePrefix>-alerts'
   */
  readonly alertsTopicName?: string;
  /**
   * Import this VPC instead of creating one.
   * @default - from config.network (vpcId, subnetIds, availabilityZones, routeTableIds), else a new VPC
   */
  readonly existingVpc?: ExistingVpcOptions;
  /**
   * Import this KMS key for every data class instead of creating keys.
   * @default config.security.kmsKeyArn, else four new customer-managed keys
   */
  readonly kmsKeyArn?: string;
  /**
   * Refuse `DeleteTable` on the tables.
   * @default true when config.environment is 'prod'
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to data resources (keys, buckets, tables, queues, log groups) on stack deletion.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The detector's shared infrastructure for one environment (the
 * "environment" stack `aad-<env>-detector`): keys, buckets, network,
 * functions, tables, queues, topic, workflows, routing, observability, the
 * optional SageMaker endpoint and the platform-service modules. Tags from
 * the configuration apply to every taggable resource; a permission boundary
 * from the configuration to every role.
 *
 * Assets are published by `cdk deploy` with the caller's credentials to the
 * artifacts bucket (`buckets.artifacts`, prefix `cdk-assets/`): no CDK
 * bootstrap stack, roles or version parameter are needed, and the template
 * names its code objects explicitly (see ADR 0006).
 *
 * @example
 * const config = loadConfig('dev');
 * new DetectorStack(app, `${config.resourcePrefix}-detector`, { config });
 */
export class DetectorStack extends Stack {
  public readonly config: AadConfig;
  public readonly keys: DetectorKeys;
  public readonly network: DetectorNetwork;
  public readonly rawLogs: RawLogBucket;
  public readonly ingest: IngestQueue;
  public readonly auditTable: DetectorTable;
  public readonly profileTable: DetectorTable;
  public readonly alerts: AlertsTopic;
  public readonly enrichment: DetectorFunction;
  public readonly reconciler: DetectorFunction;
  public readonly retrainTrigger: DetectorFunction;
  public readonly workflows: DetectionWorkflows;
  public readonly routing: FindingsRouting;
  public readonly observability: DetectorObservability;
  public readonly platform: PlatformServices;
  public readonly modelEndpoint: ModelEndpoint;
  /** `EnableSageMakerEndpoint` parameter and the condition it drives. */
  public readonly enableSageMakerEndpoint: CfnParameter;
  public readonly sageMakerCondition: CfnCondition;

  constructor(scope: Construct, id: string, props: DetectorStackProps) {
    const { config } = props;
    super(scope, id, aadStackProps(config, props));
    this.config = config;
    const prefix = config.resourcePrefix;
    const modelBucketName = props.modelBucketName ?? config.buckets.models;
    const dataBucketName = props.dataBucketName ?? config.buckets.data;
    const alertsTopicName = props.alertsTopicName ?? `${prefix}-alerts`;
    const kmsKeyArn = props.kmsKeyArn ?? config.security.kmsKeyArn;
    validateBucketName('modelBucketName', modelBucketName);
    validateBucketName('dataBucketName', dataBucketName);
    validateTopicName('alertsTopicName', alertsTopicName);
    validateKmsKeyArn('kmsKeyArn', kmsKeyArn);
    const existingVpc = props.existingVpc ?? existingVpcFromConfig(config);
    if (existingVpc) validateVpcId('existingVpc.vpcId', existingVpc.vpcId);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logGroupPrefix = `/aad/${prefix}/`;
    const logDays = config.retention.logGroupDays;

    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    const boundary = iam.ManagedPolicy.fromManagedPolicyName(
      this,
      'PermissionBoundary',
      config.security.permissionBoundaryName,
    );
    iam.PermissionsBoundary.of(this).apply(boundary);

    // Keys, buckets, queues, topic
    this.keys = new DetectorKeys(this, 'Keys', { aliasPrefix: prefix, importedKeyArn: kmsKeyArn, removalPolicy });
    DetectorKeys.allowLogGroups(this.keys.logs, logGroupPrefix);
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      bucketName: config.buckets.accessLogs,
      expirationDays: config.retention.rawLogsDays,
      removalPolicy,
    });
    const enrichmentTimeout = Duration.seconds(60);
    this.ingest = new IngestQueue(this, 'Ingest', {
      queueName: `${prefix}-ingest`,
      encryptionKey: this.keys.messaging,
      maxReceiveCount: 5,
      visibilityTimeout: Duration.seconds(enrichmentTimeout.toSeconds() * 6),
      removalPolicy,
    });
    this.rawLogs = new RawLogBucket(this, 'RawLogs', {
      bucketName: config.buckets.rawLogs,
      encryptionKey: this.keys.logs,
      accessLogs,
      lifecycle: {
        infrequentAccessAfterDays: config.retention.infrequentAccessAfterDays,
        glacierAfterDays: config.retention.glacierAfterDays,
        expirationDays: config.retention.rawLogsDays,
      },
      objectLockDays: config.objectLock ? config.retention.rawLogsDays : undefined,
      notificationQueue: this.ingest.queue,
      notificationPrefix: 'AWSLogs/',
      removalPolicy,
    });
    const models = new SecureBucket(this, 'Models', {
      bucketName: modelBucketName,
      encryptionKey: this.keys.data,
      accessLogs,
      removalPolicy,
    });
    const data = new SecureBucket(this, 'Data', {
      bucketName: dataBucketName,
      encryptionKey: this.keys.data,
      accessLogs,
      lifecycle: { infrequentAccessAfterDays: 30, expirationDays: config.retention.findingsDays },
      removalPolicy,
    });
    this.alerts = new AlertsTopic(this, 'Alerts', {
      topicName: alertsTopicName,
      displayName: `Access Anomaly Detector alerts (${config.environment})`,
      encryptionKey: this.keys.messaging,
    });

    // Tables and backups
    const deletionProtection = props.deletionProtection ?? config.environment === 'prod';
    this.auditTable = new DetectorTable(this, 'AuditTable', {
      tableName: `${prefix}-audit`,
      design: AUDIT_TABLE_DESIGN,
      encryptionKey: this.keys.audit,
      deletionProtection,
      removalPolicy,
    });
    this.profileTable = new DetectorTable(this, 'ProfileTable', {
      tableName: `${prefix}-profiles`,
      design: PROFILE_TABLE_DESIGN,
      encryptionKey: this.keys.data,
      deletionProtection,
      removalPolicy,
    });
    new TableBackup(this, 'TableBackup', {
      name: `${prefix}-tables`,
      tables: [this.auditTable.table, this.profileTable.table],
      tableKeys: [this.keys.audit, this.keys.data],
      vaultKey: this.keys.audit,
      retentionDays: Math.max(35, config.retention.findingsDays),
      removalPolicy,
    });

    // Network
    this.network = new DetectorNetwork(this, 'Network', {
      maxAzs: config.network.maxAzs,
      existingVpc,
      logKey: this.keys.logs,
      flowLogGroupName: `${logGroupPrefix}vpc-flow-logs`,
      flowLogRetentionDays: logDays,
      removalPolicy,
    });
    const runtimePolicy = new FunctionRuntimePolicy(this, 'FunctionRuntimePolicy', {
      subnets: this.network.vpc.selectSubnets(this.network.subnets).subnets,
      securityGroup: this.network.workloadSecurityGroup,
    }).policy;
    const functionNetwork = {
      vpc: this.network.vpc,
      vpcSubnets: this.network.subnets,
      securityGroup: this.network.workloadSecurityGroup,
    };

    // Platform services (Security Hub product ARN feeds the enrichment environment)
    const eventBusName = `${prefix}-findings`;
    const modelPackagePrefix = `model-packages/${config.environment}/`;
    const profileShardCount = config.compute?.profileShardCount ?? 16;
    this.platform = new PlatformServices(this, 'Platform', {
      config,
      keys: this.keys,
      accessLogs,
      rawLogBucket: this.rawLogs.bucket,
      logGroupPrefix,
      parameters: {
        'tables/audit': this.auditTable.table.tableName,
        'tables/profiles': this.profileTable.table.tableName,
        'buckets/raw-logs': config.buckets.rawLogs,
        'buckets/models': modelBucketName,
        'events/findings-bus': eventBusName,
        'detection/alert-threshold': String(config.detection.alertThreshold),
        'detection/min-score': String(config.detection.minScore),
      },
    });

    // Functions
    const dlq = (name: string): DeadLetterQueue =>
      new DeadLetterQueue(this, `${name}DeadLetter`, {
        queueName: `${prefix}-${name.toLowerCase()}-dlq`,
        encryptionKey: this.keys.messaging,
        removalPolicy,
      });
    const reconcilerDlq = dlq('Reconciler');
    const retrainDlq = dlq('RetrainTrigger');
    const eventsDlq = dlq('Events');
    acknowledge(
      eventsDlq.queue,
      ACKNOWLEDGEMENTS.dlqEndOfChain,
      [`${NAG_PLUGIN.awsSolutions}::AwsSolutions-SQS3`],
      'dead-letter queue of EventBridge targets, which AwsSolutions-SQS3 does not recognize as a DLQ',
    );
    const keyArns = [
      ...new Set([this.keys.logs, this.keys.data, this.keys.audit, this.keys.messaging].map((k) => k.keyArn)),
    ];
    const powertools = (service: string): Record<string, string> => ({
      POWERTOOLS_SERVICE_NAME: service,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    const enrichmentConcurrency = config.compute?.enrichmentConcurrency ?? 10;
    this.enrichment = new DetectorFunction(this, 'Enrichment', {
      handler: 'enrichment',
      functionName: `${prefix}-enrichment`,
      environment: {
        AUDIT_TABLE_NAME: this.auditTable.table.tableName,
        PROFILE_TABLE_NAME: this.profileTable.table.tableName,
        PROFILE_SHARD_COUNT: String(profileShardCount),
        RAW_LOG_BUCKET: config.buckets.rawLogs,
        EVENT_BUS_NAME: eventBusName,
        ...(this.platform.securityHub.productArn
          ? { SECURITY_HUB_PRODUCT_ARN: this.platform.securityHub.productArn }
          : {}),
        ALERT_THRESHOLD: String(config.detection.alertThreshold),
        MIN_SCORE: String(config.detection.minScore),
        DETECTION_WINDOW_MINUTES: String(config.detection.windowMinutes),
        FINDINGS_TTL_DAYS: String(config.retention.findingsDays),
        MODEL_BUCKET: modelBucketName,
        MODEL_PACKAGE_PREFIX: modelPackagePrefix,
        MODEL_REFRESH_SECONDS: '300',
        DEAD_LETTER_QUEUE_URL: this.ingest.deadLetterQueue.queueUrl,
        MAX_RECEIVE_COUNT: String(this.ingest.maxReceiveCount),
        ...powertools(`${prefix}-enrichment`),
      },
      placeholders: {
        IngestQueueArn: this.ingest.queue.queueArn,
        DeadLetterQueueArn: this.ingest.deadLetterQueue.queueArn,
        KmsKeyArns: keyArns,
      },
      network: functionNetwork,
      runtimePolicy,
      deadLetterQueue: this.ingest.deadLetterQueue,
      logKey: this.keys.logs,
      logGroupName: `${logGroupPrefix}lambda/enrichment`,
      logRetentionDays: logDays,
      reservedConcurrency: enrichmentConcurrency,
      memorySize: 1024,
      timeout: enrichmentTimeout,
      removalPolicy,
    });
    const esm = new eventsources.SqsEventSource(this.ingest.queue, {
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      maxConcurrency: Math.max(2, Math.min(enrichmentConcurrency, 1000)),
    });
    this.enrichment.function.addEventSource(esm);
    acknowledge(this.enrichment.function, ACKNOWLEDGEMENTS.sqsEventSourceNoDestination, [
      `${NAG_PLUGIN.serverless}::Serverless-LambdaEventSourceMappingDestination`,
    ]);

    this.reconciler = new DetectorFunction(this, 'Reconciler', {
      handler: 'reconciler',
      functionName: `${prefix}-reconciler`,
      environment: {
        AUDIT_TABLE_NAME: this.auditTable.table.tableName,
        RECONCILIATION_SLA_HOURS: String(config.detection.reconciliationSlaHours),
        ...powertools(`${prefix}-reconciler`),
      },
      placeholders: { KmsKeyArns: [this.keys.audit.keyArn] },
      network: functionNetwork,
      runtimePolicy,
      deadLetterQueue: reconcilerDlq.queue,
      logKey: this.keys.logs,
      logGroupName: `${logGroupPrefix}lambda/reconciler`,
      logRetentionDays: logDays,
      reservedConcurrency: 1,
      timeout: Duration.minutes(5),
      removalPolicy,
    });
    const retrainArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: `${prefix}-retrain`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.retrainTrigger = new DetectorFunction(this, 'RetrainTrigger', {
      handler: 'retrain-trigger',
      functionName: `${prefix}-retrain-trigger`,
      environment: { RETRAIN_STATE_MACHINE_ARN: retrainArn, ...powertools(`${prefix}-retrain-trigger`) },
      network: functionNetwork,
      runtimePolicy,
      deadLetterQueue: retrainDlq.queue,
      logKey: this.keys.logs,
      logGroupName: `${logGroupPrefix}lambda/retrain-trigger`,
      logRetentionDays: logDays,
      reservedConcurrency: 1,
      timeout: Duration.seconds(30),
      removalPolicy,
    });

    // Workflows, routing, schedules
    this.workflows = new DetectionWorkflows(this, 'Workflows', {
      namePrefix: prefix,
      enrichment: this.enrichment.function,
      rawLogBucket: this.rawLogs.bucket,
      alertsTopic: this.alerts.topic,
      deadLetterQueue: this.ingest.deadLetterQueue,
      messagingKey: this.keys.messaging,
      logKey: this.keys.logs,
      logGroupPrefix: `${logGroupPrefix}states/`,
      logRetentionDays: logDays,
      backfillConcurrency: config.compute?.backfillConcurrency,
    });
    this.routing = new FindingsRouting(this, 'Routing', {
      eventBusName,
      encryptionKey: this.keys.messaging,
      alertThreshold: config.detection.alertThreshold,
      alertsTopic: this.alerts.topic,
      deadLetterQueue: eventsDlq.queue,
      realtimeFunction: this.enrichment.function,
    });
    new events.Rule(this, 'NightlyReconciliation', {
      description: 'Nightly reconciliation of recommended actions (02:00 UTC)',
      schedule: events.Schedule.cron({ minute: '0', hour: '2' }),
      targets: [
        new targets.LambdaFunction(this.reconciler.function, {
          deadLetterQueue: eventsDlq.queue,
          retryAttempts: 2,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });

    // Observability and the retrain path (anomaly-rate alarm → SNS → retrain-trigger → retrain workflow)
    this.observability = new DetectorObservability(this, 'Observability', {
      namePrefix: prefix,
      alertsTopic: this.alerts.topic,
      functions: [
        { name: 'enrichment', function: this.enrichment.function },
        { name: 'reconciler', function: this.reconciler.function },
        { name: 'retrain-trigger', function: this.retrainTrigger.function },
      ],
      deadLetterQueues: [
        { name: 'ingest-dlq', queue: this.ingest.deadLetterQueue },
        { name: 'reconciler-dlq', queue: reconcilerDlq.queue },
        { name: 'retrain-trigger-dlq', queue: retrainDlq.queue },
        { name: 'events-dlq', queue: eventsDlq.queue },
      ],
      stateMachines: [
        { name: 'detection', stateMachine: this.workflows.detection.stateMachine },
        { name: 'backfill', stateMachine: this.workflows.backfill.stateMachine },
        { name: 'retrain', stateMachine: this.workflows.retrain.stateMachine },
      ],
      metricsNamespace: METRICS_NAMESPACE,
      enrichmentService: `${prefix}-enrichment`,
      reconcilerService: `${prefix}-reconciler`,
      anomalyRateThreshold: config.detection.anomalyRateAlarm,
      volumeLogGroup: this.enrichment.logGroup,
    });
    this.alerts.topic.addSubscription(
      new subscriptions.LambdaSubscription(this.retrainTrigger.function, {
        deadLetterQueue: retrainDlq.queue,
        filterPolicyWithMessageBody: {
          AlarmName: sns.FilterOrPolicy.filter(
            sns.SubscriptionFilter.stringFilter({ allowlist: [this.observability.anomalyRateAlarmName] }),
          ),
          NewStateValue: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['ALARM'] })),
        },
      }),
    );

    new CostBudget(this, 'Budget', {
      budgetName: `${prefix}-monthly`,
      monthlyUsd: config.budget.monthlyUsd,
      alertsTopic: this.alerts.topic,
      topicKey: this.keys.messaging,
    });

    // Optional SageMaker endpoint: synthesized always, created only when enabled
    this.enableSageMakerEndpoint = new CfnParameter(this, 'EnableSageMakerEndpoint', {
      type: 'String',
      allowedValues: ['true', 'false'],
      default: String(config.features.sageMakerEndpoint),
      description: 'Create the SageMaker model endpoint (instances are billed while it exists)',
    });
    const imageUri = new CfnParameter(this, 'SageMakerImageUri', {
      type: 'String',
      default: 'none',
      description: 'Inference container image URI; required when EnableSageMakerEndpoint is true',
    });
    const instanceType = new CfnParameter(this, 'SageMakerInstanceType', {
      type: 'String',
      default: 'ml.m5.large',
      allowedPattern: '^ml\\.[a-z0-9]+\\.[a-z0-9]+$',
      description: 'Instance type of the SageMaker endpoint',
    });
    this.sageMakerCondition = new CfnCondition(this, 'SageMakerEndpointEnabled', {
      expression: Fn.conditionEquals(this.enableSageMakerEndpoint.valueAsString, 'true'),
    });
    new CfnRule(this, 'SageMakerImageRequired', {
      ruleCondition: Fn.conditionEquals(this.enableSageMakerEndpoint.valueAsString, 'true'),
      assertions: [
        {
          assert: Fn.conditionNot(Fn.conditionEquals(imageUri.valueAsString, 'none')),
          assertDescription: 'SageMakerImageUri is required when EnableSageMakerEndpoint is true',
        },
      ],
    });
    this.modelEndpoint = new ModelEndpoint(this, 'ModelEndpoint', {
      condition: this.sageMakerCondition,
      endpointName: `${prefix}-model`,
      imageUri: imageUri.valueAsString,
      instanceType: instanceType.valueAsString,
      modelBucket: models.bucket,
      modelDataKey: `${modelPackagePrefix}sagemaker/model.tar.gz`,
      encryptionKey: this.keys.data,
      vpc: this.network.vpc,
      subnets: this.network.subnets,
      securityGroup: this.network.workloadSecurityGroup,
    });
    for (const [name, service] of [
      ['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR],
      ['EcrDocker', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
      ['SageMakerRuntime', ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME],
    ] as const) {
      const endpoint = this.network.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: this.network.subnets,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [this.network.endpointSecurityGroup],
      });
      (endpoint.node.defaultChild as ec2.CfnVPCEndpoint).cfnOptions.condition = this.sageMakerCondition;
    }

    this.addOutputs({
      boundaryArn: boundary.managedPolicyArn,
      runtimePolicyArn: runtimePolicy.managedPolicyArn,
      eventBusName,
      modelBucketName,
      dataBucketName: data.bucket.bucketName,
      modelPackagePrefix,
      profileShardCount,
    });
  }

  private addOutputs(values: {
    boundaryArn: string;
    runtimePolicyArn: string;
    eventBusName: string;
    modelBucketName: string;
    dataBucketName: string;
    modelPackagePrefix: string;
    profileShardCount: number;
  }): void {
    const c = this.config;
    const out: Record<(typeof DETECTOR_OUTPUTS)[number], [string, string]> = {
      ResourcePrefix: [c.resourcePrefix, 'Prefix of every physical resource name'],
      AuditTableName: [this.auditTable.table.tableName, 'DynamoDB audit table of findings'],
      AuditTableArn: [this.auditTable.table.tableArn, 'ARN of the audit table'],
      ProfileTableName: [this.profileTable.table.tableName, 'DynamoDB baseline profile table'],
      ProfileTableArn: [this.profileTable.table.tableArn, 'ARN of the profile table'],
      FindingsEventBusName: [this.routing.eventBus.eventBusName, 'EventBridge bus of finding events'],
      FindingsEventBusArn: [this.routing.eventBus.eventBusArn, 'ARN of the findings bus'],
      AlertsTopicArn: [this.alerts.topic.topicArn, 'SNS alerts topic (alarms, findings at or above the threshold)'],
      IngestQueueUrl: [this.ingest.queue.queueUrl, 'SQS ingest queue of raw log object notifications'],
      IngestQueueArn: [this.ingest.queue.queueArn, 'ARN of the ingest queue'],
      IngestDeadLetterQueueUrl: [
        this.ingest.deadLetterQueue.queueUrl,
        'Dead-letter queue of the ingest path and workflows',
      ],
      RawLogBucketName: [this.rawLogs.bucket.bucketName, 'Raw security log bucket'],
      ModelBucketName: [values.modelBucketName, 'Model and baseline profile bucket'],
      DataBucketName: [values.dataBucketName, 'Detector data bucket'],
      ModelPackagePrefix: [values.modelPackagePrefix, 'Prefix of the environment model packages in the model bucket'],
      VpcId: [this.network.vpc.vpcId, 'VPC of the detector workloads'],
      PrivateSubnetIds: [
        Fn.join(',', this.network.vpc.selectSubnets(this.network.subnets).subnetIds),
        'Comma-separated private subnets of the workloads',
      ],
      WorkloadSecurityGroupId: [
        this.network.workloadSecurityGroup.securityGroupId,
        'Security group of every detector function',
      ],
      FunctionRuntimePolicyArn: [
        values.runtimePolicyArn,
        'Managed policy for network interfaces and X-Ray of detector functions',
      ],
      PermissionBoundaryArn: [values.boundaryArn, 'Permission boundary attached to every role'],
      LogsKeyArn: [this.keys.logs.keyArn, 'KMS key of raw logs and log groups'],
      DataKeyArn: [this.keys.data.keyArn, 'KMS key of models, profiles and parameters'],
      AuditKeyArn: [this.keys.audit.keyArn, 'KMS key of the audit table'],
      MessagingKeyArn: [this.keys.messaging.keyArn, 'KMS key of queues, topics and the findings bus'],
      EnrichmentFunctionName: [this.enrichment.function.functionName, 'Enrichment function'],
      DetectionStateMachineArn: [this.workflows.detection.stateMachine.stateMachineArn, 'Detection workflow'],
      BackfillStateMachineArn: [
        this.workflows.backfill.stateMachine.stateMachineArn,
        'Backfill workflow (input: {"prefix": "AWSLogs/..."})',
      ],
      RetrainStateMachineArn: [this.workflows.retrain.stateMachine.stateMachineArn, 'Retrain workflow'],
      DashboardName: [this.observability.dashboard.dashboardName, 'CloudWatch dashboard'],
      MetricsNamespace: [METRICS_NAMESPACE, 'Namespace of the handlers custom metrics'],
      AlertThreshold: [String(c.detection.alertThreshold), 'Risk score at or above which findings alert'],
      MinScore: [String(c.detection.minScore), 'Risk score below which findings are not recorded'],
      DetectionWindowMinutes: [String(c.detection.windowMinutes), 'Volume window length in minutes'],
      FindingsTtlDays: [String(c.retention.findingsDays), 'Days a finding stays in the audit table'],
      ProfileShardCount: [String(values.profileShardCount), 'Baseline profile shards per model package'],
    };
    for (const name of DETECTOR_OUTPUTS) {
      const [value, description] = out[name];
      new CfnOutput(this, name, { value, description });
    }
    new CfnOutput(this, 'ModelEndpointName', {
      value: this.modelEndpoint.endpoint.attrEndpointName,
      description: 'SageMaker endpoint (only when EnableSageMakerEndpoint is true)',
      condition: this.sageMakerCondition,
    });
  }
}

function existingVpcFromConfig(config: AadConfig): ExistingVpcOptions | undefined {
  const n = config.network;
  if (n.vpcId === undefined) return undefined;
  if (!n.subnetIds || !n.availabilityZones) {
    throw new InvalidPropError(
      'network.subnetIds',
      'set with network.availabilityZones when network.vpcId is set',
      n.subnetIds,
    );
  }
  return {
    vpcId: n.vpcId,
    subnetIds: n.subnetIds,
    availabilityZones: n.availabilityZones,
    routeTableIds: n.routeTableIds,
  };
}
