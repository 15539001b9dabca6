/** A complete, valid environment per handler (what the constructs set), for tests. */
export const ENRICHMENT_ENV: Readonly<Record<string, string>> = {
  AUDIT_TABLE_NAME: 'aad-dev-audit',
  PROFILE_TABLE_NAME: 'aad-dev-profiles',
  PROFILE_SHARD_COUNT: '4',
  RAW_LOG_BUCKET: 'aad-dev-raw-logs-111111111111',
  EVENT_BUS_NAME: 'aad-dev-findings',
  SECURITY_HUB_PRODUCT_ARN: 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default',
  ALERT_THRESHOLD: '70',
  MIN_SCORE: '40',
  DETECTION_WINDOW_MINUTES: '60',
  FINDINGS_TTL_DAYS: '180',
  MODEL_BUCKET: 'aad-dev-models-111111111111',
  MODEL_PACKAGE_PREFIX: 'model-packages/dev/',
  MODEL_REFRESH_SECONDS: '300',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/aad-dev-ingest-dlq',
  MAX_RECEIVE_COUNT: '3',
  POWERTOOLS_SERVICE_NAME: 'aad-enrichment',
  POWERTOOLS_METRICS_NAMESPACE: 'AccessAnomalyDetector',
};

export const RECONCILER_ENV: Readonly<Record<string, string>> = {
  AUDIT_TABLE_NAME: 'aad-dev-audit',
  RECONCILIATION_SLA_HOURS: '72',
  POWERTOOLS_SERVICE_NAME: 'aad-reconciler',
  POWERTOOLS_METRICS_NAMESPACE: 'AccessAnomalyDetector',
};

export const RETRAIN_ENV: Readonly<Record<string, string>> = {
  RETRAIN_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:111111111111:stateMachine:aad-dev-retrain',
  POWERTOOLS_SERVICE_NAME: 'aad-retrain-trigger',
  POWERTOOLS_METRICS_NAMESPACE: 'AccessAnomalyDetector',
};

/** Sets variables for the duration of `fn` and restores the previous values. */
export async function withEnv<T>(vars: Readonly<Record<string, string | undefined>>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
