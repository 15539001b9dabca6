import { PRICE_TABLE, PriceTable } from './price-table';
import * as U from './usage';
import { CfnResource, CloudAssembly, StackTemplate } from '../assembly/cloud-assembly';
import { asArray, cdkPath, conditionWithDefaults, refTarget, withDefaults } from '../assembly/template';

/** One priced quantity of one resource. */
export interface CostLine {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly priceId: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
  readonly note: string;
}

/** A resource the table cannot price: listed, never counted as zero. */
export interface UnpricedResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

/** Result of {@link estimateCost}. */
export interface CostEstimate {
  readonly region: string;
  readonly priceRegion: string;
  readonly currency: string;
  readonly stacks: readonly string[];
  readonly assumptions: U.UsageAssumptions;
  readonly lines: readonly CostLine[];
  readonly byType: readonly { readonly type: string; readonly count: number; readonly usd: number }[];
  readonly free: readonly { readonly type: string; readonly count: number; readonly reason: string }[];
  readonly unpriced: readonly UnpricedResource[];
  /** Resources behind a condition that is false with default parameters: not created, not counted. */
  readonly notCreated: readonly {
    readonly stack: string;
    readonly logicalId: string;
    readonly type: string;
    readonly condition: string;
  }[];
  readonly totalUsd: number;
  readonly budgetUsd?: number;
  /** True when a budget is given and the total is within it. */
  readonly withinBudget?: boolean;
  readonly warnings: readonly string[];
}

interface Quantity {
  readonly priceId: string;
  readonly quantity: number;
  readonly note: string;
}

interface EstimatorContext {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly usage: U.UsageAssumptions;
  readonly assembly: CloudAssembly;
}

type Estimator = (resource: CfnResource, ctx: EstimatorContext) => readonly Quantity[] | string;

const q = (priceId: string, quantity: number, note: string): Quantity => ({ priceId, quantity, note });

function perMonth(perDay: number): number {
  return perDay * U.DAYS_PER_MONTH;
}

/** True for a function fed by a queue or stream (it processes the event volume). */
function isStreamConsumer(logicalId: string, stack: StackTemplate): boolean {
  return Object.values(stack.resources).some(
    (r) => r.Type === 'AWS::Lambda::EventSourceMapping' && refTarget(r.Properties?.FunctionName) === logicalId,
  );
}

function streamConsumers(stack: StackTemplate): number {
  return Object.entries(stack.resources).filter(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && isStreamConsumer(id, stack),
  ).length;
}

function functionInvocationsPerDay(logicalId: string, ctx: EstimatorContext): number {
  if (!isStreamConsumer(logicalId, ctx.stack)) return U.SCHEDULED_INVOCATIONS_PER_DAY;
  const consumers = Math.max(1, streamConsumers(ctx.stack));
  return ctx.usage.eventsPerDay / U.EVENTS_PER_OBJECT / consumers;
}

