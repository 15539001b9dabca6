import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchMetric, BenchSuite, metric } from './bench-suite';
import { extractEntities } from '../entities/extract';
import { LogRecord } from '../logs/log-record';
import { readLogBatches, readLogs } from '../logs/read-logs';
import { NerTagger } from '../ner/tagger';
import { generateCloudTrailEvents } from '../synthetic/cloudtrail-generator';
import { deriveSeed } from '../synthetic/rng';
import { generateTextLines } from '../synthetic/text-generator';
import { buildWorld, SimulatedWorld } from '../synthetic/world';

const SEED = 4242;
/** Size of the streamed file with `--stream` (bytes). */
const STREAM_BYTES = 1e9;

/** Wall-clock and CPU seconds of one timed run. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(body: () => Promise<void> | void): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await body();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** Best (smallest) wall and CPU time over rounds. */
function best(timings: readonly Timing[]): Timing {
  return {
    wall: Math.min(...timings.map((t) => t.wall)),
    cpu: Math.min(...timings.map((t) => t.cpu)),
  };
}

function rate(n: number, seconds: number): string {
  return Math.round(n / seconds)
    .toLocaleString('en-US')
    .padStart(10);
}

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/**
 * Extraction benchmarks:
 * - CloudTrail: parse + extract against `JSON.parse` alone over the same
 *   bytes, in the same process, rounds interleaved, best of each (wall clock
 *   for the ratio; CPU time shown too). Paths: JSON Lines and a Records file
 *   through {@link readLogBatches}, and JSON Lines through {@link readLogs}
 *   (one record per step).
 * - Free text: lines per second of extraction with the tagger, each round on
 *   fresh lines (new ids, so the tagger's caches see misses as in real logs).
 * - Streaming (`--stream`, always in quick mode at 3 MB): a ~1 GB Records
 *   file generated into the scratch folder, streamed through `aad extract` in
 *   a child process; its peak RSS.
 */
export const extractionBench: BenchSuite = {
  name: 'extraction',
  summary: 'parse+extract vs JSON.parse, free-text tagging rate, streaming peak RSS (1 GB with --stream)',
  async run({ quick, tmpDir, log, args = [] }) {
    log(`load average ${load()} on ${cpus().length} cores, node ${process.version}`);
    const world = buildWorld(SEED);
    const metrics: BenchMetric[] = [];
    const corpus = cloudTrailCorpus(world, quick ? 1_000 : 200_000);
    metrics.push(...(await cloudTrailBench(corpus, quick ? 1 : 3, log)));
    metrics.push(...textBench(world, quick, log));
    const stream = quick || args.includes('--stream');
    if (stream) {
      metrics.push(...streamBench(corpus.records, quick ? 3e6 : STREAM_BYTES, tmpDir, log));
    } else {
      log(`Streaming: skipped (takes about a minute: run with --stream for the ${STREAM_BYTES / 1e9} GB peak RSS)`);
    }
    log(`load average ${load()} at the end`);
    return { suite: 'extraction', metrics };
  },
};

interface CloudTrailCorpus {
  readonly events: number;
  /** One event per line. */
  readonly jsonl: Buffer;
  /** The same events as a `{"Records":[…]}` file. */
  readonly records: Buffer;
}

function cloudTrailCorpus(world: SimulatedWorld, events: number): CloudTrailCorpus {
  const lines: string[] = [];
  for (const g of generateCloudTrailEvents(world, { events, seed: deriveSeed(SEED, 'cloudtrail') })) {
    lines.push(JSON.stringify(g.event));
  }
  return {
    events,
    jsonl: Buffer.from(`${lines.join('\n')}\n`),
    records: Buffer.from(`{"Records":[${lines.join(',')}]}`),
  };
}

async function extractAll(batches: AsyncIterable<LogRecord[]>): Promise<number> {
  let mentions = 0;
  for await (const batch of batches) for (const record of batch) mentions += extractEntities(record).length;
  return mentions;
}

