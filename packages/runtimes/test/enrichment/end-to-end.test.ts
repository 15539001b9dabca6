import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnomalyDetector, BaselineProfile, Finding, toEventView } from '@aad/core';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { BASELINE_PROFILE_CODEC, ProfileShardStore } from '../../src/profile';
import { captureOutput, OutputCapture } from '../_helpers/capture';
import { KEY, sqsEvent, sqsRecord } from '../_helpers/cloudtrail';
import { ENRICHMENT_ENV, withEnv } from '../_helpers/env';
import { GeneratedTrail, generatedTrail } from '../_helpers/generated-trail';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { modelPackageZip, s3Body } from '../_helpers/s3';

const PACKAGE = 'model_package-20261120T000000Z.zip';
const PREFIX = ENRICHMENT_ENV.MODEL_PACKAGE_PREFIX;
const ALERT_THRESHOLD = Number(ENRICHMENT_ENV.ALERT_THRESHOLD);
const MIN_SCORE = Number(ENRICHMENT_ENV.MIN_SCORE);
const CONTEXT = { awsRequestId: 'req-e2e', functionName: 'aad-dev-enrichment' } as Context;

const s3 = mockClient(S3Client);
const eb = mockClient(EventBridgeClient);
const hub = mockClient(SecurityHubClient);
const sqs = mockClient(SQSClient);

/**
 * The deployed enrichment module end to end: a CloudTrail file from core's
 * generator with injected attacks arrives as an SQS S3 notification; the
 * handler loads the verified model package (the baseline learned from the
 * days before the file, core's NER model), scores with core's detector at the
 * handler's MIN_SCORE, writes findings to the audit table and learns the file
 * into the profile shards (both on dynalite), and publishes alerts
 * (EventBridge, Security Hub: mocked, commands asserted).
 */
