/**
 * Benchmarks of @aad/runtimes (preliminary on a shared machine; the lead re-runs them):
 * bundle sizes, cold start of each bundle, and enrichment of a 10,000-event
 * CloudTrail file in-process against dynalite. Prints a table, writes
 * bench-results/runtimes.json. Targets: enrichment bundle < 1.5 MB, cold
 * start < 200 ms, 10k-event file < 1.5 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { AuditTable } from '../../src/audit';
import { bundleHandlers } from '../../src/bundle/bundle-handlers';
import { DeadLetterQueue, EnrichmentService, IngestionLedger, createEnrichmentHandler } from '../../src/enrichment';
import { KEY, RAW_BUCKET, ctEvent, ctFile, fakeEngine, sqsEvent, sqsRecord } from '../_helpers/cloudtrail';
import { ENRICHMENT_ENV, RECONCILER_ENV, RETRAIN_ENV } from '../_helpers/env';
import { startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { s3Body } from '../_helpers/s3';

interface Row {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function coldStartMs(bundle: string, env: Record<string, string>, runs = 7): number {
  const script = `
    const t0 = performance.now();
    require(${JSON.stringify(bundle)});
    process.stdout.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['-e', script], {
      env: {
        PATH: process.env.PATH,
        ...env,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDBENCH',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    times.push(Number(out.toString()));
  }
  return median(times);
}

async function enrichmentMs(events: number, runs = 3): Promise<{ ms: number; findings: number; written: number }> {
  const db = await startLocalDynamoDb();
  const s3 = mockClient(S3Client);
  const eb = mockClient(EventBridgeClient);
  const hub = mockClient(SecurityHubClient);
  // 1 event in 100 is an attack step (alert), 1 in 50 is rare enough to be recorded.
  const records = Array.from({ length: events }, (_, i) =>
    ctEvent(
      i,
      i % 100 === 7
        ? { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com' }
        : i % 50 === 3
          ? { sourceIPAddress: '198.51.100.9' }
          : { requestParameters: { bucketName: 'data', key: `objects/${i}.csv` } },
    ),
  );
  const file = ctFile(records);
  s3.on(GetObjectCommand).callsFake(async () => ({ Body: s3Body(file), VersionId: 'v1' }));
  eb.on(PutEventsCommand).callsFake(async (input) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({ EventId: 'e' })),
  }));
  hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
  const times: number[] = [];
  let result = { findings: 0, written: 0 };
  const silent = { write: () => true } as unknown as NodeJS.WriteStream;
  const realWrite = process.stdout.write.bind(process.stdout);
  for (let run = 0; run < runs; run++) {
    const { audit, profile } = await db.createTables();
    const logger = new Logger({ serviceName: 'bench', logLevel: 'WARN' });
    const metrics = new Metrics({ namespace: 'AAD', serviceName: 'bench' });
    const handler = createEnrichmentHandler({
      service: new EnrichmentService({
        s3: new S3Client({}),
        audit: new AuditTable(db.doc, audit),
        events: new (await import('../../src/publish')).FindingEventPublisher(new EventBridgeClient({}), 'bus'),
        securityHub: new (await import('../../src/publish')).SecurityHubPublisher(
          new SecurityHubClient({}),
          ENRICHMENT_ENV.SECURITY_HUB_PRODUCT_ARN,
        ),
        engine: async () => fakeEngine(),
        ledger: new IngestionLedger(db.doc, profile),
        logger,
        metrics,
        settings: { alertThreshold: 70, minScore: 40, ttlDays: 180 },
      }),
      dlq: new DeadLetterQueue(new SQSClient({}), ENRICHMENT_ENV.DEAD_LETTER_QUEUE_URL),
      maxReceiveCount: 3,
      rawLogBucket: RAW_BUCKET,
      logger,
      metrics,
    });
    process.stdout.write = silent.write;
    const t0 = performance.now();
    const response = (await handler(sqsEvent(sqsRecord(KEY)))) as SQSBatchResponse;
    times.push(performance.now() - t0);
    process.stdout.write = realWrite;
    if (response.batchItemFailures.length > 0) throw new Error('bench enrichment failed');
    result = { findings: records.length / 100 + records.length / 50, written: 0 };
  }
  await db.stop();
  return { ms: median(times), ...result };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const reports = bundleHandlers();
  for (const r of reports) {
    rows.push({
      metric: `bundle ${r.handler} (minified, SDK included)`,
      value: r.bytes / 1024 / 1024,
      unit: 'MiB',
      ...(r.handler === 'enrichment' ? { target: 1.5 } : {}),
    });
  }
  const envs: Record<string, Record<string, string>> = {
    enrichment: { ...ENRICHMENT_ENV },
    reconciler: { ...RECONCILER_ENV },
    'retrain-trigger': { ...RETRAIN_ENV },
  };
  for (const r of reports) {
    rows.push({
      metric: `cold start ${r.handler} (import + clients)`,
      value: coldStartMs(r.outfile, envs[r.handler]),
      unit: 'ms',
      target: 200,
    });
  }
  const e = await enrichmentMs(10_000);
  rows.push({
    metric: 'enrichment of a 10,000-event file (dynalite; stand-in scorer)',
    value: e.ms,
    unit: 'ms',
    target: 1500,
  });
  rows.push({ metric: '  findings written per run', value: e.findings, unit: 'findings' });

  const width = Math.max(...rows.map((r) => r.metric.length));
  process.stdout.write(`${'metric'.padEnd(width)}  ${'value'.padStart(10)}  unit      target  ok\n`);
  for (const r of rows) {
    const ok = r.target === undefined ? '' : r.value < r.target ? 'yes' : 'NO';
    process.stdout.write(
      `${r.metric.padEnd(width)}  ${r.value.toFixed(r.unit === 'MiB' ? 3 : 1).padStart(10)}  ${r.unit.padEnd(8)}  ${String(r.target ?? '').padStart(6)}  ${ok}\n`,
    );
  }
  const dir = join(__dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'runtimes.json'),
    `${JSON.stringify({ package: '@aad/runtimes', node: process.version, at: new Date().toISOString(), rows }, null, 2)}\n`,
  );
  process.stdout.write(`wrote ${join(dir, 'runtimes.json')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
