import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BenchSuite, metric } from './bench-suite';
import { extractEntities } from '../entities/extract';
import { readLogs } from '../logs/read-logs';
import { NerTagger } from '../ner/tagger';
import { tokenize } from '../ner/tokenizer';
import { generateCloudTrailEvents } from '../synthetic/cloudtrail-generator';
import { deriveSeed } from '../synthetic/rng';
import { generateTextLines } from '../synthetic/text-generator';
import { buildWorld } from '../synthetic/world';

const SEED = 4242;

function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * Extraction benchmarks: parse + extract against JSON.parse alone over the
 * same bytes (same process), free-text tagging rate, and peak RSS while a
 * 1 GB CloudTrail file streams through `aad extract` in a child process.
 */
export const extractionBench: BenchSuite = {
  name: 'extraction',
  summary: 'parse+extract vs JSON.parse, free-text tagging rate, 1 GB streaming RSS',
  async run({ quick, tmpDir, log }) {
    const world = buildWorld(SEED);
    const events = quick ? 1_000 : 200_000;
    const lines: string[] = [];
    for (const g of generateCloudTrailEvents(world, { events, seed: deriveSeed(SEED, 'cloudtrail') })) {
      lines.push(JSON.stringify(g.event));
    }
    const jsonl = Buffer.from(`${lines.join('\n')}\n`);
    const records = Buffer.from(`{"Records":[${lines.join(',')}]}`);
    lines.length = 0;
    const mb = jsonl.length / 1e6;

    // Warm up both paths, then alternate rounds and keep the best of each.
    let parseBest = Infinity;
    let extractBest = Infinity;
    let recordsBest = Infinity;
    let mentions = 0;
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      let t = now();
      let start = 0;
      let parsed = 0;
      for (let nl = jsonl.indexOf(10, start); nl >= 0; nl = jsonl.indexOf(10, start)) {
        JSON.parse(jsonl.toString('utf8', start, nl));
        parsed++;
        start = nl + 1;
      }
      parseBest = Math.min(parseBest, now() - t);
      t = now();
      mentions = 0;
      for await (const record of readLogs({ source: 'bench.jsonl', data: jsonl })) {
        mentions += extractEntities(record).length;
      }
      extractBest = Math.min(extractBest, now() - t);
      t = now();
      for await (const record of readLogs({ source: 'bench.json', data: records })) extractEntities(record);
      recordsBest = Math.min(recordsBest, now() - t);
      if (parsed !== events) throw new Error(`parsed ${parsed} of ${events}`);
    }
    const parseRate = events / parseBest;
    const extractRate = events / extractBest;
    const ratio = extractRate / parseRate;
    log(`CloudTrail: ${events} events, ${mb.toFixed(0)} MB, ${mentions} mentions`);
    log(
      `  JSON.parse only          ${Math.round(parseRate).toLocaleString('en-US').padStart(10)} events/s  ${(mb / parseBest).toFixed(0)} MB/s`,
    );
    log(
      `  read + extract (JSONL)   ${Math.round(extractRate).toLocaleString('en-US').padStart(10)} events/s  ${(mb / extractBest).toFixed(0)} MB/s`,
    );
    log(
      `  read + extract (Records) ${Math.round(events / recordsBest)
        .toLocaleString('en-US')
        .padStart(10)} events/s`,
    );
    log(`  ratio extract / JSON.parse: ${ratio.toFixed(3)} (target >= 0.5)`);

    // Free text with the tagger.
    const tagger = NerTagger.load();
    const textLines = [
      ...generateTextLines(world, { lines: quick ? 500 : 100_000, seed: deriveSeed(SEED, 'text') }),
    ].map((l) => l.text);
    for (const line of textLines.slice(0, 1000)) tagger.tag(tokenize(line));
    let t = now();
    for (let i = 0; i < textLines.length; i++) {
      extractEntities(
        { kind: 'text', text: textLines[i], log_id: '', location: { source: 'bench', line: i } },
        { tagger },
      );
    }
    const textRate = textLines.length / (now() - t);
    log(
      `Free text: ${textLines.length} lines, ${Math.round(textRate).toLocaleString('en-US')} lines/s with the tagger (target >= 50,000)`,
    );

    // 1 GB Records file streamed by `aad extract` in a child process.
    const target = quick ? 3e6 : 1e9;
    const file = join(tmpDir, 'big-trail.json');
    const fd = openSync(file, 'w');
    writeSync(fd, '{"Records":[');
    const body = records.subarray('{"Records":['.length, records.length - 2);
    let written = 0;
    t = now();
    while (written < target) {
      if (written > 0) writeSync(fd, ',');
      writeSync(fd, body);
      written += body.length + 1;
    }
    writeSync(fd, ']}');
    closeSync(fd);
    const size = statSync(file).size;
    const main = join(__dirname, '..', 'cli', 'main.js');
    t = now();
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(main)}).main(['extract', ${JSON.stringify(file)}, '--no-tagger'], { stdin: process.stdin, stdout: require('fs').createWriteStream('/dev/null'), stderr: process.stderr, env: {}, cwd: process.cwd(), stderrIsTTY: false }).then((c) => { process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = c; })`,
      ],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 },
    );
    const seconds = now() - t;
    const rss = Number(/MAXRSS (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024;
    log(
      `Streaming: ${(size / 1e6).toFixed(0)} MB Records file through 'aad extract' in ${seconds.toFixed(1)} s (${(size / 1e6 / seconds).toFixed(0)} MB/s), peak RSS ${rss.toFixed(0)} MB (target < 300), exit ${child.status}`,
    );

    return {
      suite: 'extraction',
      metrics: [
        metric('cloudtrail.events', events, 'events'),
        metric('cloudtrail.json_parse_events_per_s', Math.round(parseRate), 'events/s'),
        metric('cloudtrail.extract_events_per_s', Math.round(extractRate), 'events/s'),
        metric('cloudtrail.extract_vs_json_parse', Math.round(ratio * 1000) / 1000, 'ratio', { min: 0.5 }),
        metric('text.lines_per_s', Math.round(textRate), 'lines/s', { min: 50_000 }),
        metric('stream.input_mb', Math.round(size / 1e6), 'MB'),
        metric('stream.peak_rss_mb', Math.round(rss), 'MB', { max: 300 }),
        metric('stream.mb_per_s', Math.round(size / 1e6 / seconds), 'MB/s'),
      ],
    };
  },
};