async function cloudTrailBench(
  corpus: CloudTrailCorpus,
  rounds: number,
  log: (line: string) => void,
): Promise<BenchMetric[]> {
  const { events, jsonl, records } = corpus;
  const runs = { parse: [] as Timing[], jsonl: [] as Timing[], records: [] as Timing[], perRecord: [] as Timing[] };
  let mentions = 0;
  for (let round = 0; round < rounds; round++) {
    runs.parse.push(
      await timed(() => {
        let parsed = 0;
        let start = 0;
        for (let nl = jsonl.indexOf(10, start); nl >= 0; nl = jsonl.indexOf(10, start)) {
          JSON.parse(jsonl.toString('utf8', start, nl));
          parsed++;
          start = nl + 1;
        }
        if (parsed !== events) throw new Error(`parsed ${parsed} of ${events}`);
      }),
    );
    runs.jsonl.push(
      await timed(async () => {
        mentions = await extractAll(readLogBatches({ source: 'bench.jsonl', data: jsonl }));
      }),
    );
    runs.records.push(
      await timed(async () => {
        const found = await extractAll(readLogBatches({ source: 'bench.json', data: records }));
        if (found !== mentions) throw new Error(`Records file gave ${found} mentions, JSON Lines ${mentions}`);
      }),
    );
    runs.perRecord.push(
      await timed(async () => {
        for await (const record of readLogs({ source: 'bench.jsonl', data: jsonl })) extractEntities(record);
      }),
    );
    log(
      `  round ${round + 1}: JSON.parse ${runs.parse[round].wall.toFixed(2)} s, JSON Lines ${runs.jsonl[round].wall.toFixed(2)} s, Records ${runs.records[round].wall.toFixed(2)} s, readLogs ${runs.perRecord[round].wall.toFixed(2)} s (load ${load()})`,
    );
  }
  const parse = best(runs.parse);
  const paths = { jsonl: best(runs.jsonl), records: best(runs.records), perRecord: best(runs.perRecord) };
  const mb = jsonl.length / 1e6;
  log(`CloudTrail: ${events} events, ${mb.toFixed(0)} MB, ${mentions} mentions; best of ${rounds} rounds`);
  log(`  ${'path'.padEnd(40)} ${'events/s'.padStart(10)}  ${'MB/s'.padStart(5)}  ratio (wall)  ratio (CPU)`);
  const row = (name: string, t: Timing): void =>
    log(
      `  ${name.padEnd(40)} ${rate(events, t.wall)}  ${(mb / t.wall).toFixed(0).padStart(5)}  ${(parse.wall / t.wall).toFixed(3).padStart(12)}  ${(parse.cpu / t.cpu).toFixed(3).padStart(11)}`,
    );
  row('JSON.parse only (per line)', parse);
  row('readLogBatches + extract, JSON Lines', paths.jsonl);
  row('readLogBatches + extract, Records file', paths.records);
  row('readLogs + extract, JSON Lines', paths.perRecord);
  log(`  target: parse + extract >= 0.5 x JSON.parse`);
  const ratio = (t: Timing): number => Math.round((parse.wall / t.wall) * 1000) / 1000;
  return [
    metric('cloudtrail.events', events, 'events'),
    metric('cloudtrail.mentions', mentions, 'mentions'),
    metric('cloudtrail.json_parse_events_per_s', Math.round(events / parse.wall), 'events/s'),
    metric('cloudtrail.extract_jsonl_events_per_s', Math.round(events / paths.jsonl.wall), 'events/s'),
    metric('cloudtrail.extract_records_events_per_s', Math.round(events / paths.records.wall), 'events/s'),
    metric('cloudtrail.extract_readlogs_events_per_s', Math.round(events / paths.perRecord.wall), 'events/s'),
    metric('cloudtrail.extract_vs_json_parse', ratio(paths.jsonl), 'ratio', { min: 0.5 }),
    metric('cloudtrail.records_extract_vs_json_parse', ratio(paths.records), 'ratio', { min: 0.5 }),
    metric('cloudtrail.readlogs_extract_vs_json_parse', ratio(paths.perRecord), 'ratio'),
    metric('cloudtrail.extract_vs_json_parse_cpu', Math.round((parse.cpu / paths.jsonl.cpu) * 1000) / 1000, 'ratio'),
  ];
}

