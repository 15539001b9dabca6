import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLIENT_DEFAULTS, DOCUMENT_TRANSLATION } from '../aws/clients';
import { readHandlerEnv } from '../config/handler-env';
import { createEnrichmentFunction } from '../enrichment/enrichment-function';
import { handlerSpec } from '../handler-contract';

/** Validated at cold start: a missing or invalid variable fails the first invocation with its name. */
const env = readHandlerEnv(handlerSpec('enrichment'), process.env);

/**
 * Created once per container; none of this calls the network. S3 and
 * DynamoDB serve every invocation; EventBridge, Security Hub and SQS (and
 * their modules, separate chunks of the bundle) load on first use.
 */
const enrichment = createEnrichmentFunction(env, {
  s3: new S3Client(CLIENT_DEFAULTS),
  doc: DynamoDBDocumentClient.from(new DynamoDBClient(CLIENT_DEFAULTS), DOCUMENT_TRANSLATION),
  eventBridge: async () => (await import('../aws/event-bridge-client')).eventBridgeClient(),
  securityHub: async () => (await import('../aws/security-hub-client')).securityHubClient(),
  sqs: async () => (await import('../aws/sqs-client')).sqsClient(),
});

/** Lambda entry point (SQS, EventBridge, Step Functions). */
export const handler = enrichment.handler;

/** Creates the clients only some invocations need (EventBridge, Security Hub, SQS) ahead of the first use. */
export const warmUp = enrichment.warmUp;