describe('enrichment end to end (generated CloudTrail with injected attacks)', () => {
  let db: LocalDynamoDb;
  let trail: GeneratedTrail;
  let tables: { audit: string; profile: string };
  let env: Record<string, string>;
  let handler: (event: unknown, context: Context) => Promise<unknown>;
  /** The SDK reads endpoint settings when a command is sent: the environment stays set for each invocation. */
  const invoke = (event: unknown): Promise<unknown> => withEnv(env, () => handler(event, CONTEXT));
  let expected: Finding[];
  let out: OutputCapture;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
    tables = await db.createTables();
    trail = await generatedTrail({ seed: 11, events: 3000, days: 4 });
    // What core's detector finds on its own, from the same baseline, at the handler's MIN_SCORE.
    const reference = new AnomalyDetector({
      profile: BaselineProfile.fromJSON(trail.baseline.toJSON()),
      windowMinutes: 60,
      minScore: MIN_SCORE,
    });
    expected = trail.records.flatMap((r) => reference.observe(r));
    expected.push(...reference.flush());

    const zip = modelPackageZip({
      files: {
        'ner-model.json': readFileSync(join(__dirname, '..', '..', '..', 'core', 'models', 'ner-tagger.json'), 'utf8'),
        'baseline-profile.json': JSON.stringify(trail.baseline.toJSON()),
      },
    });
    s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
      if (input.Key === `${PREFIX}current.txt`) return { Body: s3Body(`${PACKAGE}\n`) };
      if (input.Key === `${PREFIX}${PACKAGE}`) return { Body: s3Body(zip) };
      if (input.Key === KEY) return { Body: s3Body(trail.file), VersionId: 'v1' };
      throw Object.assign(new Error('no such key'), { name: 'NoSuchKey' });
    });
    eb.on(PutEventsCommand).callsFake(async (input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, i) => ({ EventId: `ev-${i}` })),
    }));
    hub.on(BatchImportFindingsCommand).callsFake(async (input: { Findings: unknown[] }) => ({
      FailedCount: 0,
      SuccessCount: input.Findings.length,
      FailedFindings: [],
    }));
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq' });
    env = {
      ...ENRICHMENT_ENV,
      AUDIT_TABLE_NAME: tables.audit,
      PROFILE_TABLE_NAME: tables.profile,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    };
    handler = await withEnv(
      env,
      async () => (await import('../../src/handlers/enrichment.lambda')).handler as typeof handler,
    );
  }, 60_000);
  afterAll(async () => {
    await db.stop();
  }, 30_000);
  beforeEach(() => {
    out = captureOutput();
  });
  afterEach(() => out.restore());

  const stored = async (): Promise<Record<string, unknown>[]> =>
    (await db.doc.send(new ScanCommand({ TableName: tables.audit }))).Items ?? [];
  const published = (): string[] =>
    eb
      .commandCalls(PutEventsCommand)
      .flatMap((c) => c.args[0].input.Entries ?? [])
      .map((e) => (JSON.parse(e.Detail ?? '{}') as { finding: { finding_id: string } }).finding.finding_id);
  const imported = (): string[] =>
    hub
      .commandCalls(BatchImportFindingsCommand)
      .flatMap((c) => (c.args[0].input.Findings ?? []).map((f) => f.Id ?? ''));

  it('the fixture is what the test needs: attacks in the file, findings from core', () => {
    expect(trail.records.length).toBeGreaterThan(500);
    expect(new Set(trail.labels.map((l) => l.scenario)).size).toBe(11);
    expect(expected.length).toBeGreaterThan(50);
  });

  it("stores core's findings, publishes the alerts, and the alerts are the injected attacks", async () => {
    // Act
    const response = (await invoke(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    // Assess: the audit table holds exactly core's findings, with their sources.
    expect(response).toEqual({ batchItemFailures: [] });
    const items = await stored();
    const byId = new Map(items.map((i) => [String(i.finding_id), i]));
    expect([...byId.keys()].sort()).toEqual(expected.map((f) => f.finding_id).sort());
    for (const f of expected) {
      const item = byId.get(f.finding_id)!;
      expect([item.log_id, item.risk_score, item.alerted]).toEqual([
        f.log_id,
        f.risk_score,
        f.risk_score >= ALERT_THRESHOLD,
      ]);
      const index = trail.records.findIndex((r) => r.eventID === f.log_id);
      expect(item.source).toEqual(
        expect.objectContaining({ kind: 's3', key: KEY, version_id: 'v1', record_index: index }),
      );
      expect(item.model_package).toBe(PACKAGE);
    }
    // Exactly the findings at or above the alert threshold reached EventBridge and Security Hub.
    const alerts = expected.filter((f) => f.risk_score >= ALERT_THRESHOLD).map((f) => f.finding_id);
    expect(alerts.length).toBeGreaterThan(0);
    expect(published().sort()).toEqual([...alerts].sort());
    expect(imported().sort()).toEqual(alerts.map((id) => `aad/${id}`).sort());
    for (const id of alerts) {
      expect(byId.get(id)).toEqual(
        expect.objectContaining({
          eventbridge_published_at: expect.any(String),
          securityhub_imported_at: expect.any(String),
        }),
      );
    }
    // Quality on this fixed seed: the alerts are the attacks, and the attacks are recorded.
    const attack = new Set(trail.labels.map((l) => l.logId));
    const alerted = items.filter((i) => i.alerted === true);
    const alertPrecision = alerted.filter((i) => attack.has(String(i.log_id))).length / alerted.length;
    const attackRecall = trail.labels.filter((l) => items.some((i) => i.log_id === l.logId)).length / attack.size;
    const scenariosAlerted = new Set(
      trail.labels.filter((l) => alerted.some((i) => i.log_id === l.logId)).map((l) => l.scenario),
    );
    expect(alertPrecision).toBeGreaterThanOrEqual(0.95);
    expect(attackRecall).toBeGreaterThanOrEqual(0.95);
    expect(scenariosAlerted.size).toBeGreaterThanOrEqual(10);
    // Metrics of the invocation, and the file learned into the profile shards.
    expect(out.metric('EventsProcessed')).toBe(trail.records.length);
    expect(out.metric('FindingsEmitted')).toBe(expected.length);
    expect(out.metric('FindingsPublished')).toBe(alerts.length);
    expect(out.metric('AnomalyRate')).toBeCloseTo(expected.length / trail.records.length);
    const learned = await new ProfileShardStore(db.doc, tables.profile, BASELINE_PROFILE_CODEC).loadMerged(
      PACKAGE,
      Number(ENRICHMENT_ENV.PROFILE_SHARD_COUNT),
    );
    const principals = new Set(trail.records.map((r) => toEventView(r).principal.key));
    expect(learned?.principals.size).toBeGreaterThan(0);
    for (const key of learned?.principals.keys() ?? []) expect(principals.has(key)).toBe(true);
  }, 30_000);

  it('replaying the same message creates no duplicate, publishes nothing and learns nothing', async () => {
    // Prepare
    const before = await stored();
    const calls = [eb.commandCalls(PutEventsCommand).length, hub.commandCalls(BatchImportFindingsCommand).length];
    const shards = async (): Promise<unknown[]> =>
      (await db.doc.send(new ScanCommand({ TableName: tables.profile }))).Items?.map((i) => [i.shard_id, i.version]) ??
      [];
    const shardsBefore = await shards();
    // Act
    const response = (await invoke(sqsEvent(sqsRecord(KEY, { id: 'm-replay' })))) as SQSBatchResponse;
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await stored()).toEqual(before);
    expect([eb.commandCalls(PutEventsCommand).length, hub.commandCalls(BatchImportFindingsCommand).length]).toEqual(
      calls,
    );
    expect(out.metric('FindingsEmitted')).toBe(0);
    expect(out.metric('DuplicateFindings')).toBeGreaterThan(0);
    expect(await shards()).toEqual(shardsBefore);
    expect(
      out.json().some((l) => l.message === 'source already learned by this model package; profile unchanged'),
    ).toBe(true);
  }, 30_000);
});
