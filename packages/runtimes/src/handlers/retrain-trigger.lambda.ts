import { Metrics } from '@aws-lambda-powertools/metrics';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context, SNSEvent } from 'aws-lambda';
import { CLIENT_DEFAULTS } from '../aws/clients';
import { envString, readHandlerEnv } from '../config/handler-env';
import { handlerSpec } from '../handler-contract';
import { createLogger } from '../observability/logger';
import { RetrainOutcome, RetrainTrigger } from '../retrain/retrain-trigger';

/** Validated at cold start: a missing or invalid variable fails the first invocation with its name. */
const env = readHandlerEnv(handlerSpec('retrain-trigger'), process.env);

const logger = createLogger();
const trigger = new RetrainTrigger(
  new SFNClient(CLIENT_DEFAULTS),
  envString(env, 'RETRAIN_STATE_MACHINE_ARN'),
  logger,
  new Metrics(),
);

/** Lambda entry point (SNS topic of the AnomalyRate alarm). */
export async function handler(event: SNSEvent, context?: Context): Promise<RetrainOutcome[]> {
  if (context) logger.addContext(context);
  return trigger.handle(event);
}
