import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors';
import { annotateCloudTrailEvent } from '../../synthetic/annotate';
import { generateDataset } from '../../synthetic/generate';
import { Command } from '../command';
import { ExitCode, println } from '../io';

/** Parses a non-negative integer option or throws a usage error naming it. */
export function intOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`\`--${name}\` must be an integer of at least ${min}, received ${value}`);
  }
  return Number(value);
}

/** `aad generate`: the reproducible synthetic corpus. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'Write a reproducible synthetic corpus (CloudTrail, VPC flow, text) with gold entities',
  help: `Usage: aad generate --seed N --events M --out DIR [options]

Writes, into DIR, byte-identical output for the same options:
  cloudtrail.jsonl       benign CloudTrail events (plus attack events with --attacks), in time order
  vpcflow-v2.log         VPC flow log lines, default version 2 format
  vpcflow-v5.log         VPC flow log lines, custom version 5 format with a header line
  text.log               free-text log lines (alerts, tickets, syslog) with entities mid-sentence
  gold.jsonl             gold entity mentions of every record (field path or span)
  attacks.labels.jsonl   labels of injected attack events (empty without --attacks)
  world.json             the simulated organisation: accounts, principals and their habits, resources
  manifest.json          seed, counts and SHA-256 of every file

Options:
  --seed N          seed (required)
  --events M        benign CloudTrail events (required)
  --out DIR         output folder, created if needed (required)
  --attacks         inject the labelled attack scenarios
  --vpc-lines N     VPC flow lines (default: events / 5)
  --text-lines N    free-text lines (default: events / 5)
  --days N          simulated days (default 14)
  --accounts N      simulated AWS accounts (default 4)

Exit codes: 0 written, 2 usage error.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        seed: { type: 'string' },
        events: { type: 'string' },
        out: { type: 'string' },
        attacks: { type: 'boolean' },
        'vpc-lines': { type: 'string' },
        'text-lines': { type: 'string' },
        days: { type: 'string' },
        accounts: { type: 'string' },
      },
      strict: true,
    });
    if (values.seed === undefined || values.events === undefined || values.out === undefined) {
      throw new UsageError('`--seed`, `--events` and `--out` are required');
    }
    const started = Date.now();
    const manifest = await generateDataset({
      seed: intOption('seed', values.seed, 0),
      events: intOption('events', values.events, 0),
      outDir: resolve(io.cwd, values.out),
      attacks: values.attacks ?? false,
      annotate: annotateCloudTrailEvent,
      ...(values['vpc-lines'] !== undefined ? { vpcLines: intOption('vpc-lines', values['vpc-lines'], 0) } : {}),
      ...(values['text-lines'] !== undefined ? { textLines: intOption('text-lines', values['text-lines'], 0) } : {}),
      ...(values.days !== undefined ? { days: intOption('days', values.days, 14, 1) } : {}),
      ...(values.accounts !== undefined ? { accounts: intOption('accounts', values.accounts, 4, 1) } : {}),
    });
    for (const [file, info] of Object.entries(manifest.files)) {
      println(
        io.stderr,
        `${file.padEnd(22)} ${String(info.records).padStart(8)} records  sha256 ${info.sha256.slice(0, 16)}…`,
      );
    }
    println(
      io.stderr,
      `generated seed ${manifest.seed}: ${manifest.events} benign events, ${manifest.attackEvents} attack events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return ExitCode.OK;
  },
};
