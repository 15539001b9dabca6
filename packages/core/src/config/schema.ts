import { Infer, s } from './schema-dsl';

const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const BUCKET_HINT = 'a valid S3 bucket name (3-63 chars: lowercase letters, digits, dots, hyphens)';
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_HINT = 'a 12-digit AWS account id';

/** A toggle for one platform service. Costly services default to off in dev. */
const toggle = (service: string): ReturnType<typeof s.boolean> => s.boolean(`Deploy the ${service} module`);

/**
 * The configuration schema of one environment (`config/<env>.yml`).
 * Every key is required unless marked optional; unknown keys are errors.
 * Each scalar can be overridden by `AAD_<PATH>` (see docs/config.md).
 */
export const AAD_CONFIG_SCHEMA = s.object('Configuration of one environment', {
  environment: s.string('Environment name; must match the file name', {
    pattern: /^[a-z][a-z0-9-]{1,15}$/,
    patternHint: 'lowercase letters, digits and hyphens (2-16 chars)',
  }),
  account: s.string('AWS account id the environment targets (a placeholder until deploy time)', {
    pattern: ACCOUNT_ID,
    patternHint: ACCOUNT_HINT,
  }),
  region: s.string('AWS region', {
    pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d$/,
    patternHint: 'an AWS region such as us-east-1',
  }),
  resourcePrefix: s.string('Prefix of every physical resource name', {
    pattern: /^[a-z][a-z0-9-]{1,20}$/,
    patternHint: 'lowercase letters, digits and hyphens (2-21 chars)',
  }),
  tags: s.object('Tags applied to every taggable resource', {
    Application: s.string('Application tag'),
    Environment: s.string('Environment tag'),
    CostCenter: s.string('Cost center tag'),
  }),
  retention: s.object('Retention and lifecycle, in days', {
    rawLogsDays: s.integer('Days raw logs are kept before expiry', { min: 1 }),
    infrequentAccessAfterDays: s.integer('Days before raw logs move to S3 Infrequent Access', { min: 30 }),
    glacierAfterDays: s.integer('Days before raw logs move to Glacier', { min: 1 }),
    logGroupDays: s.integer('CloudWatch Logs retention for every log group', { min: 1 }),
    findingsDays: s.integer('Days a finding stays in the audit table (TTL)', { min: 1 }),
  }),
  buckets: s.object('Physical bucket names (never derived from display names)', {
    rawLogs: s.string('Raw security log bucket', { pattern: BUCKET_NAME, patternHint: BUCKET_HINT }),
    accessLogs: s.string('Server access log bucket', { pattern: BUCKET_NAME, patternHint: BUCKET_HINT }),
    models: s.string('Model and baseline profile bucket', { pattern: BUCKET_NAME, patternHint: BUCKET_HINT }),
    data: s.string('Detector data bucket (exports, backfill manifests)', {
      pattern: BUCKET_NAME,
      patternHint: BUCKET_HINT,
    }),
    artifacts: s.string('Lambda code and template artifacts bucket', {
      pattern: BUCKET_NAME,
      patternHint: BUCKET_HINT,
    }),
    configDelivery: s.optional(
      s.string('AWS Config delivery bucket; required when features.config is on', {
        pattern: BUCKET_NAME,
        patternHint: BUCKET_HINT,
      }),
    ),
  }),
  objectLock: s.boolean('Enable S3 Object Lock (immutability) on the raw log bucket'),
  features: s.object('Platform-service modules; costly ones are off in dev', {
    config: toggle('AWS Config recorder and rules'),
    configRemediation: toggle('AWS Config remediation (SSM documents)'),
    securityHub: toggle('Security Hub'),
    guardDuty: toggle('GuardDuty'),
    inspector: toggle('Inspector'),
    detective: toggle('Detective'),
    macie: toggle('Macie'),
    cloudTrail: toggle('CloudTrail trail'),
    cloudTrailLake: toggle('CloudTrail Lake event data store'),
    ssmParameters: toggle('SSM Parameter Store hierarchy'),
    schemaRegistry: toggle('EventBridge Schema Registry'),
    sageMakerEndpoint: toggle('SageMaker model endpoint (also gated by a CfnParameter)'),
  }),
  detection: s.object('Detector thresholds', {
    alertThreshold: s.integer('Risk score (0-100) at or above which a finding is alerted', { min: 0, max: 100 }),
    minScore: s.integer('Risk score below which findings are not recorded', { min: 0, max: 100 }),
    windowMinutes: s.integer('Volume window length in minutes', { min: 1, max: 1440 }),
    anomalyRateAlarm: s.number('AnomalyRate (findings per event) that raises the retrain alarm', { min: 0, max: 1 }),
    reconciliationSlaHours: s.integer('Hours a recommendation may stay unimplemented', { min: 1 }),
  }),
  budget: s.object('Cost guardrail', {
    monthlyUsd: s.number('Monthly budget in USD; the deploy gate refuses an estimate above it', { min: 0 }),
  }),
  usage: s.object('Usage assumptions of the offline cost estimate', {
    eventsPerDay: s.integer('CloudTrail events ingested per day', { min: 0 }),
    findingsPerDay: s.integer('Findings written per day', { min: 0 }),
    logGbPerDay: s.number('Raw log volume per day, in GB', { min: 0 }),
  }),
  deploy: s.object('Who may deploy this environment', {
    allowedAccounts: s.stringList('Account ids the deploy gate accepts', {
      pattern: ACCOUNT_ID,
      patternHint: ACCOUNT_HINT,
    }),
    allowedProfiles: s.stringList('AWS profile names the deploy gate accepts'),
  }),
  security: s.object('Security controls', {
    permissionBoundaryName: s.string('Name of the IAM permission boundary attached to every role'),
    kmsKeyArn: s.optional(
      s.string('Import this KMS key instead of creating the CMKs', {
        pattern: /^arn:aws[a-z-]*:kms:/,
        patternHint: 'a KMS key ARN',
      }),
    ),
  }),
  network: s.object('Network', {
    maxAzs: s.integer('Availability zones of the VPC', { min: 2, max: 6 }),
    vpcId: s.optional(
      s.string('Import this VPC instead of creating one', {
        pattern: /^vpc-[0-9a-f]{8,17}$/,
        patternHint: 'a VPC id (vpc-…)',
      }),
    ),
    subnetIds: s.optional(
      s.stringList('Private subnets of the imported VPC the functions run in (with vpcId)', {
        pattern: /^subnet-[0-9a-f]{8,17}$/,
        patternHint: 'subnet ids (subnet-…)',
      }),
    ),
    availabilityZones: s.optional(
      s.stringList('Availability zones of subnetIds, in the same order (with vpcId)', {
        pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/,
        patternHint: 'availability zone names such as us-east-1a',
      }),
    ),
    routeTableIds: s.optional(
      s.stringList('Route tables of subnetIds; S3 and DynamoDB gateway endpoints are added to them', {
        pattern: /^rtb-[0-9a-f]{8,17}$/,
        patternHint: 'route table ids (rtb-…)',
      }),
    ),
  }),
  compute: s.optional(
    s.object('Function and workflow capacity (defaults in the constructs README)', {
      enrichmentConcurrency: s.integer('Reserved concurrency of the enrichment function', { min: 1, max: 1000 }),
      backfillConcurrency: s.integer('Parallel child executions of the backfill Distributed Map', {
        min: 1,
        max: 10000,
      }),
      profileShardCount: s.integer('Baseline profile shards per model package', { min: 1, max: 256 }),
    }),
  ),
  platform: s.optional(
    s.object('Options of the platform-service modules', {
      organizationTrail: s.boolean('Make the CloudTrail trail an organization trail (management account only)'),
      securityHubStandards: s.stringList('Security Hub standards to enable', {
        pattern: /^[a-z0-9-]+$/,
        patternHint: 'standard short names such as aws-foundational-security-best-practices',
      }),
      cloudTrailLakeRetentionDays: s.integer('Days the CloudTrail Lake event data store keeps events', {
        min: 7,
        max: 3653,
      }),
    }),
  ),
});

/** A validated environment configuration. */
export type AadConfig = Infer<typeof AAD_CONFIG_SCHEMA>;
