import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchMetric, BenchSuite, CHILD_PEAK_RSS_KIB_EXPRESSION, metric } from './bench-suite';
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

async function timed(body: () => Promise<void>): Promise<Timing> {
  const start = clock();
  await body();
  return since(start);
}

function timedSync(body: () => void): Timing {
  const start = clock();
  body();
  return since(start);
}

function clock(): { readonly t0: bigint; readonly cpu0: NodeJS.CpuUsage } {
  return { t0: process.hrtime.bigint(), cpu0: process.cpuUsage() };
}

function since({ t0, cpu0 }: { readonly t0: bigint; readonly cpu0: NodeJS.CpuUsage }): Timing {
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
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
    const corpus = cloudTrailCorpus(world, quick ? 1_000 : 200_000, quick ? 500 : 20_000);
    metrics.push(...(await cloudTrailBench(corpus, quick ? 1 : 3, log)));
    metrics.push(...textBench(world, quick, log));
    const stream = quick || args.includes('--stream');
    if (stream) {
      metrics.push(...streamBench(corpus.slices, quick ? 3e6 : STREAM_BYTES, tmpDir, log));
    } else {
      log(`Streaming: skipped (takes about a minute: run with --stream for the ${STREAM_BYTES / 1e9} GB peak RSS)`);
    }
    log(`load average ${load()} at the end`);
    return { suite: 'extraction', metrics };
  },
};

/** The corpus in slices (each a JSON Lines buffer and a Records file of the same events). */
interface CloudTrailCorpus {
  readonly events: number;
  readonly bytes: number;
  readonly slices: readonly CorpusSlice[];
}

interface CorpusSlice {
  readonly events: number;
  /** One event per line. */
  readonly jsonl: Buffer;
  /** The same events as a `{"Records":[…]}` file. */
  readonly records: Buffer;
}

function cloudTrailCorpus(world: SimulatedWorld, events: number, sliceEvents: number): CloudTrailCorpus {
  const slices: CorpusSlice[] = [];
  let lines: string[] = [];
  const flush = (): void => {
    slices.push({
      events: lines.length,
      jsonl: Buffer.from(`${lines.join('\n')}\n`),
      records: Buffer.from(`{"Records":[${lines.join(',')}]}`),
    });
    lines = [];
  };
  for (const g of generateCloudTrailEvents(world, { events, seed: deriveSeed(SEED, 'cloudtrail') })) {
    lines.push(JSON.stringify(g.event));
    if (lines.length === sliceEvents) flush();
  }
  if (lines.length > 0) flush();
  return { events, bytes: slices.reduce((n, s) => n + s.jsonl.length, 0), slices };
}

async function extractAll(batches: AsyncIterable<LogRecord[]>): Promise<number> {
  let mentions = 0;
  for await (const batch of batches) for (const record of batch) mentions += extractEntities(record).length;
  return mentions;
}

/** The timed paths, in the order they run on each slice. */
const PATHS = ['parse', 'jsonl', 'records', 'perRecord'] as const;
type PathName = (typeof PATHS)[number];

async function runPath(path: PathName, slice: CorpusSlice, index: number): Promise<number> {
  switch (path) {
    case 'parse': {
      const { jsonl } = slice;
      let parsed = 0;
      let start = 0;
      for (let nl = jsonl.indexOf(10, start); nl >= 0; nl = jsonl.indexOf(10, start)) {
        JSON.parse(jsonl.toString('utf8', start, nl));
        parsed++;
        start = nl + 1;
      }
      if (parsed !== slice.events) throw new Error(`parsed ${parsed} of ${slice.events}`);
      return 0;
    }
    case 'jsonl':
      return extractAll(readLogBatches({ source: `bench-${index}.jsonl`, data: slice.jsonl }));
    case 'records':
      return extractAll(readLogBatches({ source: `bench-${index}.json`, data: slice.records }));
    case 'perRecord': {
      let mentions = 0;
      for await (const record of readLogs({ source: `bench-${index}.jsonl`, data: slice.jsonl })) {
        mentions += extractEntities(record).length;
      }
      return mentions;
    }
  }
}

/**
 * Every path on every slice, slice after slice, for `rounds` rounds; a
 * path's time is the sum over slices of its best round (wall clock and CPU
 * separately). Short, interleaved runs let the minimum filter out the
 * moments another process held the core, for every path alike.
 */
