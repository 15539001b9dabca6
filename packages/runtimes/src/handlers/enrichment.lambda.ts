import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditTable } from '../audit/audit-table';
import { CLIENT_DEFAULTS, DOCUMENT_TRANSLATION } from '../aws/clients';
import { envNumber, envOptionalString, envString, readHandlerEnv } from '../config/handler-env';
import { createEngineFactory, JSON_PROFILE_CODEC } from '../enrichment/core-engine';
import { createEnrichmentHandler } from '../enrichment/enrichment-handler';
import { EnrichmentService } from '../enrichment/enrichment-service';
import { IngestionLedger } from '../enrichment/ingestion-ledger';
import { packageEngineProvider } from '../enrichment/package-engine';
import { DeadLetterQueue } from '../enrichment/sqs-batch';
import { handlerSpec } from '../handler-contract';
import { ModelPackageSource } from '../model/model-package-source';
import { createLogger } from '../observability/logger';
import { ProfileShardStore } from '../profile/profile-shard-store';
import { FindingEventPublisher } from '../publish/finding-event';
import { SecurityHubPublisher } from '../publish/security-hub';

/** Validated at cold start: a missing or invalid variable fails the first invocation with its name. */
const env = readHandlerEnv(handlerSpec('enrichment'), process.env);

// SDK clients and collaborators: created once per container; none of this calls the network.
const logger = createLogger();
const metrics = new Metrics();
const s3 = new S3Client(CLIENT_DEFAULTS);
const doc = DynamoDBDocumentClient.from(new DynamoDBClient(CLIENT_DEFAULTS), DOCUMENT_TRANSLATION);
const securityHubArn = envOptionalString(env, 'SECURITY_HUB_PRODUCT_ARN');
const profiles = new ProfileShardStore(doc, envString(env, 'PROFILE_TABLE_NAME'), JSON_PROFILE_CODEC);
const models = new ModelPackageSource(s3, {
  bucket: envString(env, 'MODEL_BUCKET'),
  prefix: envString(env, 'MODEL_PACKAGE_PREFIX'),
  refreshSeconds: envNumber(env, 'MODEL_REFRESH_SECONDS'),
  logger,
});

const service = new EnrichmentService({
  s3,
  audit: new AuditTable(doc, envString(env, 'AUDIT_TABLE_NAME')),
  events: new FindingEventPublisher(new EventBridgeClient(CLIENT_DEFAULTS), envString(env, 'EVENT_BUS_NAME')),
  ...(securityHubArn
    ? { securityHub: new SecurityHubPublisher(new SecurityHubClient(CLIENT_DEFAULTS), securityHubArn) }
    : {}),
  engine: packageEngineProvider({
    models,
    profiles,
    shardCount: envNumber(env, 'PROFILE_SHARD_COUNT'),
    profileRefreshSeconds: envNumber(env, 'MODEL_REFRESH_SECONDS'),
    factory: createEngineFactory({ windowMinutes: envNumber(env, 'DETECTION_WINDOW_MINUTES') }),
    logger,
  }),
  ledger: new IngestionLedger(doc, envString(env, 'PROFILE_TABLE_NAME')),
  logger,
  metrics,
  settings: {
    alertThreshold: envNumber(env, 'ALERT_THRESHOLD'),
    minScore: envNumber(env, 'MIN_SCORE'),
    ttlDays: envNumber(env, 'FINDINGS_TTL_DAYS'),
  },
});

/** Lambda entry point (SQS, EventBridge, Step Functions). */
export const handler = createEnrichmentHandler({
  service,
  dlq: new DeadLetterQueue(new SQSClient(CLIENT_DEFAULTS), envString(env, 'DEAD_LETTER_QUEUE_URL')),
  maxReceiveCount: envNumber(env, 'MAX_RECEIVE_COUNT'),
  rawLogBucket: envString(env, 'RAW_LOG_BUCKET'),
  logger,
  metrics,
});
