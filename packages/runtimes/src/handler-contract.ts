import { join } from 'node:path';

/** One environment variable a handler reads (set by `@aad/constructs`). */
export interface HandlerEnvVar {
  readonly name: string;
  readonly description: string;
  /** `integer`/`number` values are parsed and range-checked at cold start. */
  readonly type: 'string' | 'integer' | 'number';
  /** @default true */
  readonly required?: boolean;
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /**
   * A string value must match this pattern.
   * @default - any non-empty string
   */
  readonly pattern?: RegExp;
  /** What `pattern` means, for the error message (e.g. `a Step Functions state machine ARN`). */
  readonly patternHint?: string;
}

/**
 * One IAM statement a handler's role needs (least privilege). `resources` are
 * CloudFormation `Fn::Sub` templates: `${AWS::Partition}`, `${AWS::Region}`,
 * `${AWS::AccountId}`, `${<ENV_VAR>}` (the value the constructs give that
 * variable of this handler) and the named ARNs of {@link PERMISSION_PLACEHOLDERS}.
 */
export interface HandlerPermission {
  /** Statement id, unique within the handler. */
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Why the handler needs it. */
  readonly reason: string;
  /**
   * The statement is only needed when this optional variable is set.
   * @default - always needed
   */
  readonly onlyWhenSet?: string;
}

/**
 * The contract between a Lambda handler and the infrastructure that deploys it.
 *
 * @example
 * const spec = handlerSpec('enrichment');
 * new lambda.Function(this, 'Enrichment', {
 *   code: lambda.Code.fromAsset(handlerBundleDir(spec.name)),
 *   handler: spec.entryPoint,
 *   environment: { ...values for exactly spec.environment },
 * });
 */
export interface HandlerSpec {
  /** Bundle directory name and `src/handlers/<name>.lambda.ts`. */
  readonly name: 'enrichment' | 'reconciler' | 'retrain-trigger';
  readonly description: string;
  /** Lambda `handler` setting: the bundle is `index.js` exporting `handler`. */
  readonly entryPoint: 'index.handler';
  /** Triggers the infrastructure wires to the function. */
  readonly triggers: readonly string[];
  readonly environment: readonly HandlerEnvVar[];
  /** The IAM statements of the function's role, nothing more. */
  readonly permissions: readonly HandlerPermission[];
}

/** Named ARNs in permission templates that only the infrastructure knows (not environment variables). */
export const PERMISSION_PLACEHOLDERS: Readonly<Record<string, string>> = {
  IngestQueueArn: 'ARN of the SQS queue of S3 notifications that triggers the enrichment function',
  DeadLetterQueueArn: 'ARN of the dead-letter queue behind DEAD_LETTER_QUEUE_URL',
  KmsKeyArns:
    'ARN of every customer-managed KMS key encrypting a resource the handler reads or writes ' +
    '(raw log bucket, model bucket, tables, queues, event bus); one statement resource per key',
};

const POWERTOOLS: readonly HandlerEnvVar[] = [
  { name: 'POWERTOOLS_SERVICE_NAME', description: 'Service name in logs and metrics', type: 'string' },
  { name: 'POWERTOOLS_METRICS_NAMESPACE', description: 'CloudWatch metrics namespace', type: 'string' },
  {
    name: 'POWERTOOLS_LOG_LEVEL',
    description: 'Log level (DEBUG, INFO, WARN, ERROR); INFO when unset',
    type: 'string',
    required: false,
    pattern: /^(TRACE|DEBUG|INFO|WARN|ERROR|CRITICAL|SILENT)$/,
    patternHint: 'one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT',
  },
];

const AUDIT_TABLE_ARN = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${AUDIT_TABLE_NAME}';
const PROFILE_TABLE_ARN = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${PROFILE_TABLE_NAME}';

const KMS: HandlerPermission = {
  sid: 'UseKmsKeys',
  actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
  resources: ['${KmsKeyArns}'],
  reason: 'Read and write the KMS-encrypted buckets, tables and queues',
};

/**
 * Every handler, the environment it reads, the permissions it needs and
 * where its bundle is. The constructs set exactly these variables and grant
 * exactly these statements; the guardrails env-parity check reads this list.
 */
