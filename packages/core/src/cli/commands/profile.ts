import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkInputs, loadProfile, numberOption, parseWindow, streamInputs } from './detect';
import { toEventView } from '../../anomaly/event-view';
import { BaselineProfile } from '../../anomaly/profile/baseline-profile';
import { UsageError } from '../../errors';
import { LogKind } from '../../logs/log-record';
import { Command } from '../command';
import { CliIo, ExitCode, println } from '../io';

function describe(profile: BaselineProfile, bytes: number): string {
  const s = profile.stats();
  return (
    `${s.principals} principals, ${s.resources} resources, ${s.entries} sketch entries, ${s.windows} windows, ` +
    `${(bytes / 1024).toFixed(1)} KiB serialized (at most ${(profile.maxSerializedPrincipalBytes() / 1024).toFixed(1)} KiB per principal)`
  );
}

function write(profile: BaselineProfile, path: string, io: CliIo): number {
  const text = JSON.stringify(profile.toJSON());
  writeFileSync(resolve(io.cwd, path), text);
  return Buffer.byteLength(text);
}

const KINDS = ['auto', 'cloudtrail'] as const;

async function build(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      out: { type: 'string' },
      window: { type: 'string' },
      'half-life-days': { type: 'string' },
      'max-principals': { type: 'string' },
      kind: { type: 'string' },
      errors: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (!values.out) throw new UsageError('`--out` is required');
  const kind = (values.kind ?? 'auto') as (typeof KINDS)[number];
  if (!KINDS.includes(kind)) {
    throw new UsageError(`\`--kind\` must be one of ${KINDS.join(', ')}, received ${values.kind}`);
  }
  const inputs = positionals.length > 0 ? positionals : ['-'];
  checkInputs(inputs, io);
  const profile = new BaselineProfile({
    windowMinutes: parseWindow(values.window),
    halfLifeDays: numberOption('half-life-days', values['half-life-days'], 14, 1, 3650),
  });
  let events = 0;
  const started = Date.now();
  const stats = await streamInputs(
    inputs,
    io,
    { kind: kind as LogKind | 'auto', errors: values.errors, label: 'profile' },
    (record) => {
      if (record.kind !== 'cloudtrail') return;
      events++;
      profile.observe(toEventView(record.event));
    },
    () => `${profile.principals.size} principals`,
  );
  if (values['max-principals']) {
    profile.prune({ maxPrincipals: numberOption('max-principals', values['max-principals'], 0, 1, 1e9) });
  }
  const bytes = write(profile, values.out, io);
  println(
    io.stderr,
    `${stats.records} records, ${events} CloudTrail events learned, ${stats.rejected} rejected in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `profile ${values.out}: ${describe(profile, bytes)}`,
  );
  return stats.rejected > 0 ? ExitCode.PARTIAL : ExitCode.OK;
}

async function merge(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.out) throw new UsageError('`--out` is required');
  if (positionals.length < 1) throw new UsageError('name at least one profile to merge');
  const [first, ...rest] = positionals.map((p) => loadProfile(resolve(io.cwd, p)));
  for (const p of rest) first.mergeFrom(p);
  const bytes = write(first, values.out, io);
  println(io.stderr, `merged ${positionals.length} profile(s) into ${values.out}: ${describe(first, bytes)}`);
  return ExitCode.OK;
}

async function show(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('name one profile file');
  const path = resolve(io.cwd, positionals[0]);
  const profile = loadProfile(path);
  const bytes = Buffer.byteLength(JSON.stringify(profile.toJSON()));
  println(
    io.stdout,
    JSON.stringify(
      {
        ...profile.stats(),
        serializedBytes: bytes,
        maxBytesPerPrincipal: profile.maxSerializedPrincipalBytes(),
        windowMinutes: profile.windowMs / 60_000,
        halfLifeDays: profile.halfLifeMs / 86_400_000,
        latest: Number.isFinite(profile.latest) ? new Date(profile.latest).toISOString() : null,
      },
      null,
      2,
    ),
  );
  return ExitCode.OK;
}

/** `aad profile build|merge|show`: baseline profiles. */
export const profileCommand: Command = {
  name: 'profile',
  summary: 'Build, merge or inspect baseline profiles for detection',
  help: `Usage: aad profile build [FILES…|-] --out profile.json [options]
       aad profile merge A.json B.json … --out merged.json
       aad profile show profile.json

build   learns a baseline from CloudTrail history (same inputs as 'aad detect'):
        per principal, decayed counts of API calls, source IPs and /24 or /48
        networks, regions, user-agent families, error codes and resources, plus
        per-window event and error counts; per resource, the principals using it.
merge   combines profiles learned in parallel (shards, Lambdas): the merge is
        associative and commutative; the profiles must share their settings.
show    prints the size and settings of a profile.

Options of build:
  --out FILE             where to write the profile (required)
  --window LEN           volume window: minutes (60, 90m) or hours (1h) (default 60)
  --half-life-days N     time decay: an observation counts half after N days (default 14)
  --max-principals N     keep only the N most recently seen principals
  --kind KIND            auto or cloudtrail (default auto)
  --errors FILE          write rejected records there as JSON lines (default: stderr)

Size: at most about 17 KiB per principal and 1.3 KiB per resource serialized
(bounded sketches and windows); one principal always fits a DynamoDB item.
Exit codes: 0 done, 3 some records were rejected, 1 unreadable profile, 2 usage error.`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'build') return build(rest, io);
    if (sub === 'merge') return merge(rest, io);
    if (sub === 'show') return show(rest, io);
    throw new UsageError(sub === undefined ? 'name a subcommand: build, merge or show' : `unknown subcommand '${sub}'`);
  },
};
