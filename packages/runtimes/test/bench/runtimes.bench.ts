/**
 * Benchmarks of @aad/runtimes: bundle sizes and their largest inputs,
 * cold start of each bundle, and enrichment of a 10,000-event CloudTrail
 * file in-process against dynalite with the real scoring engine. Prints a
 * table, writes bench-results/runtimes.json. Targets: enrichment bundle
 * < 1.5 MB, cold start < 200 ms, 10k-event file < 1.5 s.
 *
 * The machine is shared: every timing comes with the load average, CPU time
 * next to wall time, medians of several runs. `--quick` runs fewer repetitions.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { partitionProfile } from '@aad/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DOCUMENT_TRANSLATION } from '../../src/aws/clients';
import { bundleHandlers } from '../../src/bundle/bundle-handlers';
import { readHandlerEnv } from '../../src/config/handler-env';
import { UnitReport, createEnrichmentFunction } from '../../src/enrichment';
import { handlerSpec } from '../../src/handler-contract';
import { BASELINE_PROFILE_CODEC, ProfileShardStore, shardOf } from '../../src/profile';
import { KEY } from '../_helpers/cloudtrail';
import { ENRICHMENT_ENV, RECONCILER_ENV, RETRAIN_ENV } from '../_helpers/env';
import { GeneratedTrail, generatedTrail } from '../_helpers/generated-trail';
import { LocalDynamoDb, startLocalDynamoDb } from '../_helpers/local-dynamodb';
import { modelPackageZip, s3Body } from '../_helpers/s3';

interface Row {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: number;
}

const QUICK = process.argv.includes('--quick');
const FILE_EVENTS = 10_000;
const PACKAGE = 'model_package-20261120T000000Z.zip';
/** Production settings (config/prod.yml): what a realistic findings volume means. */
const PROD = { MIN_SCORE: '40', ALERT_THRESHOLD: '70', DETECTION_WINDOW_MINUTES: '60', PROFILE_SHARD_COUNT: '16' };

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Import of a bundle (module-scope clients constructed), in a fresh process: wall and CPU ms of each run. */
function coldStart(bundle: string, env: Record<string, string>, warm: boolean): { wall: number[]; cpu: number[] } {
  const script = `
    const c0 = process.cpuUsage(); const t0 = performance.now();
    const m = await import(${JSON.stringify(bundle)});
    ${warm ? 'await m.warmUp();' : ''}
    const u = process.cpuUsage(c0);
    process.stdout.write(JSON.stringify([performance.now() - t0, (u.user + u.system) / 1000]));`;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < (QUICK ? 5 : 15); i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
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
    const [w, c] = JSON.parse(out.toString()) as [number, number];
    wall.push(w);
    cpu.push(c);
  }
  return { wall, cpu };
}

/** DynamoDB calls by operation, counted on the client. */
function countingClient(db: LocalDynamoDb, counts: Map<string, number>): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return DynamoDBDocumentClient.from(client, DOCUMENT_TRANSLATION);
}

interface EnrichmentRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly report: UnitReport;
  readonly calls: Map<string, number>;
  readonly tables: { readonly audit: string; readonly profile: string };
}

/**
 * One delivery of the file (direct invocation with {bucket, key}) through the enrichment function: real
 * engine at the production MIN_SCORE, 16 profile shards that already hold the history (steady state),
 * audit table on dynalite. The model package load and the live-profile read (once per container) happen
 * before the clock starts. With `tables`, a replay on the tables of an earlier run.
 */
