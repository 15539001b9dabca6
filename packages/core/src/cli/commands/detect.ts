import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  statSync,
  writeFileSync,
  WriteStream,
} from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnomalyDetector } from '../../anomaly/anomaly-detector';
import { Finding } from '../../anomaly/finding';
import { BaselineProfile } from '../../anomaly/profile/baseline-profile';
import { ProfileError, UsageError } from '../../errors';
import { LogKind, LogRecord, RejectedRecord, formatRejectedRecord } from '../../logs/log-record';
import { newReadStats, readLogBatches, ReadStats } from '../../logs/read-logs';
import { Command } from '../command';
import { BufferedOutput, CliIo, ExitCode, println } from '../io';

const KINDS = ['auto', 'cloudtrail', 'vpcflow', 'text'] as const;

/** Parses a window length: `60`, `90m`, `1h`, `2h` → minutes. */
export function parseWindow(value: string | undefined, fallback = 60): number {
  if (value === undefined) return fallback;
  const m = /^(\d+)\s*(m|min|h)?$/i.exec(value.trim());
  const minutes = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'h' ? 60 : 1) : NaN;
  if (!(minutes >= 1 && minutes <= 7 * 24 * 60)) {
    throw new UsageError(
      `\`--window\` must be minutes (e.g. 60, 90m) or hours (1h) between 1 min and 7 days, received ${value}`,
    );
  }
  return minutes;
}

/** Parses a number option within a range. */
export function numberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !(n >= min && n <= max)) {
    throw new UsageError(`\`--${name}\` must be a number from ${min} to ${max}, received ${value}`);
  }
  return n;
}