async function cloudTrailBench(
  corpus: CloudTrailCorpus,
  rounds: number,
  log: (line: string) => void,
): Promise<BenchMetric[]> {
  const { events, slices } = corpus;
  const bestOf = new Map<PathName, Timing[]>(
    PATHS.map((p) => [p, slices.map(() => ({ wall: Infinity, cpu: Infinity }))]),
  );
  const mentions = new Map<PathName, number>();
  for (let round = 0; round < rounds; round++) {
    const roundTotals = new Map<PathName, number>(PATHS.map((p) => [p, 0]));
    for (let i = 0; i < slices.length; i++) {
      for (const path of PATHS) {
        let found = 0;
        const t = await timed(async () => {
          found = await runPath(path, slices[i], i);
        });
        const best = bestOf.get(path) as Timing[];
        best[i] = { wall: Math.min(best[i].wall, t.wall), cpu: Math.min(best[i].cpu, t.cpu) };
        roundTotals.set(path, (roundTotals.get(path) ?? 0) + t.wall);
        if (round === 0) mentions.set(path, (mentions.get(path) ?? 0) + found);
      }
    }
    log(
      `  round ${round + 1}: ${PATHS.map((p) => `${p} ${(roundTotals.get(p) ?? 0).toFixed(2)} s`).join(', ')} (load ${load()})`,
    );
  }
  const total = (path: PathName): Timing => {
    const best = bestOf.get(path) as Timing[];
    return { wall: best.reduce((n, t) => n + t.wall, 0), cpu: best.reduce((n, t) => n + t.cpu, 0) };
  };
  const found = mentions.get('jsonl') ?? 0;
  for (const path of ['records', 'perRecord'] as const) {
    if (mentions.get(path) !== found) {
      throw new Error(`${path} gave ${mentions.get(path)} mentions, JSON Lines ${found}`);
    }
  }
  const parse = total('parse');
  const paths = { jsonl: total('jsonl'), records: total('records'), perRecord: total('perRecord') };
  const mb = corpus.bytes / 1e6;
  log(
    `CloudTrail: ${events} events, ${mb.toFixed(0)} MB, ${found} mentions; ${slices.length} slices, best of ${rounds} rounds per slice`,
  );
  log(`  ${'path'.padEnd(40)} ${'events/s'.padStart(10)} ${'events/CPU-s'.padStart(12)}  ratio (wall)  ratio (CPU)`);
  const row = (name: string, t: Timing): void =>
    log(
      `  ${name.padEnd(40)} ${rate(events, t.wall)} ${rate(events, t.cpu).padStart(12)}  ${(parse.wall / t.wall).toFixed(3).padStart(12)}  ${(parse.cpu / t.cpu).toFixed(3).padStart(11)}`,
    );
  row('JSON.parse only (per line)', parse);
  row('readLogBatches + extract, JSON Lines', paths.jsonl);
  row('readLogBatches + extract, Records file', paths.records);
  row('readLogs + extract, JSON Lines', paths.perRecord);
  log(`  target: parse + extract >= 0.5 x JSON.parse (gated on CPU time: other jobs share the cores)`);
  const ratio = (t: Timing, cpu: boolean): number =>
    Math.round((cpu ? parse.cpu / t.cpu : parse.wall / t.wall) * 1000) / 1000;
  return [
    metric('cloudtrail.events', events, 'events'),
    metric('cloudtrail.mentions', found, 'mentions'),
    metric('cloudtrail.parse_events_per_s', Math.round(events / parse.wall), 'events/s'),
    metric('cloudtrail.parse_events_per_cpu_s', Math.round(events / parse.cpu), 'events/CPU-s'),
    metric('cloudtrail.jsonl_events_per_s', Math.round(events / paths.jsonl.wall), 'events/s'),
    metric('cloudtrail.records_events_per_s', Math.round(events / paths.records.wall), 'events/s'),
    metric('cloudtrail.readlogs_events_per_s', Math.round(events / paths.perRecord.wall), 'events/s'),
    metric('cloudtrail.jsonl_vs_parse', ratio(paths.jsonl, true), 'CPU ratio', { min: 0.5 }),
    metric('cloudtrail.records_vs_parse', ratio(paths.records, true), 'CPU ratio', { min: 0.5 }),
    metric('cloudtrail.readlogs_vs_parse', ratio(paths.perRecord, true), 'CPU ratio'),
    metric('cloudtrail.jsonl_vs_parse_wall', ratio(paths.jsonl, false), 'ratio'),
    metric('cloudtrail.records_vs_parse_wall', ratio(paths.records, false), 'ratio'),
    metric('cloudtrail.readlogs_vs_parse_wall', ratio(paths.perRecord, false), 'ratio'),
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
  const cpuRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const lines = textOf(`text-${round}`, linesPerRound);
    const t = timedSync(() => void extract(lines));
    rates.push(lines.length / t.wall);
    cpuRates.push(lines.length / t.cpu);
  }
  const top = Math.max(...rates);
  const topCpu = Math.max(...cpuRates);
  const list = (xs: number[]): string => xs.map((r) => Math.round(r).toLocaleString('en-US')).join(', ');
  log(
    `Free text: ${rounds} x ${linesPerRound} fresh lines with the tagger: ${list(rates)} lines/s (wall), ${list(cpuRates)} lines/CPU-s; best ${Math.round(topCpu).toLocaleString('en-US')} lines per CPU-second (one core; target >= 50,000)`,
  );
  return [
    metric('text.lines_per_cpu_s', Math.round(topCpu), 'lines/CPU-s', { min: 50_000 }),
    metric('text.lines_per_s', Math.round(top), 'lines/s'),
  ];
}

function streamBench(
  slices: readonly CorpusSlice[],
  target: number,
  tmpDir: string,
  log: (line: string) => void,
): BenchMetric[] {
  // A Records file of about `target` bytes: the corpus's records, repeated.
  const file = join(tmpDir, 'stream-trail.json');
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"Records":[');
    let written = 0;
    for (let k = 0; written < target; k++) {
      const { records } = slices[k % slices.length];
      if (written > 0) writeSync(fd, ',');
      written += writeSync(fd, records, '{"Records":['.length, records.length - '{"Records":['.length - 2) + 1;
    }
    writeSync(fd, ']}');
  } finally {
    closeSync(fd);
  }
  const size = statSync(file).size;
  // The compiled CLI (from lib/bench or, under ts-jest, src/bench).
  const main = join(__dirname, '..', '..', 'lib', 'cli', 'main.js');
  const script = [
    `const io = { stdin: process.stdin, stdout: require('fs').createWriteStream('/dev/null'), stderr: process.stderr, env: {}, cwd: process.cwd(), stderrIsTTY: false };`,
    `require(${JSON.stringify(main)}).main(['extract', ${JSON.stringify(file)}], io).then((code) => {`,
    `  process.stderr.write('MAXRSS ' + ${CHILD_PEAK_RSS_KIB_EXPRESSION} + '\\n'); process.exitCode = code; });`,
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
