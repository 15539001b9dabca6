import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { AuditTable } from '../../src/audit';
import { DeadLetterQueue, EnrichmentService, createEnrichmentHandler } from '../../src/enrichment';
import { REDACTED, createLogger, redactingReplacer, scrubSecrets } from '../../src/observability';
import { FindingEventPublisher } from '../../src/publish';
import { captureOutput } from '../_helpers/capture';
import { KEY, RAW_BUCKET, ctEvent, ctFile, fakeEngine, sqsEvent, sqsRecord } from '../_helpers/cloudtrail';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { s3Body } from '../_helpers/s3';

// Example credentials in the format AWS documents (not real).
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEXAMPLE${'AbCd0123'.repeat(40)}`;
const PASSWORD = 'hunter2-correct-horse';

const s3 = mockClient(S3Client);
const eb = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);

describe('secrets never reach the logs', () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startLocalDynamoDb();
  });
  afterAll(async () => {
    await db.stop();
  });

  it('keeps access-key secrets, session tokens and passwords out of every log line and DLQ reason', async () => {
    // Prepare: an AssumeRole event with credentials in its response, a login with a password,
    // and a failing object whose error message quotes a token.
    const records = [
      ctEvent(1, {
        eventName: 'StopLogging',
        responseElements: {
          credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN },
        },
      }),
      ctEvent(2, { requestParameters: { password: PASSWORD, note: `token=${SESSION_TOKEN}` } }),
      42,
    ];
    s3.reset();
    eb.reset();
    sqs.reset();
    s3.on(GetObjectCommand, { Key: KEY }).resolves({ Body: s3Body(ctFile(records)) });
    s3.on(GetObjectCommand, { Key: 'fails.json.gz' }).rejects(
      Object.assign(new Error(`signature mismatch for ${SECRET_KEY} with X-Amz-Security-Token=${SESSION_TOKEN}`), {
        name: 'SignatureDoesNotMatch',
      }),
    );
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    sqs.on(SendMessageCommand).resolves({});
    const logger = createLogger('aad-enrichment');
    logger.setLogLevel('DEBUG');
    const metrics = new Metrics({ namespace: 'AAD', serviceName: 'aad-enrichment' });
    const engine = fakeEngine();
    const handler = createEnrichmentHandler({
      service: new EnrichmentService({
        s3: new S3Client({}),
        audit: new AuditTable(db.doc, (await db.createTables()).audit),
        events: new FindingEventPublisher(new EventBridgeClient({}), 'bus'),
        engine: async () => engine,
        logger,
        metrics,
        settings: { alertThreshold: 70, minScore: 40, ttlDays: 1 },
        retry: { sleep: async () => undefined, maxAttempts: 1 },
      }),
      dlq: new DeadLetterQueue(new SQSClient({}), 'https://sqs.us-east-1.amazonaws.com/111111111111/dlq'),
      maxReceiveCount: 1,
      rawLogBucket: RAW_BUCKET,
      logger,
      metrics,
    });
    const out = captureOutput();
    try {
      // Act
      await handler(sqsEvent(sqsRecord(KEY), sqsRecord('fails.json.gz', { id: 'm-2' })));
      logger.debug('debug dump', { record: records[0], headers: { Authorization: `AWS4 ${SECRET_KEY}` } });
      logger.error('error with cause', new Error(`cannot use ${SESSION_TOKEN}`));
    } finally {
      out.restore();
    }
    // Assess
    const text = out.lines().join('\n');
    expect(out.lines().length).toBeGreaterThan(5);
    for (const secret of [SECRET_KEY, SESSION_TOKEN, PASSWORD, SESSION_TOKEN.slice(0, 60)]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
    const reason =
      sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageAttributes!['aad-error-reason'].StringValue!;
    expect(reason).toContain('signature mismatch');
    expect(reason).not.toContain(SECRET_KEY);
    expect(reason).not.toContain(SESSION_TOKEN.slice(0, 60));
  });
});

describe('redactingReplacer', () => {
  it.each([
    ['secretAccessKey', 'x', REDACTED],
    ['SessionToken', 'x', REDACTED],
    ['password', 'x', REDACTED],
    ['credentials', { a: 1 }, REDACTED],
    ['accessKeyId', 'AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['s3_key', KEY, KEY],
    ['finding_id', 'f'.repeat(40), 'f'.repeat(40)],
    ['record_sha256', 'a'.repeat(64), 'a'.repeat(64)],
  ])('maps %s=%p to %p', (key, value, expected) => {
    expect(redactingReplacer(key, value)).toEqual(expected);
  });

  it('scrubs secrets inside free text', () => {
    expect(scrubSecrets(`key ${SECRET_KEY} end`)).toBe(`key ${REDACTED} end`);
  });
});