/** Reads a profile file, naming the file in errors. */
export function loadProfile(path: string): BaselineProfile {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`no such file: ${path}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProfileError(`${path}: not JSON (${(error as Error).message.slice(0, 120)})`);
  }
  try {
    return BaselineProfile.fromJSON(json);
  } catch (error) {
    throw new ProfileError(`${path}: ${(error as Error).message}`);
  }
}

/** Checks that every input exists (`-` is stdin). */
export function checkInputs(inputs: readonly string[], io: CliIo): void {
  for (const input of inputs) {
    if (input === '-') continue;
    const path = resolve(io.cwd, input);
    if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`no such file: ${input}`);
  }
}

/** Options shared by the commands that stream logs. */
export interface StreamOptions {
  readonly kind: LogKind | 'auto';
  readonly errors?: string;
  readonly label: string;
}

/**
 * Streams every record of the inputs to `onRecord`, reporting rejected
 * records (file, line or index, reason) on stderr or in the errors file, and
 * progress on a terminal. Returns the read counters.
 */
export async function streamInputs(
  inputs: readonly string[],
  io: CliIo,
  options: StreamOptions,
  onRecord: (record: LogRecord) => Promise<void> | void,
  progress: () => string,
): Promise<ReadStats> {
  let errorsFile: WriteStream | undefined;
  if (options.errors) errorsFile = createWriteStream(resolve(io.cwd, options.errors));
  const onReject = (r: RejectedRecord): void => {
    if (errorsFile) errorsFile.write(`${JSON.stringify(r)}\n`);
    else println(io.stderr, `rejected: ${formatRejectedRecord(r)}`);
  };
  const stats = newReadStats();
  const started = Date.now();
  let last = started;
  for (const input of inputs) {
    const path = input === '-' ? '-' : resolve(io.cwd, input);
    // Batches: one asynchronous step per decoded chunk, and per record only when `onRecord` has to wait (output back-pressure).
    const batches = readLogBatches(
      path === '-' ? '-' : { source: input, data: createReadStream(path, { highWaterMark: 1024 * 1024 }) },
      { kind: options.kind, onReject, stats, stdin: io.stdin },
    );
    for await (const batch of batches) {
      for (let i = 0; i < batch.length; i++) {
        const pending = onRecord(batch[i]);
        if (pending) await pending;
      }
      if (io.stderrIsTTY) {
        const now = Date.now();
        if (now - last > 1000 && now - started > 3000) {
          last = now;
          io.stderr.write(`\r${options.label} ${input}: ${stats.records} records, ${progress()}…`);
        }
      }
    }
  }
  if (errorsFile) await new Promise<void>((r) => errorsFile.end(() => r()));
  if (io.stderrIsTTY && Date.now() - started > 3000) io.stderr.write('\n');
  return stats;
}

function short(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `…${text.slice(text.length - width + 1)}`;
}

/** Header of the readable findings table. */
export const FINDINGS_TABLE_HEADER = `${'score'.padStart(5)} ${'severity'.padEnd(8)} ${'time'.padEnd(20)} ${'event'.padEnd(26)} ${'entity'.padEnd(60)} source`;

/** One finding as table lines: a summary line, one line per reason (up to `reasons`), and the action. */
export function findingTableRows(f: Finding, reasons = 3): string[] {
  const event = f.event?.event_name
    ? `${f.event.event_name}${f.event.error_code ? ` (${f.event.error_code})` : ''}`
    : '-';
  const head =
    `${f.risk_score.toFixed(1).padStart(5)} ${f.severity.padEnd(8)} ${short(f.event_time.replace(/\.\d{3}Z$/, 'Z'), 20)} ` +
    `${short(event, 26)} ${short(f.entity_id, 60)} ${f.event?.source_ip ?? ''}`;
  const lines = f.reasons.slice(0, reasons).map((r) => `      +${r.contribution.toFixed(1).padStart(4)}  ${r.message}`);
  if (f.reasons.length > reasons) lines.push(`      (${f.reasons.length - reasons} more reason(s) in the JSON output)`);
  if (f.recommended_action) lines.push(`      → ${f.recommended_action.kind} ${f.recommended_action.target}`);
  return [head, ...lines];
}

/** `aad detect`: scores logs and prints findings. */
export const detectCommand: Command = {
  name: 'detect',
  summary: 'Score logs for suspicious access and print findings (JSON Lines or a table)',
  help: `Usage: aad detect [FILES…|-] [options]

Streams each input (a path, or - for stdin; .gz detected by content; the kind
is detected per file like 'aad extract': CloudTrail files, JSON Lines, VPC
Flow Logs) and scores every record: detection-catalogue rules, rarity against
the baseline, volume (modified z-score per window) and sequence hints, combined
into a 0-100 risk score with reasons. GuardDuty findings in the input are
passed through; VPC flows from the internet to administration ports score 35
(an exposure signal, shown with --min-score 35 or lower).

Options:
  --profile FILE       baseline profile from 'aad profile build' (default: none,
                       learn online from the input itself)
  --window LEN         volume window: minutes (60, 90m) or hours (1h) (default: the
                       profile's, else 60 min)
  --min-score N        emit findings at or above this risk score (default 40)
  --format jsonl|table output format (default jsonl: one finding per line, see
                       schemas/finding.schema.json)
  --warmup-hours H     without --profile, the first H hours of event time are the
                       warm-up: only findings scoring 70 or more are emitted while
                       the baseline is learned (default 24; 0 disables it)
  --save-profile FILE  write the profile learned by the end of the run
  --kind KIND          force the input kind: auto, cloudtrail, vpcflow, text (default auto)
  --errors FILE        write rejected records there as JSON lines (default: stderr)

Without a profile the detector learns online: rarity needs history (smoothing
makes a value first seen in a short history barely surprising), volume needs 5
active windows of a principal, and the warm-up keeps first-seen habits quiet;
catalogue rules and threshold rules (AccessDenied storms, secret bursts, console
brute force) work from the first event.

A summary is printed on stderr; progress too when stderr is a terminal.
Exit codes: 0 every record parsed, 3 some records were rejected (reported with
file, line or record index and reason), 1 unreadable profile, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        profile: { type: 'string' },
        window: { type: 'string' },
        'min-score': { type: 'string' },
        format: { type: 'string' },
        'warmup-hours': { type: 'string' },
        'save-profile': { type: 'string' },
        kind: { type: 'string' },
        errors: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'table') {
      throw new UsageError(`\`--format\` must be jsonl or table, received ${format}`);
    }
    const kind = (values.kind ?? 'auto') as (typeof KINDS)[number];
    if (!KINDS.includes(kind)) {
      throw new UsageError(`\`--kind\` must be one of ${KINDS.join(', ')}, received ${values.kind}`);
    }
    const minScore = numberOption('min-score', values['min-score'], 40, 0, 100);
    const warmupHours =
      values['warmup-hours'] === undefined
        ? undefined
        : numberOption('warmup-hours', values['warmup-hours'], 24, 0, 24 * 365);
    const inputs = positionals.length > 0 ? positionals : ['-'];
    checkInputs(inputs, io);
    const profile = values.profile ? loadProfile(resolve(io.cwd, values.profile)) : undefined;
    const windowMinutes = values.window ? parseWindow(values.window) : undefined;
    if (profile && windowMinutes !== undefined && windowMinutes !== profile.windowMs / 60_000) {
      throw new UsageError(
        `\`--window\` must match the profile's window (${profile.windowMs / 60_000} min), received ${values.window}`,
      );
    }
    const detector = new AnomalyDetector({ profile, windowMinutes, minScore, warmupHours });
    const out = new BufferedOutput(io.stdout);
    const bySeverity: Record<string, number> = {};
    const emit = async (findings: readonly Finding[]): Promise<void> => {
      for (const f of findings) {
        bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
        await out.write(format === 'jsonl' ? `${JSON.stringify(f)}\n` : `${findingTableRows(f).join('\n')}\n`);
      }
    };
    if (format === 'table') await out.write(`${FINDINGS_TABLE_HEADER}\n`);
    const started = Date.now();
    const stats = await streamInputs(
      inputs,
      io,
      { kind, errors: values.errors, label: 'detect' },
      (record) => {
        const findings = detector.observeLog(record);
        return findings.length > 0 ? emit(findings) : undefined;
      },
      () => `${detector.stats.findings} findings`,
    );
    await emit(detector.flush());
    await out.flush();
    if (values['save-profile']) {
      writeFileSync(resolve(io.cwd, values['save-profile']), JSON.stringify(detector.profile.toJSON()));
    }
    const seconds = (Date.now() - started) / 1000;
    const severities = Object.entries(bySeverity)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    println(
      io.stderr,
      `${stats.records} records (${detector.stats.events} CloudTrail events, ${detector.stats.otherRecords} other, ` +
        `${detector.stats.skipped} not scored), ${detector.stats.findings} findings${severities ? ` (${severities})` : ''}, ` +
        `${stats.rejected} rejected from ${inputs.length} input(s) in ${seconds.toFixed(1)} s` +
        `${stats.rejected > 0 && values.errors ? ` (rejections in ${values.errors})` : ''}` +
        `${detector.stats.pendingDropped > 0 ? `; ${detector.stats.pendingDropped} events not held for window re-scoring (limit reached)` : ''}`,
    );
    return stats.rejected > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  },
};
