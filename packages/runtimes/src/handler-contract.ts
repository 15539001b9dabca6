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
}

/** The contract between a Lambda handler and the infrastructure that deploys it. */
export interface HandlerSpec {
  /** Bundle directory name and `src/handlers/<name>.lambda.ts`. */
  readonly name: 'enrichment' | 'reconciler' | 'retrain-trigger';
  readonly description: string;
  readonly environment: readonly HandlerEnvVar[];
}

const POWERTOOLS: readonly HandlerEnvVar[] = [
  { name: 'POWERTOOLS_SERVICE_NAME', description: 'Service name in logs and metrics', type: 'string' },
  { name: 'POWERTOOLS_METRICS_NAMESPACE', description: 'CloudWatch metrics namespace', type: 'string' },
];

/**
 * Every handler, the environment it reads and where its bundle is. The
 * constructs set exactly these variables; the guardrails env-parity check
 * reads this list.
 */
export const HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'enrichment',
    description: 'Parses CloudTrail, extracts entities, scores, persists and publishes findings',
    environment: [
      { name: 'AUDIT_TABLE_NAME', description: 'DynamoDB audit table', type: 'string' },
      { name: 'PROFILE_TABLE_NAME', description: 'DynamoDB baseline profile table', type: 'string' },
      { name: 'EVENT_BUS_NAME', description: 'EventBridge bus for findings', type: 'string' },
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
      { name: 'FINDINGS_TTL_DAYS', description: 'Days a finding stays in the audit table', type: 'integer', min: 1 },
      { name: 'MODEL_BUCKET', description: 'KMS-encrypted bucket of model and profile packages', type: 'string' },
      ...POWERTOOLS,
    ],
  },
  {
    name: 'reconciler',
    description: 'Checks whether recommended actions were implemented; emits ReconciliationMissingCount',
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
  },
  {
    name: 'retrain-trigger',
    description: 'Starts the retrain state machine when the anomaly-rate alarm fires',
    environment: [
      { name: 'RETRAIN_STATE_MACHINE_ARN', description: 'Retrain Step Functions state machine', type: 'string' },
      ...POWERTOOLS,
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