function textBench(world: SimulatedWorld, quick: boolean, log: (line: string) => void): BenchMetric[] {
  const tagger = NerTagger.load();
  const linesPerRound = quick ? 500 : 100_000;
  const rounds = quick ? 1 : 3;
  const textOf = (seed: string, lines: number): string[] =>
    [...generateTextLines(world, { lines, seed: deriveSeed(SEED, seed) })].map((l) => l.text);
  const extract = (lines: readonly string[]): number => {
    let mentions = 0;
    for (let i = 0; i < lines.length; i++) {
      const record: LogRecord = { kind: 'text', text: lines[i], log_id: '', location: { source: 'bench', line: i } };
      mentions += extractEntities(record, { tagger }).length;
    }
    return mentions;
  };
  extract(textOf('text-warmup', quick ? 200 : 5_000));
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const lines = textOf(`text-${round}`, linesPerRound);
    const t0 = process.hrtime.bigint();
    extract(lines);
    rates.push(lines.length / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  const top = Math.max(...rates);
  log(
    `Free text: ${rounds} x ${linesPerRound} fresh lines with the tagger: ${rates.map((r) => Math.round(r).toLocaleString('en-US')).join(', ')} lines/s; best ${Math.round(top).toLocaleString('en-US')} (target >= 50,000)`,
  );
  return [metric('text.lines_per_s', Math.round(top), 'lines/s', { min: 50_000 })];
}

function streamBench(records: Buffer, target: number, tmpDir: string, log: (line: string) => void): BenchMetric[] {
  // A Records file of about `target` bytes: the corpus's records, repeated.
  const file = join(tmpDir, 'stream-trail.json');
  const body = records.subarray('{"Records":['.length, records.length - 2);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"Records":[');
    for (let written = 0; written < target; written += body.length + 1) {
      if (written > 0) writeSync(fd, ',');
      writeSync(fd, body);
    }
    writeSync(fd, ']}');
  } finally {
    closeSync(fd);
  }
  const size = statSync(file).size;
  const main = join(__dirname, '..', 'cli', 'main.js');
  const script = [
    `const io = { stdin: process.stdin, stdout: require('fs').createWriteStream('/dev/null'), stderr: process.stderr, env: {}, cwd: process.cwd(), stderrIsTTY: false };`,
    `require(${JSON.stringify(main)}).main(['extract', ${JSON.stringify(file)}], io).then((code) => {`,
    `  process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code; });`,
  ].join('\n');
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(file, { force: true });
  const rss = Number(/MAXRSS (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024;
  const summary = /^\d+ records.*$/m.exec(child.stderr)?.[0] ?? child.stderr.trim().split('\n').pop();
  log(
    `Streaming: ${(size / 1e6).toFixed(0)} MB Records file through 'aad extract' (tagger on) in ${seconds.toFixed(1)} s (${(size / 1e6 / seconds).toFixed(0)} MB/s), peak RSS ${rss.toFixed(0)} MB (target < 300), exit ${child.status}: ${summary}`,
  );
  if (child.status !== 0) throw new Error(`aad extract exited ${child.status}: ${child.stderr.slice(-2000)}`);
  return [
    metric('stream.input_mb', Math.round(size / 1e6), 'MB'),
    metric('stream.seconds', Math.round(seconds * 10) / 10, 's'),
    metric('stream.mb_per_s', Math.round(size / 1e6 / seconds), 'MB/s'),
    metric('stream.peak_rss_mb', Math.round(rss), 'MB', { max: 300 }),
  ];
}
