import { HANDLERS, HandlerConfigError, handlerSpec, readHandlerEnv } from '../src';
import { ENRICHMENT_ENV, RECONCILER_ENV, RETRAIN_ENV } from './_helpers/env';

describe('readHandlerEnv', () => {
  it('parses a complete enrichment environment by type', () => {
    // Act
    const env = readHandlerEnv(handlerSpec('enrichment'), ENRICHMENT_ENV);
    // Assess
    expect(env.ALERT_THRESHOLD).toBe(70);
    expect(env.AUDIT_TABLE_NAME).toBe('aad-dev-audit');
    expect(env.POWERTOOLS_LOG_LEVEL).toBeUndefined();
  });

  it.each([
    ['reconciler', RECONCILER_ENV],
    ['retrain-trigger', RETRAIN_ENV],
  ])('accepts the test environment of %s', (name, environ) => {
    expect(() => readHandlerEnv(handlerSpec(name), environ)).not.toThrow();
  });

  it('names every missing variable at once', () => {
    expect(() =>
      readHandlerEnv(handlerSpec('enrichment'), { ...ENRICHMENT_ENV, AUDIT_TABLE_NAME: undefined, EVENT_BUS_NAME: '' }),
    ).toThrow(
      new HandlerConfigError(
        'enrichment handler configuration is invalid:\n' +
          'AUDIT_TABLE_NAME is required (DynamoDB audit table) but not set\n' +
          'EVENT_BUS_NAME is required (EventBridge bus for findings) but not set',
      ),
    );
  });

  it.each([
    ['ALERT_THRESHOLD', 'high', 'ALERT_THRESHOLD must be an integer, received "high"'],
    ['ALERT_THRESHOLD', '7.5', 'ALERT_THRESHOLD must be an integer, received "7.5"'],
    ['ALERT_THRESHOLD', '101', 'ALERT_THRESHOLD must be at most 100, received 101'],
    ['FINDINGS_TTL_DAYS', '0', 'FINDINGS_TTL_DAYS must be at least 1, received 0'],
    ['MODEL_PACKAGE_PREFIX', 'model-packages/dev', 'MODEL_PACKAGE_PREFIX must be an S3 key prefix ending with "/"'],
    ['DEAD_LETTER_QUEUE_URL', 'aad-dev-dlq', 'DEAD_LETTER_QUEUE_URL must be an SQS queue URL, received "aad-dev-dlq"'],
    [
      'SECURITY_HUB_PRODUCT_ARN',
      'arn:aws:securityhub:us-east-1:111111111111:product/aws/guardduty',
      'SECURITY_HUB_PRODUCT_ARN must be arn:<partition>:securityhub:<region>:<account>:product/<account>/default',
    ],
    ['POWERTOOLS_LOG_LEVEL', 'LOUD', 'POWERTOOLS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR'],
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => readHandlerEnv(handlerSpec('enrichment'), { ...ENRICHMENT_ENV, [name]: value })).toThrow(message);
  });

  it('accepts an unset optional variable', () => {
    const env = readHandlerEnv(handlerSpec('enrichment'), { ...ENRICHMENT_ENV, SECURITY_HUB_PRODUCT_ARN: undefined });
    expect(env.SECURITY_HUB_PRODUCT_ARN).toBeUndefined();
  });

  it('rejects a retrain state machine that is not an ARN', () => {
    expect(() =>
      readHandlerEnv(handlerSpec('retrain-trigger'), { ...RETRAIN_ENV, RETRAIN_STATE_MACHINE_ARN: 'x' }),
    ).toThrow('RETRAIN_STATE_MACHINE_ARN must be a Step Functions state machine ARN, received "x"');
  });

  it('throws for an unknown handler name', () => {
    expect(() => handlerSpec('nope')).toThrow(
      "unknown handler 'nope' (known: enrichment, reconciler, retrain-trigger)",
    );
  });

  it('declares each variable once per handler', () => {
    for (const spec of HANDLERS) {
      const names = spec.environment.map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