export const HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'enrichment',
    description: 'Parses CloudTrail, extracts entities, scores, persists and publishes findings',
    entryPoint: 'index.handler',
    triggers: [
      'SQS ingest queue of S3 object notifications (batch size <= 10, ReportBatchItemFailures on)',
      'EventBridge rule on CloudTrail API calls ("AWS API Call via CloudTrail"), asynchronous invocation',
      'Step Functions direct invocation with {bucket, key[, versionId]} or {events: [...]}',
    ],
    environment: [
      { name: 'AUDIT_TABLE_NAME', description: 'DynamoDB audit table', type: 'string' },
      { name: 'PROFILE_TABLE_NAME', description: 'DynamoDB baseline profile table', type: 'string' },
      {
        name: 'PROFILE_SHARD_COUNT',
        description: 'Baseline profile shards per model package (entities are spread by hash)',
        type: 'integer',
        min: 1,
        max: 256,
      },
      {
        name: 'RAW_LOG_BUCKET',
        description: 'The only bucket log objects are read from (other buckets are rejected)',
        type: 'string',
      },
      { name: 'EVENT_BUS_NAME', description: 'EventBridge bus for findings', type: 'string' },
      {
        name: 'SECURITY_HUB_PRODUCT_ARN',
        description:
          'Security Hub product ARN, arn:<partition>:securityhub:<region>:<account>:product/<account>/default; ' +
          'unset disables the Security Hub export',
        type: 'string',
        required: false,
        pattern: /^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:product\/\d{12}\/default$/,
        patternHint: 'arn:<partition>:securityhub:<region>:<account>:product/<account>/default',
      },
      {
        name: 'ALERT_THRESHOLD',
        description: 'Risk score at or above which a finding is published',
        type: 'integer',
        min: 0,
        max: 100,
      },
      {
        name: 'MIN_SCORE',
        description: 'Risk score below which findings are not recorded',
        type: 'integer',
        min: 0,
        max: 100,
      },
      {
        name: 'DETECTION_WINDOW_MINUTES',
        description: 'Volume window length in minutes (detection.windowMinutes)',
        type: 'integer',
        min: 1,
        max: 1440,
      },
      { name: 'FINDINGS_TTL_DAYS', description: 'Days a finding stays in the audit table', type: 'integer', min: 1 },
      { name: 'MODEL_BUCKET', description: 'KMS-encrypted bucket of model and profile packages', type: 'string' },
      {
        name: 'MODEL_PACKAGE_PREFIX',
        description:
          'Prefix of the environment\'s packages and current.txt in MODEL_BUCKET, e.g. "model-packages/dev/"',
        type: 'string',
        pattern: /^[A-Za-z0-9!_.*'()/-]+\/$/,
        patternHint: 'an S3 key prefix ending with "/"',
      },
      {
        name: 'MODEL_REFRESH_SECONDS',
        description: 'Seconds a loaded model package is used before current.txt is checked again',
        type: 'integer',
        min: 10,
        max: 86400,
      },
      {
        name: 'DEAD_LETTER_QUEUE_URL',
        description: 'SQS queue receiving messages that cannot be processed, with the reason attached',
        type: 'string',
        pattern: /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/\d{12}\/[A-Za-z0-9_-]+(\.fifo)?$/,
        patternHint: 'an SQS queue URL',
      },
      {
        name: 'MAX_RECEIVE_COUNT',
        description:
          'Receives after which a failing message is moved to the dead-letter queue with its reason; ' +
          'equal to the ingest queue redrive maxReceiveCount',
        type: 'integer',
        min: 1,
        max: 1000,
      },
      ...POWERTOOLS,
    ],
    permissions: [
      {
        sid: 'ReadRawLogs',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: ['arn:${AWS::Partition}:s3:::${RAW_LOG_BUCKET}/*'],
        reason: 'Read CloudTrail log objects named in S3 notifications (by version id when given)',
      },
      {
        sid: 'ReadModelPackages',
        actions: ['s3:GetObject'],
        resources: ['arn:${AWS::Partition}:s3:::${MODEL_BUCKET}/${MODEL_PACKAGE_PREFIX}*'],
        reason: 'Read current.txt and the model package it names',
      },
      {
        sid: 'WriteFindings',
        actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [AUDIT_TABLE_ARN],
        reason: 'Conditional put of each finding, read-back on replay, publication marks',
      },
      {
        sid: 'UpdateProfileShards',
        actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [PROFILE_TABLE_ARN],
        reason: 'Load the baseline profile shards; optimistic (versioned) conditional writes of profile deltas',
      },
      {
        sid: 'PublishFindings',
        actions: ['events:PutEvents'],
        resources: ['arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${EVENT_BUS_NAME}'],
        reason: 'Publish findings at or above ALERT_THRESHOLD',
      },
      {
        sid: 'ImportSecurityHubFindings',
        actions: ['securityhub:BatchImportFindings'],
        resources: ['${SECURITY_HUB_PRODUCT_ARN}'],
        reason: 'Export alerted findings as ASFF',
        onlyWhenSet: 'SECURITY_HUB_PRODUCT_ARN',
      },
      {
        sid: 'DeadLetterWithReason',
        actions: ['sqs:SendMessage'],
        resources: ['${DeadLetterQueueArn}'],
        reason: 'Move a message that cannot be processed to the dead-letter queue with its reason',
      },
      {
        sid: 'ConsumeIngestQueue',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
        resources: ['${IngestQueueArn}'],
        reason: 'SQS event source mapping (granted by the event source construct)',
      },
      KMS,
    ],
  },
  {
    name: 'reconciler',
    description: 'Checks whether recommended actions were implemented; emits ReconciliationMissingCount',
    entryPoint: 'index.handler',
    triggers: ['EventBridge schedule, nightly'],
    environment: [
      { name: 'AUDIT_TABLE_NAME', description: 'DynamoDB audit table', type: 'string' },
      {
        name: 'RECONCILIATION_SLA_HOURS',
        description: 'Hours a recommendation may stay open',
        type: 'integer',
        min: 1,
      },
      ...POWERTOOLS,
    ],
    permissions: [
      {
        sid: 'ReadRecommendations',
        actions: ['dynamodb:Query'],
        resources: [AUDIT_TABLE_ARN, `${AUDIT_TABLE_ARN}/index/*`],
        reason: 'Open recommendations (sparse index) and their acknowledgements',
      },
      {
        sid: 'WriteReconciliations',
        actions: ['dynamodb:BatchWriteItem', 'dynamodb:UpdateItem'],
        resources: [AUDIT_TABLE_ARN],
        reason: 'One reconciliation record per recommendation; close implemented recommendations',
      },
      {
        sid: 'VerifyAccessKeys',
        actions: ['iam:GetAccessKeyLastUsed', 'iam:ListAccessKeys'],
        resources: ['arn:${AWS::Partition}:iam::${AWS::AccountId}:user/*'],
        reason: 'deactivate-access-key: is the key inactive or deleted?',
      },
      {
        sid: 'VerifyBuckets',
        actions: ['s3:GetBucketPublicAccessBlock', 's3:GetBucketPolicyStatus'],
        resources: ['arn:${AWS::Partition}:s3:::*'],
        reason: 'block-public-bucket: is the bucket no longer public?',
      },
      {
        sid: 'VerifyTrails',
        actions: ['cloudtrail:GetTrailStatus'],
        resources: ['arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*'],
        reason: 'restore-logging: is the trail logging again?',
      },
      KMS,
    ],
  },
  {
    name: 'retrain-trigger',
    description: 'Starts the retrain state machine when the anomaly-rate alarm fires',
    entryPoint: 'index.handler',
    triggers: ['SNS topic of the AnomalyRate alarm'],
    environment: [
      {
        name: 'RETRAIN_STATE_MACHINE_ARN',
        description: 'Retrain Step Functions state machine',
        type: 'string',
        pattern: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/,
        patternHint: 'a Step Functions state machine ARN',
      },
      ...POWERTOOLS,
    ],
    permissions: [
      {
        sid: 'StartRetrain',
        actions: ['states:StartExecution'],
        resources: ['${RETRAIN_STATE_MACHINE_ARN}'],
        reason: 'Start the retrain execution (idempotent execution name)',
      },
    ],
  },
];

/** Absolute path of a handler's esbuild bundle directory (input of `lambda.Code.fromAsset`). */
export function handlerBundleDir(name: HandlerSpec['name']): string {
  return join(__dirname, '..', 'dist', 'handlers', name);
}

/** The spec of one handler; throws for an unknown name. */
export function handlerSpec(name: string): HandlerSpec {
  const spec = HANDLERS.find((h) => h.name === name);
  if (!spec) throw new Error(`unknown handler '${name}' (known: ${HANDLERS.map((h) => h.name).join(', ')})`);
  return spec;
}
