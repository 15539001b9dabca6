import { gzipSync } from 'node:zlib';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { AuditTable, recordSha256 } from '../../src/audit';
import {
  DeadLetterQueue,
  EnrichmentService,
  IngestionLedger,
  InvocationResult,
  UnitReport,
  createEnrichmentHandler,
  triggerOf,
} from '../../src/enrichment';
import { ModelIntegrityError } from '../../src/errors';
import { createLogger } from '../../src/observability';
import { FindingEventPublisher, SecurityHubPublisher } from '../../src/publish';
import { captureOutput, OutputCapture } from '../_helpers/capture';
import { KEY, RAW_BUCKET, ctEvent, ctFile, fakeEngine, sqsEvent, sqsRecord } from '../_helpers/cloudtrail';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { s3Body } from '../_helpers/s3';

const PRODUCT = 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default';
const DLQ = 'https://sqs.us-east-1.amazonaws.com/111111111111/aad-dev-ingest-dlq';
const s3 = mockClient(S3Client);
const eb = mockClient(EventBridgeClient);
const hub = mockClient(SecurityHubClient);
const sqs = mockClient(SQSClient);
const NO_WAIT = { sleep: async () => undefined, maxAttempts: 3 };

/** 6 events: index 2 is StopLogging (alert), index 4 a GetObject from a rare network (recorded). */
const RECORDS = Array.from({ length: 6 }, (_, i) =>
  ctEvent(
    i,
    i === 2
      ? { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com' }
      : i === 4
        ? { sourceIPAddress: '198.51.100.7' }
        : {},
  ),
);

describe('enrichment handler', () => {
  let db: LocalDynamoDb;
  let auditName: string;
  let profileName: string;
  let out: OutputCapture;
  let engineFails: Error | undefined;
  let engine: ReturnType<typeof fakeEngine>;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    ({ audit: auditName, profile: profileName } = await db.createTables());
    for (const m of [s3, eb, hub, sqs]) m.reset();
    eb.on(PutEventsCommand).callsFake(async (input) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `ev-${i}` })),
    }));
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
    s3.on(GetObjectCommand).callsFake(async () => ({ Body: s3Body(ctFile(RECORDS)), VersionId: 'v1' }));
    engineFails = undefined;
    engine = fakeEngine();
    out = captureOutput();
  });
  afterEach(() => out.restore());

  const handler = (): ReturnType<typeof createEnrichmentHandler> => {
    const logger = createLogger('aad-enrichment');
    const metrics = new Metrics({ namespace: 'AccessAnomalyDetector', serviceName: 'aad-enrichment' });
    const service = new EnrichmentService({
      s3: new S3Client({}),
      audit: new AuditTable(db.doc, auditName, NO_WAIT),
      events: new FindingEventPublisher(new EventBridgeClient({}), 'aad-dev-findings', NO_WAIT),
      securityHub: new SecurityHubPublisher(new SecurityHubClient({}), PRODUCT, NO_WAIT),
      engine: async () => {
        if (engineFails) throw engineFails;
        return engine;
      },
      ledger: new IngestionLedger(db.doc, profileName),
      logger,
      metrics,
      settings: { alertThreshold: 70, minScore: 40, ttlDays: 180 },
      retry: NO_WAIT,
      now: () => new Date('2026-11-20T11:00:00Z'),
    });
    return createEnrichmentHandler({
      service,
      dlq: new DeadLetterQueue(new SQSClient({}), DLQ, NO_WAIT),
      maxReceiveCount: 3,
      rawLogBucket: RAW_BUCKET,
      logger,
      metrics,
    });
  };
  const stored = async (): Promise<Record<string, unknown>[]> =>
    (await db.doc.send(new ScanCommand({ TableName: auditName }))).Items ?? [];

  it('reads the notified object version, stores findings with their source and publishes the alert', async () => {
    // Act
    const response = (await handler()(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({
      Bucket: RAW_BUCKET,
      Key: KEY,
      VersionId: 'v1',
    });
    const items = await stored();
    expect(items.map((i) => i.finding_id).sort()).toEqual(['f-evt-2', 'f-evt-4']);
    const alert = items.find((i) => i.finding_id === 'f-evt-2')!;
    expect(alert.source).toEqual({
      kind: 's3',
      bucket: RAW_BUCKET,
      key: KEY,
      version_id: 'v1',
      record_index: 2,
      record_sha256: recordSha256(RECORDS[2]),
    });
    expect(alert.eventbridge_published_at).toBe('2026-11-20T11:00:00.000Z');
    expect(alert.securityhub_imported_at).toBe('2026-11-20T11:00:00.000Z');
    const entries = eb.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries!);
    expect(entries.map((e) => JSON.parse(e.Detail!).finding.finding_id)).toEqual(['f-evt-2']);
    const asff = hub.commandCalls(BatchImportFindingsCommand)[0].args[0].input.Findings!;
    expect(asff.map((f) => [f.Id, f.ProductArn, f.Severity?.Normalized])).toEqual([['aad/f-evt-2', PRODUCT, 90]]);
    expect(out.metric('EventsProcessed')).toBe(6);
    expect(out.metric('FindingsEmitted')).toBe(2);
    expect(out.metric('AnomalyRate')).toBeCloseTo(2 / 6);
    expect(out.metric('ParseErrors')).toBe(0);
    expect(engine.learned).toEqual([{ events: 6 }]);
  });

  it('replaying the same message twice creates no duplicate, publishes nothing again and learns once', async () => {
    const h = handler();
    await h(sqsEvent(sqsRecord(KEY)));
    await h(sqsEvent(sqsRecord(KEY, { id: 'm-2' })));
    expect(await stored()).toHaveLength(2);
    expect(eb.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(1);
    expect(out.metric('DuplicateFindings')).toBe(2);
    expect(out.metric('FindingsEmitted')).toBe(2);
    expect(engine.learned).toHaveLength(1);
  });

  it('retries the message when publishing fails, then publishes only what is missing', async () => {
    // Prepare
    eb.reset();
    eb.on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'denied' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const h = handler();
    // Act
    const first = (await h(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    const second = (await h(sqsEvent(sqsRecord(KEY, { receiveCount: 2 })))) as SQSBatchResponse;
    // Assess
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(second.batchItemFailures).toEqual([]);
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(1);
    expect((await stored()).find((i) => i.finding_id === 'f-evt-2')?.eventbridge_published_at).toBeDefined();
    expect(out.metric('PublishFailures')).toBe(1);
  });

  it.each([
    ['a truncated gzip', ctFile(RECORDS).subarray(0, 40), /corrupt or truncated gzip/],
    [
      'an object that is not gzip',
      Buffer.from(JSON.stringify({ Records: RECORDS })),
      /not gzip \(first bytes 7b225265/,
    ],
    ['a gzip that is not CloudTrail', gzipSync('{"hello": "world"}\n'), /not a CloudTrail log file/],
    ['a gzip that is not JSON', gzipSync('plain text line\n'), /not a CloudTrail log file|invalid JSON/],
  ])('dead-letters %s with the reason and still processes the rest of the batch', async (_name, body, reason) => {
    // Prepare
    s3.reset();
    s3.on(GetObjectCommand, { Key: 'bad.json.gz' }).resolves({ Body: s3Body(body) });
    s3.on(GetObjectCommand, { Key: KEY }).callsFake(async () => ({ Body: s3Body(ctFile(RECORDS)), VersionId: 'v1' }));
    // Act
    const response = (await handler()(
      sqsEvent(sqsRecord('bad.json.gz', { id: 'bad' }), sqsRecord(KEY, { id: 'good' })),
    )) as SQSBatchResponse;
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0].QueueUrl).toBe(DLQ);
    expect(sent[0].MessageBody).toBe(sqsRecord('bad.json.gz').body);
    expect(sent[0].MessageAttributes?.['aad-error-reason'].StringValue).toMatch(reason);
    expect(sent[0].MessageAttributes?.['aad-source-message-id'].StringValue).toBe('bad');
    expect(await stored()).toHaveLength(2);
    expect(out.metric('DeadLettered')).toBe(1);
  });

  it('counts bad records of a file as parse errors and scores the rest', async () => {
    s3.reset();
    s3.on(GetObjectCommand).resolves({ Body: s3Body(ctFile([...RECORDS, 42, { note: 'not an event' }])) });
    const response = (await handler()(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    expect(response.batchItemFailures).toEqual([]);
    expect(out.metric('ParseErrors')).toBe(2);
    expect(out.metric('EventsProcessed')).toBe(6);
    const warnings = out.json().filter((l) => l.message === 'record rejected');
    expect(warnings.map((w) => w.record_index)).toEqual([6, 7]);
    expect(warnings[0].source).toBe(`s3://${RAW_BUCKET}/${KEY}?versionId=v1`);
  });

  it('leaves a throttled message for redelivery, then dead-letters it on the last receive', async () => {
    // Prepare
    s3.reset();
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' }));
    const h = handler();
    // Act
    const early = (await h(sqsEvent(sqsRecord(KEY, { receiveCount: 1 })))) as SQSBatchResponse;
    const last = (await h(sqsEvent(sqsRecord(KEY, { receiveCount: 3 })))) as SQSBatchResponse;
    // Assess
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(last.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(6);
    const attrs = sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageAttributes!;
    expect(attrs['aad-error-type'].StringValue).toBe('SlowDown');
    expect(attrs['aad-receive-count'].StringValue).toBe('3');
  });

  it('retries a throttled read and succeeds', async () => {
    s3.reset();
    s3.on(GetObjectCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .callsFake(async () => ({ Body: s3Body(ctFile(RECORDS)) }));
    const response = (await handler()(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    expect(response.batchItemFailures).toEqual([]);
    expect(await stored()).toHaveLength(2);
  });

  it('keeps a message whose dead-letter send fails in the batch failures', async () => {
    sqs.reset();
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const response = (await handler()(
      sqsEvent(sqsRecord(KEY, { bucket: 'someone-elses-bucket' })),
    )) as SQSBatchResponse;
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('refuses to score when the model package fails verification, and counts it', async () => {
    engineFails = new ModelIntegrityError('model_package-x.zip: ner-model.json has sha256 00, the manifest says 11');
    const response = (await handler()(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(out.metric('ModelIntegrityFailures')).toBe(1);
    expect(await stored()).toHaveLength(0);
    expect(out.json().some((l) => l.message === 'model package failed verification: refusing to score')).toBe(true);
  });

  it('skips digest files and the S3 test event, counting them', async () => {
    const digest = sqsRecord('AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/11/20/x.json.gz', { id: 'd' });
    const test = {
      ...sqsRecord(KEY, { id: 't' }),
      body: JSON.stringify({ Event: 's3:TestEvent', Bucket: RAW_BUCKET }),
    };
    const response = (await handler()(sqsEvent(digest, test))) as SQSBatchResponse;
    expect(response.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(out.metric('ObjectsSkipped')).toBe(2);
  });

  it('scores an EventBridge CloudTrail event with the event id as its source', async () => {
    const report = (await handler()({
      version: '0',
      id: 'eb-123',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.cloudtrail',
      account: '111111111111',
      time: '2026-11-20T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: RECORDS[2],
    })) as UnitReport;
    expect(report).toEqual(expect.objectContaining({ events: 1, findings: 1, alerted: 1, published: 1 }));
    const [item] = await stored();
    expect(item.source).toEqual({
      kind: 'eventbridge',
      event_id: 'eb-123',
      record_index: 0,
      record_sha256: recordSha256(RECORDS[2]),
    });
  });

  it('reads an object routed as an S3 EventBridge event', async () => {
    const result = (await handler()({
      version: '0',
      id: 'eb-s3',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '111111111111',
      time: '2026-11-20T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { bucket: { name: RAW_BUCKET }, object: { key: KEY, 'version-id': 'v9' } },
    })) as InvocationResult;
    expect(result.units).toHaveLength(1);
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input.VersionId).toBe('v9');
  });

  it('accepts a direct Step Functions invocation with {bucket, key}', async () => {
    const report = (await handler()({ bucket: RAW_BUCKET, key: KEY })) as UnitReport;
    expect(report).toEqual(expect.objectContaining({ events: 6, findings: 2, written: 2 }));
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: RAW_BUCKET, Key: KEY });
  });

  it('accepts a direct invocation with a batch of events', async () => {
    const report = (await handler()({ events: [RECORDS[2], 'junk', RECORDS[4]], batchId: 'sfn-exec-1' })) as UnitReport;
    expect(report).toEqual(expect.objectContaining({ events: 2, parseErrors: 1, findings: 2 }));
    const items = await stored();
    expect(items.find((i) => i.finding_id === 'f-evt-4')?.source).toEqual(
      expect.objectContaining({ kind: 'invocation', batch_id: 'sfn-exec-1', record_index: 2 }),
    );
  });

  it('refuses a direct invocation for another bucket', async () => {
    await expect(handler()({ bucket: 'elsewhere', key: KEY })).rejects.toThrow(
      `object s3://elsewhere/${KEY} is outside the raw log bucket ${RAW_BUCKET}`,
    );
  });

  it('rejects an event of unknown shape', () => {
    expect(() => triggerOf({ hello: 1 })).toThrow(/unrecognized event/);
    expect(() => triggerOf('x')).toThrow('event must be a JSON object');
  });
});