function totalFunctionInvocationsPerDay(ctx: EstimatorContext): number {
  return Object.entries(ctx.stack.resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .reduce((sum, [id]) => sum + functionInvocationsPerDay(id, { ...ctx, logicalId: id }), 0);
}

/** A bucket that receives the raw log volume: its name, id or path says raw/log, and it is not an access-log target. */
function isRawLogBucket(logicalId: string, resource: CfnResource): boolean {
  const text = `${logicalId} ${String(resource.Properties?.BucketName ?? '')} ${cdkPath(resource) ?? ''}`;
  return /raw/i.test(text) || (/trail|flow/i.test(text) && !/access/i.test(text));
}

/** Steady-state GB per storage class for `gbPerDay` under the bucket's own lifecycle rules. */
export function bucketStorage(resource: CfnResource, gbPerDay: number): Quantity[] {
  const rules = asArray(
    (resource.Properties?.LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules,
  ).filter((r) => r.Status === 'Enabled');
  const expiry = rules.map((r) => Number(r.ExpirationInDays)).find((d) => Number.isFinite(d) && d > 0);
  const horizon = expiry ?? U.NO_EXPIRY_MONTHS * U.DAYS_PER_MONTH;
  const transitions = rules
    .flatMap((r) => asArray(r.Transitions as { StorageClass?: string; TransitionInDays?: unknown }[] | undefined))
    .map((t) => ({ cls: String(t.StorageClass), day: Number(t.TransitionInDays) }))
    .filter((t) => Number.isFinite(t.day) && t.day < horizon)
    .sort((a, b) => a.day - b.day);
  const classPrice: Record<string, string> = {
    STANDARD_IA: 's3.standard-ia',
    ONEZONE_IA: 's3.standard-ia',
    INTELLIGENT_TIERING: 's3.standard',
    GLACIER_IR: 's3.glacier-ir',
    GLACIER: 's3.glacier',
    DEEP_ARCHIVE: 's3.deep-archive',
  };
  const out: Quantity[] = [];
  let from = 0;
  let priceId = 's3.standard';
  for (const t of transitions) {
    out.push(q(priceId, gbPerDay * (t.day - from), `${t.day - from} days of data in this class`));
    from = t.day;
    priceId = classPrice[t.cls] ?? 's3.standard';
  }
  out.push(
    q(
      priceId,
      gbPerDay * (horizon - from),
      expiry ? `until expiry at day ${expiry}` : `no expiry: ${U.NO_EXPIRY_MONTHS} months of growth`,
    ),
  );
  return out.filter((x) => x.quantity > 0);
}

const ESTIMATORS: Readonly<Record<string, Estimator>> = {
  'AWS::KMS::Key': (_r, { usage }) => [
    q('kms.key', 1, 'one customer-managed key'),
    q(
      'kms.requests',
      (perMonth(usage.eventsPerDay / U.EVENTS_PER_OBJECT) * 4) / 10_000,
      'data-key requests, ~4 per log object',
    ),
  ],
  'AWS::S3::Bucket': (r, { logicalId, usage }) => {
    if (isRawLogBucket(logicalId, r)) {
      const objects = perMonth(usage.eventsPerDay / U.EVENTS_PER_OBJECT);
      return [
        ...bucketStorage(r, usage.logGbPerDay),
        q('s3.put', objects / 1000, 'one PUT per delivered log object'),
        q('s3.get', objects / 1000, 'one GET per object by the enrichment function'),
      ];
    }
    return [q('s3.standard', U.SMALL_BUCKET_GB, 'small bucket (models, artifacts, exports, access logs)')];
  },
  'AWS::Lambda::Function': (r, ctx) => {
    const perDay = functionInvocationsPerDay(ctx.logicalId, ctx);
    const seconds = isStreamConsumer(ctx.logicalId, ctx.stack) ? U.BATCH_SECONDS : U.SCHEDULED_SECONDS;
    const memoryGb = Number(r.Properties?.MemorySize ?? 128) / 1024;
    const arm = asArray(r.Properties?.Architectures as string[] | undefined).includes('arm64');
    const invocations = perMonth(perDay);
    return [
      q('lambda.requests', invocations / 1e6, `${Math.round(perDay)} invocations/day`),
      q(
        arm ? 'lambda.gb-second-arm' : 'lambda.gb-second',
        invocations * seconds * memoryGb,
        `${memoryGb * 1024} MB × ${seconds} s`,
      ),
      q(
        'logs.ingest',
        (invocations * U.LOG_KB_PER_INVOCATION) / 1024 / 1024,
        `${U.LOG_KB_PER_INVOCATION} KB of logs per invocation`,
      ),
    ];
  },
  'AWS::Logs::LogGroup': (r, ctx) => {
    const groups = Object.values(ctx.stack.resources).filter((x) => x.Type === 'AWS::Logs::LogGroup').length;
    const gbPerDay =
      (totalFunctionInvocationsPerDay(ctx) * U.LOG_KB_PER_INVOCATION) / 1024 / 1024 / Math.max(1, groups);
    const days = Number(r.Properties?.RetentionInDays ?? 365 * 2);
    return [q('logs.storage', gbPerDay * Math.min(days, 3650), `stored ${days} days (share of function logs)`)];
  },
  'AWS::SQS::Queue': (_r, ctx) => {
    const isDlq = JSON.stringify(Object.values(ctx.stack.resources).map((x) => x.Properties ?? {})).includes(
      `"deadLetterTargetArn":{"Fn::GetAtt":["${ctx.logicalId}"`,
    );
    if (isDlq) return [q('sqs.requests', 0, 'dead-letter queue: idle unless something fails')];
    const objects = perMonth(ctx.usage.eventsPerDay / U.EVENTS_PER_OBJECT);
    return [q('sqs.requests', (objects * 3) / 1e6, 'send, receive and delete per log object')];
  },
  'AWS::SNS::Topic': (_r, { usage }) => [
    q('sns.publish', perMonth(usage.findingsPerDay) / 1e6, 'one publish per finding (upper bound)'),
  ],
  'AWS::DynamoDB::Table': (r, { usage }) => {
    const gb = (usage.findingsPerDay * usage.findingsDays * U.FINDING_KB) / 1024 / 1024;
    const pitr = (
      r.Properties?.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: unknown } | undefined
    )?.PointInTimeRecoveryEnabled;
    const lines = [
      q('dynamodb.write', perMonth(usage.findingsPerDay) / 1e6, 'one write per finding'),
      q(
        'dynamodb.read',
        perMonth(usage.eventsPerDay * U.PROFILE_READS_PER_EVENT + usage.findingsPerDay) / 1e6,
        'profile look-ups and reconciler reads',
      ),
      q('dynamodb.storage', gb, `${usage.findingsDays} days of findings`),
    ];
    return pitr === true || pitr === 'true' ? [...lines, q('dynamodb.pitr', gb, 'point-in-time recovery')] : lines;
  },
  'AWS::CloudWatch::Alarm': () => [q('cloudwatch.alarm', 1, 'standard-resolution alarm')],
  'AWS::CloudWatch::CompositeAlarm': () => [q('cloudwatch.alarm-composite', 1, 'composite alarm')],
  'AWS::CloudWatch::Dashboard': () => [q('cloudwatch.dashboard', 1, 'dashboard')],
  'AWS::Events::EventBus': (_r, { usage }) => [
    q('events.custom', perMonth(usage.findingsPerDay) / 1e6, 'one event per finding'),
  ],
  'AWS::EventSchemas::Discoverer': (_r, { usage }) => [
    q('events.schema-discovery', perMonth(usage.findingsPerDay) / 1e6, 'events seen by discovery'),
  ],
  'AWS::StepFunctions::StateMachine': () => [
    q('states.transition', (8 * 30) / 1000, 'about 8 runs of 30 transitions a month'),
  ],
  'AWS::EC2::NatGateway': () => [
    q('ec2.nat-hour', U.HOURS_PER_MONTH, 'always on'),
    q('ec2.nat-gb', perMonth(U.NAT_GB_PER_DAY), `${U.NAT_GB_PER_DAY} GB/day processed`),
  ],
  'AWS::EC2::EIP': () => [q('ec2.public-ipv4', U.HOURS_PER_MONTH, 'public IPv4 address')],
  'AWS::EC2::VPCEndpoint': (r) => {
    if (r.Properties?.VpcEndpointType !== 'Interface') return [];
    const azs = Math.max(1, asArray(r.Properties?.SubnetIds as unknown[] | undefined).length);
    return [
      q('vpce.interface-hour', U.HOURS_PER_MONTH * azs, `${azs} AZ(s)`),
      q('vpce.gb', perMonth(U.ENDPOINT_GB_PER_DAY), `${U.ENDPOINT_GB_PER_DAY} GB/day`),
    ];
  },
  'AWS::EC2::FlowLog': (r, { usage }) => {
    const gb = perMonth(usage.logGbPerDay * U.FLOW_LOG_SHARE);
    return r.Properties?.LogDestinationType === 's3'
      ? [q('logs.vended-s3', gb, `${U.FLOW_LOG_SHARE * 100}% of the raw log volume`)]
      : [q('logs.vended-cwl', gb, `${U.FLOW_LOG_SHARE * 100}% of the raw log volume`)];
  },
  'AWS::CloudTrail::Trail': (r, { usage }) => {
    const selectors = JSON.stringify([r.Properties?.EventSelectors ?? [], r.Properties?.AdvancedEventSelectors ?? []]);
    const lines = [q('cloudtrail.data-events', 0, 'first copy of management events is free')];
    if (/DataResources|"Field":"resources.type"|eventCategory.*Data/.test(selectors)) {
      lines.push(q('cloudtrail.data-events', perMonth(usage.eventsPerDay) / 100_000, 'data events ≈ events per day'));
    }
    if (r.Properties?.InsightSelectors !== undefined) {
      lines.push(q('cloudtrail.insights', perMonth(usage.eventsPerDay) / 100_000, 'Insights analysis'));
    }
    return lines;
  },
  'AWS::CloudTrail::EventDataStore': (_r, { usage }) => [
    q('cloudtrail.lake-ingest', perMonth(usage.logGbPerDay * (1 - U.FLOW_LOG_SHARE)), 'CloudTrail share of raw volume'),
  ],
  'AWS::GuardDuty::Detector': (_r, { usage }) => [
    q('guardduty.cloudtrail', perMonth(usage.eventsPerDay) / 1e6, 'management events analyzed'),
    q('guardduty.flow-dns', perMonth(usage.logGbPerDay * U.FLOW_LOG_SHARE), 'flow and DNS logs analyzed'),
  ],
  'AWS::SecurityHub::Hub': (_r, { assembly, usage }) => {
    const resources = assembly.stacks.reduce((n, s) => n + Object.keys(s.resources).length, 0);
    return [
      q(
        'securityhub.check',
        resources * U.SECURITY_HUB_CHECKS_PER_RESOURCE,
        `${resources} resources × ${U.SECURITY_HUB_CHECKS_PER_RESOURCE} checks`,
      ),
      q('securityhub.ingest', perMonth(usage.findingsPerDay), 'one finding ingested per detector finding'),
    ];
  },
  'AWS::Config::ConfigurationRecorder': (_r, { assembly }) => {
    const resources = assembly.stacks.reduce((n, s) => n + Object.keys(s.resources).length, 0);
    return [
      q(
        'config.item',
        resources * U.CONFIG_CHANGES_PER_RESOURCE,
        `${resources} resources × ${U.CONFIG_CHANGES_PER_RESOURCE} changes`,
      ),
    ];
  },
  'AWS::Config::ConfigRule': (_r, { assembly }) => {
    const resources = assembly.stacks.reduce((n, s) => n + Object.keys(s.resources).length, 0);
    return [q('config.evaluation', resources * U.CONFIG_CHANGES_PER_RESOURCE, 'one evaluation per recorded change')];
  },
  'AWS::Macie::Session': (_r, { assembly }) => {
    const buckets = assembly.stacks.reduce(
      (n, s) => n + Object.values(s.resources).filter((r) => r.Type === 'AWS::S3::Bucket').length,
      0,
    );
    return [q('macie.bucket', buckets, `${buckets} bucket(s) monitored`)];
  },
  'AWS::Detective::Graph': (_r, { usage }) => [
    q('detective.gb', perMonth(usage.logGbPerDay), 'raw log volume ingested'),
  ],
  'AWS::SecretsManager::Secret': () => [q('secretsmanager.secret', 1, 'one secret')],
  'AWS::SSM::Parameter': (r) =>
    r.Properties?.Tier === 'Advanced' ? [q('ssm.advanced-parameter', 1, 'advanced tier')] : [],
  'AWS::Backup::BackupVault': (_r, { usage }) => [
    q(
      'backup.warm',
      (usage.findingsPerDay * usage.findingsDays * U.FINDING_KB) / 1024 / 1024,
      'one copy of the audit table',
    ),
  ],
  'AWS::SageMaker::Endpoint': (r, ctx) => {
    const config = ctx.stack.resources[refTarget(r.Properties?.EndpointConfigName) ?? ''];
    const variants = asArray(
      config?.Properties?.ProductionVariants as
        { InstanceType?: unknown; InitialInstanceCount?: unknown }[] | undefined,
    );
    const lines = variants.map((v) => {
      const type = String(withDefaults(ctx.stack, v.InstanceType));
      const count = Number(withDefaults(ctx.stack, v.InitialInstanceCount ?? 1));
      return q(`sagemaker.${type}`, U.HOURS_PER_MONTH * count, `${count} × ${type} always on`);
    });
    if (lines.length === 0 || lines.some((l) => !PRICE_TABLE.prices[l.priceId])) {
      return 'endpoint instance type not in the price table (or serverless)';
    }
    return lines;
  },
};

/** `Custom::AWS` calls an AWS API at deploy time: what it enables cannot be priced from the template. */
function estimatorFor(type: string, table: PriceTable): Estimator | string | undefined {
  if (ESTIMATORS[type]) return ESTIMATORS[type];
  if (table.free[type]) return () => [];
  if (type === 'Custom::AWS') return 'calls an AWS API at deploy time; what it enables is not in the template';
  if (type.startsWith('Custom::')) return () => [];
  return undefined;
}

/** Options of {@link estimateCost}. */
export interface EstimateOptions {
  readonly usage: U.UsageAssumptions;
  /** Region the environment deploys to; a warning is added when the table is for another region. */
  readonly region: string;
  readonly budgetUsd?: number;
  /** @default the bundled table */
  readonly table?: PriceTable;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Offline monthly estimate of every resource in the app: quantities from the
 * template and the usage assumptions, prices from the table. Resources the
 * table cannot price are listed in `unpriced`, never counted as zero.
 *
 * @example
 * const estimate = estimateCost(assembly, { usage, region: 'us-east-1', budgetUsd: 150 });
 * estimate.totalUsd; estimate.withinBudget;
 */
export function estimateCost(assembly: CloudAssembly, options: EstimateOptions): CostEstimate {
  const table = options.table ?? PRICE_TABLE;
  const lines: CostLine[] = [];
  const unpriced: UnpricedResource[] = [];
  const freeCount = new Map<string, number>();
  const typeCount = new Map<string, number>();
  const notCreated: CostEstimate['notCreated'][number][] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      if (resource.Condition && conditionWithDefaults(stack, resource.Condition) === false) {
        notCreated.push({ stack: stack.stackName, logicalId, type: resource.Type, condition: resource.Condition });
        continue;
      }
      const estimator = estimatorFor(resource.Type, table);
      typeCount.set(resource.Type, (typeCount.get(resource.Type) ?? 0) + 1);
      if (estimator === undefined) {
        unpriced.push({
          stack: stack.stackName,
          logicalId,
          type: resource.Type,
          reason: 'no price in the table for this type',
        });
        continue;
      }
      if (typeof estimator === 'string') {
        unpriced.push({ stack: stack.stackName, logicalId, type: resource.Type, reason: estimator });
        continue;
      }
      const quantities = estimator(resource, { stack, logicalId, usage: options.usage, assembly });
      if (typeof quantities === 'string') {
        unpriced.push({ stack: stack.stackName, logicalId, type: resource.Type, reason: quantities });
        continue;
      }
      if (quantities.length === 0) freeCount.set(resource.Type, (freeCount.get(resource.Type) ?? 0) + 1);
      for (const { priceId, quantity, note } of quantities) {
        const price = table.prices[priceId];
        if (!price) {
          unpriced.push({
            stack: stack.stackName,
            logicalId,
            type: resource.Type,
            reason: `price '${priceId}' is not in the table`,
          });
          continue;
        }
        lines.push({
          stack: stack.stackName,
          logicalId,
          type: resource.Type,
          priceId,
          quantity,
          unit: price.unit,
          usd: quantity * price.usd,
          note: resource.Condition ? `${note} (conditional: ${resource.Condition})` : note,
        });
      }
    }
  }
  const byTypeMap = new Map<string, number>();
  for (const l of lines) byTypeMap.set(l.type, (byTypeMap.get(l.type) ?? 0) + l.usd);
  const byType = [...byTypeMap]
    .map(([type, usd]) => ({ type, count: typeCount.get(type) ?? 0, usd: round2(usd) }))
    .sort((a, b) => b.usd - a.usd || a.type.localeCompare(b.type));
  const totalUsd = round2(lines.reduce((s, l) => s + l.usd, 0));
  const warnings: string[] = [];
  if (options.region !== table.region) {
    warnings.push(`prices are for ${table.region}; ${options.region} prices differ (usually by a few percent)`);
  }
  if (unpriced.length > 0) warnings.push(`${unpriced.length} resource(s) are not priced: the total is a lower bound`);
  return {
    region: options.region,
    priceRegion: table.region,
    currency: table.currency,
    stacks: assembly.stacks.map((s) => s.stackName),
    assumptions: options.usage,
    lines,
    byType,
    free: [...freeCount].map(([type, count]) => ({
      type,
      count,
      reason: table.free[type] ?? 'no charge in this configuration (gateway endpoint, standard-tier parameter, …)',
    })),
    unpriced,
    notCreated,
    totalUsd,
    budgetUsd: options.budgetUsd,
    withinBudget: options.budgetUsd === undefined ? undefined : totalUsd <= options.budgetUsd,
    warnings,
  };
}
