import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FINDINGS_TABLE_HEADER, findingTableRows } from './detect';
import { intOption } from './generate';
import { AnomalyDetector } from '../../anomaly/anomaly-detector';
import { toEventView } from '../../anomaly/event-view';
import { Finding } from '../../anomaly/finding';
import { BaselineProfile } from '../../anomaly/profile/baseline-profile';
import { UsageError } from '../../errors';
import { scoreDetection, syntheticStream } from '../../eval/detect-synthetic';
import { CloudTrailRecord } from '../../logs/cloudtrail-record';
import { Command } from '../command';
import { CliIo, ExitCode, println } from '../io';

/** The sample shipped with the package (see samples/README.md). */
export const SAMPLE_CLOUDTRAIL = join(__dirname, '..', '..', '..', 'samples', 'cloudtrail-sample.jsonl');

const DAY = 86_400_000;

/** The highest-scored findings, at most `perEntity` per entity so that different stories show. */
function printTop(io: CliIo, findings: readonly Finding[], top: number, perEntityLimit = top): void {
  const ranked = [...findings].sort((a, b) => b.risk_score - a.risk_score || (a.event_time < b.event_time ? -1 : 1));
  const perEntity = new Map<string, number>();
  const shown: Finding[] = [];
  for (const f of ranked) {
    const n = perEntity.get(f.entity_id) ?? 0;
    if (n >= perEntityLimit) continue;
    perEntity.set(f.entity_id, n + 1);
    shown.push(f);
    if (shown.length >= top) break;
  }
  println(io.stdout, FINDINGS_TABLE_HEADER);
  for (const f of shown) println(io.stdout, findingTableRows(f).join('\n'));
  if (ranked.length > shown.length) {
    const limited = perEntityLimit < top ? ` (at most ${perEntityLimit} per entity shown)` : '';
    println(io.stdout, `… ${ranked.length - shown.length} more findings${limited}`);
  }
}

/** Runs the detector on a file (no baseline: it learns from the file itself). */
function demoFile(io: CliIo, file: string, top: number): number {
  const detector = new AnomalyDetector();
  const findings: Finding[] = [];
  let lineNo = 0;
  let rejected = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    lineNo++;
    if (line.trim() === '') continue;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch (error) {
      rejected++;
      println(io.stderr, `${file}:${lineNo}: rejected: not JSON (${(error as Error).message.slice(0, 80)})`);
      continue;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      rejected++;
      println(io.stderr, `${file}:${lineNo}: rejected: not a JSON object`);
      continue;
    }
    findings.push(...detector.observeJson(event as Record<string, unknown>));
  }
  findings.push(...detector.flush());
  println(
    io.stdout,
    `${detector.stats.events} events from ${file}, ${findings.length} findings (no baseline: learned from the file)\n`,
  );
  printTop(io, findings, top);
  if (rejected > 0) println(io.stderr, `${rejected} record(s) rejected`);
  return rejected > 0 ? ExitCode.PARTIAL : ExitCode.OK;
}

/**
 * Simulates an organisation for four days, learns a baseline from the first
 * three, then scores the fourth day, into which every attack scenario was
 * injected, and prints the top findings.
 */
function demoSimulated(io: CliIo, seed: number, top: number): number {
  const started = Date.now();
  const { events, labels } = syntheticStream({ seed, days: 4, accounts: 3, events: 12_000, perScenario: 1 });
  const start = Date.parse(String(events[0]?.eventTime ?? '2026-11-02T00:00:00Z'));
  const cut = Math.floor(start / DAY) * DAY + 3 * DAY;
  const profile = new BaselineProfile();
  const today: CloudTrailRecord[] = [];
  for (const e of events) {
    const view = toEventView(e);
    if (view.timeMs < cut) profile.observe(view);
    else today.push(e);
  }
  const detector = new AnomalyDetector({ profile });
  const findings: Finding[] = [];
  for (const e of today) findings.push(...detector.observe(e));
  findings.push(...detector.flush());
  const todayIds = new Set(today.map((e) => String(e.eventID)));
  const todayLabels = labels.filter((l) => todayIds.has(l.logId));
  const score = scoreDetection(today.length, todayLabels, findings, detector.minScore);
  const scenarios = score.perScenario.filter((s) => s.instancesDetected > 0).length;
  println(
    io.stdout,
    `Simulated organisation (seed ${seed}): ${profile.principals.size} principals learned from ${events.length - today.length} events ` +
      `of the first 3 days; day 4 has ${today.length} events, ${todayLabels.length} of them from ${score.perScenario.length} injected attack scenarios.`,
  );
  println(
    io.stdout,
    `Detector: ${findings.length} findings at risk score >= ${detector.minScore}; ${scenarios}/${score.perScenario.length} scenarios flagged, ` +
      `precision ${score.precision}, recall ${score.recall} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  printTop(io, findings, top, 2);
  println(io.stdout, '\nInjected attack scenarios (events flagged / events):');
  for (const row of score.perScenario) {
    println(io.stdout, `  ${row.scenario.padEnd(28)} ${String(row.detected).padStart(3)} / ${row.events}`);
  }
  println(
    io.stdout,
    `\nOn your own logs: aad detect FILES… --format table  (learn a baseline first with aad profile build)`,
  );
  return ExitCode.OK;
}

/** `aad demo`: the detector on a simulated day with attacks, or on a file. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Detect attacks in a simulated day of CloudTrail logs and print the top findings (no AWS, no config)',
  help: `Usage: aad demo [--seed N] [--top N]
       aad demo --input FILE | --sample [--top N]

Without options: simulates an organisation (accounts, people, workloads and
their habits) for four days, learns a baseline from the first three, injects
every attack scenario into the fourth, scores that day and prints the top
findings with their reasons as a table. Runs in seconds, needs nothing but Node.

Options:
  --seed N       seed of the simulation (default 7)
  --top N        findings to print (default 12)
  --input FILE   score a CloudTrail JSON Lines file instead (no baseline: learned from the file)
  --sample       score the bundled 12-event sample (samples/cloudtrail-sample.jsonl)

Exit codes: 0 done, 3 some records of --input were rejected, 2 usage error.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        input: { type: 'string' },
        sample: { type: 'boolean' },
        seed: { type: 'string' },
        top: { type: 'string' },
      },
      strict: true,
    });
    const top = intOption('top', values.top, 12, 1);
    if (values.input || values.sample) {
      const file = values.input ? resolve(io.cwd, values.input) : SAMPLE_CLOUDTRAIL;
      if (!existsSync(file)) throw new UsageError(`no such file: ${values.input ?? file}`);
      return demoFile(io, file, top);
    }
    return demoSimulated(io, intOption('seed', values.seed, 7), top);
  },
};
