import { HANDLERS, HandlerConfigError, handlerSpec, readHandlerEnv } from '../src';

const VALID = {
  AUDIT_TABLE_NAME: 'aad-dev-audit',
  PROFILE_TABLE_NAME: 'aad-dev-profiles',
  EVENT_BUS_NAME: 'aad-dev-findings',
  ALERT_THRESHOLD: '70',
  MIN_SCORE: '40',
  FINDINGS_TTL_DAYS: '180',
  MODEL_BUCKET: 'aad-dev-models',
  POWERTOOLS_SERVICE_NAME: 'aad-enrichment',
  POWERTOOLS_METRICS_NAMESPACE: 'AccessAnomalyDetector',
};

describe('readHandlerEnv', () => {
  it('parses a complete enrichment environment by type', () => {
    const env = readHandlerEnv(handlerSpec('enrichment'), VALID);
    expect(env.ALERT_THRESHOLD).toBe(70);
    expect(env.AUDIT_TABLE_NAME).toBe('aad-dev-audit');
  });

  it('names every missing variable at once', () => {
    expect(() =>
      readHandlerEnv(handlerSpec('enrichment'), { ...VALID, AUDIT_TABLE_NAME: undefined, EVENT_BUS_NAME: '' }),
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
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => readHandlerEnv(handlerSpec('enrichment'), { ...VALID, [name]: value })).toThrow(message);
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
