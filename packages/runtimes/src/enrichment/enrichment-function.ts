import { Metrics } from '@aws-lambda-powertools/metrics';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { EngineProvider } from './engine';
import { EnrichmentEvent, EnrichmentResult, createEnrichmentHandler } from './enrichment-handler';
import { EnrichmentService } from './enrichment-service';
import { IngestionLedger } from './ingestion-ledger';
import { packageEngineProvider } from './package-engine';
import { IDeadLetterQueue } from './sqs-batch';
import { AuditTable } from '../audit/audit-table';
import { lazy } from '../aws/lazy';
import { RetryPolicy } from '../aws/retry';
import { HandlerEnv, envNumber, envOptionalString, envString } from '../config/handler-env';
import { ModelPackageSource } from '../model/model-package-source';
import { createLogger } from '../observability/logger';
import { BASELINE_PROFILE_CODEC } from '../profile/baseline-profile-codec';
import { ProfileShardStore } from '../profile/profile-shard-store';
import { IFindingPublisher } from '../publish/published-finding';

/**
 * SDK clients of the enrichment function. The S3 and DynamoDB clients serve
 * every invocation and are created with the function; the others are
 * providers called on first need (an alert to publish, a message to
 * dead-letter), so their modules load then and not at cold start.
 */
export interface EnrichmentClients {
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly eventBridge: () => Promise<EventBridgeClient>;
  readonly securityHub: () => Promise<SecurityHubClient>;
  readonly sqs: () => Promise<SQSClient>;
}

/** Options of {@link createEnrichmentFunction} (tests and benchmarks). */
export interface EnrichmentFunctionOptions {
  /** @default - a Powertools logger named by POWERTOOLS_SERVICE_NAME */
  readonly logger?: ReturnType<typeof createLogger>;
  /** @default - Powertools metrics (POWERTOOLS_METRICS_NAMESPACE) */
  readonly metrics?: Metrics;
  readonly retry?: RetryPolicy;
  readonly now?: () => Date;
}

/** The enrichment Lambda handler and what it is made of. */
export interface EnrichmentFunction {
  readonly handler: (event: EnrichmentEvent, context?: Context) => Promise<EnrichmentResult>;
  readonly service: EnrichmentService;
  /** The scoring engine of the current model package (loads and verifies the package, reads the live profile). */
  readonly engine: EngineProvider;
  /** Creates every lazily created client now (pre-warming, and the cold-start benchmark); no network call. */
  warmUp(): Promise<void>;
}

/** A publisher whose module and SDK client are loaded on its first `publish`. */
function lazyPublisher(create: () => Promise<IFindingPublisher>): {
  publisher: IFindingPublisher;
  load: () => Promise<unknown>;
} {
  const load = lazy(create);
  return { publisher: { publish: async (items) => (await load()).publish(items) }, load };
}

/**
 * Wires the enrichment function from its validated environment (the
 * variables of `handlerSpec('enrichment')`) and its clients: model package
 * source, profile shards (`@aad/core` baseline profiles), the core scoring
 * engine at MIN_SCORE and DETECTION_WINDOW_MINUTES, the audit table,
 * publishers and dead-letter queue. Nothing here calls the network.
 *
 * @example
 * const fn = createEnrichmentFunction(readHandlerEnv(handlerSpec('enrichment'), process.env), clients);
 * export const handler = fn.handler;
 */
export function createEnrichmentFunction(
  env: HandlerEnv,
  clients: EnrichmentClients,
  options: EnrichmentFunctionOptions = {},
): EnrichmentFunction {
  const logger = options.logger ?? createLogger();
  const metrics = options.metrics ?? new Metrics();
  const retry = options.retry ?? {};
  const profileTable = envString(env, 'PROFILE_TABLE_NAME');
  const refreshSeconds = envNumber(env, 'MODEL_REFRESH_SECONDS');
  const models = new ModelPackageSource(clients.s3, {
    bucket: envString(env, 'MODEL_BUCKET'),
    prefix: envString(env, 'MODEL_PACKAGE_PREFIX'),
    refreshSeconds,
    logger,
    retry,
  });
  const events = lazyPublisher(async () => {
    const { FindingEventPublisher } = await import('../publish/finding-event');
    return new FindingEventPublisher(await clients.eventBridge(), envString(env, 'EVENT_BUS_NAME'), retry);
  });
  const productArn = envOptionalString(env, 'SECURITY_HUB_PRODUCT_ARN');
  const securityHub = productArn
    ? lazyPublisher(async () => {
        const { SecurityHubPublisher } = await import('../publish/security-hub');
        return new SecurityHubPublisher(await clients.securityHub(), productArn, retry);
      })
    : undefined;
  const loadDlq = lazy(async () => {
    const { DeadLetterQueue } = await import('./dead-letter-queue');
    return new DeadLetterQueue(await clients.sqs(), envString(env, 'DEAD_LETTER_QUEUE_URL'), retry);
  });
  const dlq: IDeadLetterQueue = { send: async (record, error, at) => (await loadDlq()).send(record, error, at) };

  const loadEngine = lazy(async () =>
    (await import('./core-engine')).createEngineFactory({
      windowMinutes: envNumber(env, 'DETECTION_WINDOW_MINUTES'),
      minScore: envNumber(env, 'MIN_SCORE'),
    }),
  );
  const engine = packageEngineProvider({
    models,
    profiles: new ProfileShardStore(clients.doc, profileTable, BASELINE_PROFILE_CODEC, { retry }),
    shardCount: envNumber(env, 'PROFILE_SHARD_COUNT'),
    profileRefreshSeconds: refreshSeconds,
    // The detector and its catalogue load with the first model package, not at cold start.
    factory: async (pkg, learned, writer) => (await loadEngine())(pkg, learned, writer),
    logger,
    metrics,
  });
  const service = new EnrichmentService({
    s3: clients.s3,
    audit: new AuditTable(clients.doc, envString(env, 'AUDIT_TABLE_NAME'), retry),
    events: events.publisher,
    ...(securityHub ? { securityHub: securityHub.publisher } : {}),
    engine,
    ledger: new IngestionLedger(clients.doc, profileTable, 90, retry),
    logger,
    metrics,
    settings: {
      alertThreshold: envNumber(env, 'ALERT_THRESHOLD'),
      minScore: envNumber(env, 'MIN_SCORE'),
      ttlDays: envNumber(env, 'FINDINGS_TTL_DAYS'),
    },
    retry,
    ...(options.now ? { now: options.now } : {}),
  });
  const handler = createEnrichmentHandler({
    service,
    dlq,
    maxReceiveCount: envNumber(env, 'MAX_RECEIVE_COUNT'),
    rawLogBucket: envString(env, 'RAW_LOG_BUCKET'),
    logger,
    metrics,
  });
  return {
    handler,
    service,
    engine,
    warmUp: async () => {
      await Promise.all([events.load(), securityHub?.load(), loadDlq()]);
    },
  };
}
