import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { captureOutput, OutputCapture } from '../_helpers/capture';
import { KEY, ctEvent, ctFile, sqsEvent, sqsRecord } from '../_helpers/cloudtrail';
import { ENRICHMENT_ENV, RECONCILER_ENV, RETRAIN_ENV, withEnv } from '../_helpers/env';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { modelPackageZip, s3Body } from '../_helpers/s3';

/** Client mocks of one cold start (each isolated module registry has its own SDK classes). */
interface Mocks {
  readonly s3: ReturnType<typeof mockClient<S3Client>>;
  readonly sfn: ReturnType<typeof mockClient<SFNClient>>;
  readonly sqs: ReturnType<typeof mockClient<SQSClient>>;
  readonly eb: ReturnType<typeof mockClient<EventBridgeClient>>;
  readonly hub: ReturnType<typeof mockClient<SecurityHubClient>>;
}
const CONTEXT = { awsRequestId: 'req-1', functionName: 'aad-dev-enrichment' } as Context;

/**
 * Imports a handler module fresh (its module scope runs again, like a cold
 * start) after mocking the SDK clients of that fresh module registry.
 */
async function coldStart<T>(path: string, prepare?: (mocks: Mocks) => void): Promise<{ mod: T; mocks: Mocks }> {
  let mod: T | undefined;
  let mocks: Mocks | undefined;
  await jest.isolateModulesAsync(async () => {
    mocks = {
      s3: mockClient((await import('@aws-sdk/client-s3')).S3Client),
      sfn: mockClient((await import('@aws-sdk/client-sfn')).SFNClient),
      sqs: mockClient((await import('@aws-sdk/client-sqs')).SQSClient),
      eb: mockClient((await import('@aws-sdk/client-eventbridge')).EventBridgeClient),
      hub: mockClient((await import('@aws-sdk/client-securityhub')).SecurityHubClient),
    };
    prepare?.(mocks);
    mod = (await import(path)) as T;
  });
  return { mod: mod!, mocks: mocks! };
}

describe('handler modules (cold start, module-scope clients)', () => {
  let db: LocalDynamoDb;
  let out: OutputCapture;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(() => {
    out = captureOutput();
  });
  afterEach(() => out.restore());

  it('imports every handler without a network call', async () => {
    await withEnv({ ...ENRICHMENT_ENV, ...RECONCILER_ENV, ...RETRAIN_ENV }, async () => {
      for (const name of ['enrichment', 'reconciler', 'retrain-trigger']) {
        const { mocks } = await coldStart(`../../src/handlers/${name}.lambda`);
        for (const m of Object.values(mocks)) expect(m.calls()).toHaveLength(0);
      }
    });
  });

  it.each([
    ['enrichment', 'MODEL_BUCKET'],
    ['reconciler', 'RECONCILIATION_SLA_HOURS'],
    ['retrain-trigger', 'RETRAIN_STATE_MACHINE_ARN'],
  ])('%s fails its cold start naming a missing %s', async (name, variable) => {
    await withEnv({ ...ENRICHMENT_ENV, ...RECONCILER_ENV, ...RETRAIN_ENV, [variable]: undefined }, async () => {
      await expect(coldStart(`../../src/handlers/${name}.lambda`)).rejects.toThrow(`${variable} is required`);
    });
  });

  it('retrain-trigger starts the state machine named in its environment', async () => {
    let calls: () => { args: [{ input: { stateMachineArn?: string } }] }[] = () => [];
    await withEnv(RETRAIN_ENV, async () => {
      const {
        mod: { handler },
      } = await coldStart<typeof import('../../src/handlers/retrain-trigger.lambda')>(
        '../../src/handlers/retrain-trigger.lambda',
        (m) => {
          // Commands of the isolated registry are other classes: match on any command.
          m.sfn.resolves({ executionArn: 'arn:exec', startDate: new Date() });
          calls = () => m.sfn.calls() as never;
        },
      );
      const message = JSON.stringify({
        AlarmName: 'a',
        NewStateValue: 'ALARM',
        StateChangeTime: '2026-11-20T00:00:00Z',
      });
      const event = { Records: [{ Sns: { MessageId: 'm', Message: message } }] } as never;
      await expect(handler(event, CONTEXT)).resolves.toEqual(['started']);
    });
    expect(calls()[0].args[0].input.stateMachineArn).toBe(RETRAIN_ENV.RETRAIN_STATE_MACHINE_ARN);
  });

  it('reconciler reads the audit table named in its environment and flushes its metrics', async () => {
    const audit = (await db.createTables()).audit;
    await withEnv({ ...RECONCILER_ENV, AUDIT_TABLE_NAME: audit, AWS_ENDPOINT_URL_DYNAMODB: db.endpoint }, async () => {
      const {
        mod: { handler },
      } = await coldStart<typeof import('../../src/handlers/reconciler.lambda')>(
        '../../src/handlers/reconciler.lambda',
      );
      await expect(handler({}, CONTEXT)).resolves.toEqual(expect.objectContaining({ checked: 0, missing: 0 }));
    });
    expect(out.metric('ReconciliationMissingCount')).toBe(0);
    expect(out.json().some((l) => l.function_request_id === 'req-1')).toBe(true);
  });

  it('enrichment refuses to score with a tampered model package and leaves the message for redelivery', async () => {
    // Prepare
    const { audit, profile } = await db.createTables();
    let dlqCalls = (): unknown[] => [];
    const prepare = (m: Mocks): void => {
      // Commands of the isolated registry are other classes: route on the input.
      m.s3.callsFake(async (input: { Key: string }) => {
        if (input.Key === 'model-packages/dev/current.txt') {
          return { Body: s3Body('model_package-20261120T000000Z.zip') };
        }
        if (input.Key.startsWith('model-packages/dev/')) {
          return { Body: s3Body(modelPackageZip({ tamper: { 'ner-model.json': { sha256: '0'.repeat(64) } } })) };
        }
        return { Body: s3Body(ctFile([ctEvent(1)])) };
      });
      m.sqs.resolves({});
      dlqCalls = () => m.sqs.calls();
    };
    // Act
    const response = await withEnv(
      {
        ...ENRICHMENT_ENV,
        AUDIT_TABLE_NAME: audit,
        PROFILE_TABLE_NAME: profile,
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      },
      async () => {
        const {
          mod: { handler },
        } = await coldStart<typeof import('../../src/handlers/enrichment.lambda')>(
          '../../src/handlers/enrichment.lambda',
          prepare,
        );
        return (await handler(
          sqsEvent(sqsRecord(KEY.replace('.json.gz', '-ok.json.gz'), { bucket: ENRICHMENT_ENV.RAW_LOG_BUCKET })),
          CONTEXT,
        )) as SQSBatchResponse;
      },
    );
    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(out.metric('ModelIntegrityFailures')).toBe(1);
    expect(dlqCalls()).toHaveLength(0);
  });
});