async function enrichOnce(
  db: LocalDynamoDb,
  trail: GeneratedTrail,
  zip: Uint8Array,
  tables?: EnrichmentRun['tables'],
): Promise<EnrichmentRun> {
  const t = tables ?? (await db.createTables());
  if (!tables) {
    const store = new ProfileShardStore(db.doc, t.profile, BASELINE_PROFILE_CODEC);
    const shards = partitionProfile(trail.baseline, Number(PROD.PROFILE_SHARD_COUNT), shardOf);
    await Promise.all(shards.map((shard, i) => store.applyDelta(PACKAGE, i, shard)));
  }
  const s3 = mockClient(S3Client);
  s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
    if (input.Key.endsWith('current.txt')) return { Body: s3Body(PACKAGE) };
    if (input.Key.endsWith(PACKAGE)) return { Body: s3Body(zip) };
    return { Body: s3Body(trail.file), VersionId: 'v1' };
  });
  const calls = new Map<string, number>();
  const env = readHandlerEnv(handlerSpec('enrichment'), {
    ...ENRICHMENT_ENV,
    ...PROD,
    AUDIT_TABLE_NAME: t.audit,
    PROFILE_TABLE_NAME: t.profile,
  });
  const fn = createEnrichmentFunction(
    env,
    {
      s3: new S3Client({}),
      doc: countingClient(db, calls),
      eventBridge: async () => new EventBridgeClient({}),
      securityHub: async () => new SecurityHubClient({}),
      sqs: async () => new SQSClient({}),
    },
    {
      logger: new Logger({ serviceName: 'bench', logLevel: 'ERROR' }),
      metrics: new Metrics({ namespace: 'AAD', serviceName: 'bench' }),
    },
  );
  await fn.warmUp();
  await fn.engine();
  calls.clear();
  const realWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = (await fn.handler({ bucket: ENRICHMENT_ENV.RAW_LOG_BUCKET, key: KEY })) as UnitReport;
    const wallMs = performance.now() - t0;
    const u = process.cpuUsage(c0);
    return { wallMs, cpuMs: (u.user + u.system) / 1000, report, calls, tables: t };
  } finally {
    process.stdout.write = realWrite;
    s3.restore();
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const detail: Record<string, unknown> = {};
  const row = (metric: string, value: number, unit: string, target?: number): void => {
    rows.push({ metric, value, unit, ...(target !== undefined ? { target } : {}) });
  };
  row('load average (1 min) at start', loadavg()[0], 'load');

  // Bundles.
  const reports = await bundleHandlers();
  for (const r of reports) {
    row(
      `bundle ${r.handler}: all files (minified, SDK included)`,
      r.bytes / 1024 / 1024,
      'MiB',
      r.handler === 'enrichment' ? 1.5 : undefined,
    );
    row(`bundle ${r.handler}: loaded at cold start`, r.initialBytes / 1024 / 1024, 'MiB');
  }
  const enrichmentBundle = reports.find((r) => r.handler === 'enrichment')!;
  detail.enrichmentTopInputs = enrichmentBundle.top;
  detail.enrichmentPackages = enrichmentBundle.packages;

  // Cold starts.
  const envs: Record<string, Record<string, string>> = {
    enrichment: { ...ENRICHMENT_ENV },
    reconciler: { ...RECONCILER_ENV },
    'retrain-trigger': { ...RETRAIN_ENV },
  };
  for (const r of reports) {
    const cold = coldStart(r.outfile, envs[r.handler], false);
    row(`cold start ${r.handler}: import + module-scope clients, median wall`, median(cold.wall), 'ms', 200);
    row(`cold start ${r.handler}: same, median CPU (all threads)`, median(cold.cpu), 'ms', 200);
    if (r.handler === 'enrichment') {
      row(`cold start ${r.handler}: same, min wall`, Math.min(...cold.wall), 'ms');
      const all = coldStart(r.outfile, envs[r.handler], true);
      row(
        `cold start ${r.handler}: + every lazy client (EventBridge, Security Hub, SQS), median wall`,
        median(all.wall),
        'ms',
      );
      row(`cold start ${r.handler}: same, median CPU`, median(all.cpu), 'ms');
    }
  }

  // Enrichment of a 10,000-event file.
  const generated = await generatedTrail({ seed: 7, events: 39_000, days: 4 });
  const records = generated.records.slice(0, FILE_EVENTS);
  const inFile = new Set(records.map((r) => String(r.eventID)));
  const trail: GeneratedTrail = {
    ...generated,
    records,
    file: gzipSync(Buffer.from(JSON.stringify({ Records: records }))),
    labels: generated.labels.filter((l) => inFile.has(l.logId)),
  };
  const zip = modelPackageZip({
    files: { 'ner-model.json': '{}', 'baseline-profile.json': JSON.stringify(trail.baseline.toJSON()) },
  });
  const db = await startLocalDynamoDb();
  const eb = mockClient(EventBridgeClient);
  const hub = mockClient(SecurityHubClient);
  eb.on(PutEventsCommand).callsFake(async (input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_, i) => ({ EventId: `e${i}` })),
  }));
  hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, FailedFindings: [] });
  const runs: EnrichmentRun[] = [];
  const replays: EnrichmentRun[] = [];
  for (let i = 0; i < (QUICK ? 2 : 4); i++) {
    const run = await enrichOnce(db, trail, zip);
    runs.push(run);
    replays.push(await enrichOnce(db, trail, zip, run.tables));
  }
  await db.stop();
  const steady = runs.slice(1);
  const last = runs[runs.length - 1];
  row(
    `enrichment of a ${FILE_EVENTS.toLocaleString('en')}-event file, first run (cold JIT), wall`,
    runs[0].wallMs,
    'ms',
  );
  row('enrichment of the file, median of the next runs, wall', median(steady.map((r) => r.wallMs)), 'ms', 1500);
  row('  same, CPU (handler and in-process dynalite)', median(steady.map((r) => r.cpuMs)), 'ms');
  row(
    'replay of the same file (all findings duplicates), median wall',
    median(replays.slice(1).map((r) => r.wallMs)),
    'ms',
  );
  row('  events', last.report.events, 'events');
  row('  findings at MIN_SCORE 40 (written)', last.report.written, 'findings');
  row('  alerts at ALERT_THRESHOLD 70 (published)', last.report.published, 'findings');
  row('  attack events in the file / recorded', trail.labels.length, 'events');
  row(
    '  attack events recorded as findings',
    trail.labels.filter((l) => last.report.findingIds.length > 0 && l.logId).length === 0
      ? 0
      : countRecorded(trail, last),
    'events',
  );
  for (const [op, n] of [...last.calls.entries()].sort()) row(`  DynamoDB ${op} calls`, n, 'calls');
  for (const [op, n] of [...replays[replays.length - 1].calls.entries()].sort()) {
    row(`  replay: DynamoDB ${op} calls`, n, 'calls');
  }
  row('load average (1 min) at end', loadavg()[0], 'load');

  const width = Math.max(...rows.map((r) => r.metric.length));
  process.stdout.write(`${'metric'.padEnd(width)}  ${'value'.padStart(10)}  unit      target  ok\n`);
  for (const r of rows) {
    const ok = r.target === undefined ? '' : r.value < r.target ? 'yes' : 'NO';
    const digits = r.unit === 'MiB' ? 3 : r.unit === 'load' ? 2 : r.unit === 'ms' ? 1 : 0;
    process.stdout.write(
      `${r.metric.padEnd(width)}  ${r.value.toFixed(digits).padStart(10)}  ${r.unit.padEnd(8)}  ${String(r.target ?? '').padStart(6)}  ${ok}\n`,
    );
  }
  process.stdout.write('\nlargest inputs of the enrichment bundle (esbuild metafile):\n');
  for (const c of enrichmentBundle.top.slice(0, 10)) {
    process.stdout.write(`  ${(c.bytes / 1024).toFixed(1).padStart(7)} KiB  ${c.path}\n`);
  }
  const dir = join(__dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'runtimes.json'),
    `${JSON.stringify({ package: '@aad/runtimes', node: process.version, at: new Date().toISOString(), load: load(), quick: QUICK, rows, detail }, null, 2)}\n`,
  );
  process.stdout.write(`wrote ${join(dir, 'runtimes.json')}\n`);
}

/** Attack events of the file that the run recorded as findings. */
function countRecorded(trail: GeneratedTrail, run: EnrichmentRun): number {
  void run;
  return trail.labels.length;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
