import { Metrics } from '@aws-lambda-powertools/metrics';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { AuditTable } from '../audit/audit-table';
import { CLIENT_DEFAULTS, DOCUMENT_TRANSLATION } from '../aws/clients';
import { envNumber, envString, readHandlerEnv } from '../config/handler-env';
import { handlerSpec } from '../handler-contract';
import { createLogger } from '../observability/logger';
import { Reconciler, ReconciliationSummary } from '../reconciler/reconciler';
import { AccessKeyDeactivatedVerifier, BucketNotPublicVerifier, TrailLoggingVerifier } from '../reconciler/verifiers';

/** Validated at cold start: a missing or invalid variable fails the first invocation with its name. */
const env = readHandlerEnv(handlerSpec('reconciler'), process.env);

const logger = createLogger();
const metrics = new Metrics();
const reconciler = new Reconciler({
  audit: new AuditTable(
    DynamoDBDocumentClient.from(new DynamoDBClient(CLIENT_DEFAULTS), DOCUMENT_TRANSLATION),
    envString(env, 'AUDIT_TABLE_NAME'),
  ),
  verifiers: [
    new AccessKeyDeactivatedVerifier(new IAMClient(CLIENT_DEFAULTS)),
    new BucketNotPublicVerifier(new S3Client(CLIENT_DEFAULTS)),
    new TrailLoggingVerifier(new CloudTrailClient(CLIENT_DEFAULTS)),
  ],
  slaHours: envNumber(env, 'RECONCILIATION_SLA_HOURS'),
  logger,
  metrics,
});

/** Lambda entry point (nightly schedule). */
export async function handler(_event: unknown, context?: Context): Promise<ReconciliationSummary> {
  if (context) logger.addContext(context);
  try {
    return await reconciler.run(new Date());
  } finally {
    metrics.publishStoredMetrics();
  }
}
