import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { syntheticStream } from '../../src/eval/detect-synthetic';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CliIo = {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout,
    stderr,
    env: {},
    cwd: process.cwd(),
    stderrIsTTY: false,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

// These tests stream thousands of events through the CLI in-process: allow for a busy machine.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'aad-detect-'));
const SAMPLE = join(__dirname, '..', '..', 'samples', 'cloudtrail-sample.jsonl');

// Four simulated days: history (first three) and a day with attacks.
const { events, labels } = syntheticStream({ seed: 3, days: 4, accounts: 2, events: 6000, perScenario: 1 });
const cut = Date.parse(String(events[0].eventTime)) + 3 * 86_400_000;
const history = join(dir, 'history.jsonl');
const today = join(dir, 'today.jsonl');
writeFileSync(
  history,
  events
    .filter((e) => Date.parse(String(e.eventTime)) < cut)
    .map((e) => JSON.stringify(e))
    .join('\n'),
);
writeFileSync(
  today,
  events
    .filter((e) => Date.parse(String(e.eventTime)) >= cut)
    .map((e) => JSON.stringify(e))
    .join('\n'),
);

describe('aad detect', () => {
  it('prints one finding per line (the published schema) and a summary, exiting 0', async () => {
    const { code, out, err } = await run(['detect', SAMPLE]);
    expect(code).toBe(0);
    const findings = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { log_id: string; risk_score: number });
    expect(findings.map((f) => f.log_id.slice(-2))).toEqual(['09', '10', '11', '12']);
    expect(err).toMatch(
      /^12 records \(12 CloudTrail events, 0 other, 0 not scored\), 4 findings \(1 high, 3 critical\)/,
    );
  });

  it('reads stdin, prints a table, honours --min-score, and reports rejected lines with exit code 3', async () => {
    const input = `${readFileSync(SAMPLE, 'utf8')}{broken\n`;
    const { code, out, err } = await run(['detect', '-', '--format', 'table', '--min-score', '91'], input);
    expect(code).toBe(3);
    expect(out).toMatch(/^score severity time/);
    expect(out).toMatch(/ScheduleKeyDeletion/);
    expect(out).not.toMatch(/CreateAccessKey/);
    expect(err).toMatch(/rejected: -:13: invalid JSON/);
    expect(err).toMatch(/1 rejected from 1 input/);
  });

  it('learns a profile, detects the attack day against it, and saves the learned profile', async () => {
    const profile = join(dir, 'profile.json');
    const built = await run(['profile', 'build', history, '--out', profile, '--window', '1h']);
    expect(built.code).toBe(0);
    expect(built.err).toMatch(/CloudTrail events learned, 0 rejected .* profile .*profile\.json: \d+ principals/);
    const saved = join(dir, 'after.json');
    const { code, out } = await run(['detect', today, '--profile', profile, '--save-profile', saved]);
    expect(code).toBe(0);
    const flagged = new Set(
      out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { log_id: string }).log_id),
    );
    const attack = labels.filter((l) => flagged.has(l.logId)).length;
    expect(attack / labels.length).toBeGreaterThan(0.9);
    expect(existsSync(saved)).toBe(true);
    const shown = await run(['profile', 'show', saved]);
    expect(JSON.parse(shown.out)).toEqual(expect.objectContaining({ windowMinutes: 60, halfLifeDays: 14 }));
  });

  it('merges profiles', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await run(['profile', 'build', SAMPLE, '--out', a]);
    await run(['profile', 'build', today, '--out', b, '--max-principals', '3']);
    const merged = join(dir, 'merged.json');
    const { code, err } = await run(['profile', 'merge', a, b, '--out', merged]);
    expect(code).toBe(0);
    expect(err).toMatch(/merged 2 profile\(s\) into .*merged\.json: \d+ principals/);
  });

  it.each([
    [['detect', '--format', 'xml', SAMPLE], /`--format` must be jsonl or table, received xml/],
    [['detect', '--min-score', '120', SAMPLE], /`--min-score` must be a number from 0 to 100, received 120/],
    [['detect', '--window', '5d', SAMPLE], /`--window` must be minutes/],
    [['detect', '--kind', 'pdf', SAMPLE], /`--kind` must be one of/],
    [['detect', join(dir, 'missing.jsonl')], /no such file/],
    [['profile'], /name a subcommand: build, merge or show/],
    [['profile', 'build', SAMPLE], /`--out` is required/],
    [['profile', 'fold'], /unknown subcommand 'fold'/],
    [['profile', 'show'], /name one profile file/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('exits 1 naming the file when a profile cannot be read, and 2 when its window differs', async () => {
    const bad = join(dir, 'bad-profile.json');
    writeFileSync(bad, '{"format":"something-else"}');
    const { code, err } = await run(['detect', SAMPLE, '--profile', bad]);
    expect(code).toBe(1);
    expect(err).toMatch(/bad-profile\.json: profile: `format` must be 'aad-baseline-profile'/);
    writeFileSync(join(dir, 'not-json.json'), '{');
    expect((await run(['profile', 'show', join(dir, 'not-json.json')])).err).toMatch(/not-json\.json: not JSON/);
    const hourly = join(dir, 'hourly.json');
    await run(['profile', 'build', SAMPLE, '--out', hourly]);
    const mismatch = await run(['detect', SAMPLE, '--profile', hourly, '--window', '15']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toMatch(/must match the profile's window \(60 min\), received 15/);
  });
});

describe('aad eval detect', () => {
  it('prints the tables, writes the JSON result and exits by the targets', async () => {
    const json = join(dir, 'detect.json');
    const { code, out } = await run(['eval', 'detect', '--seed', '5', '--events', '4000', '--json', json]);
    expect([0, 1]).toContain(code);
    expect(out).toMatch(/Synthetic held-out set \(seed 5\)/);
    expect(out).toMatch(/Panther rule cases: 258 distinct events/);
    expect(out).toMatch(/Sigma \(DRL 1\.1\)/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { failures: string[]; synthetic: { seed: number } };
    expect(report.synthetic.seed).toBe(5);
    expect(code).toBe(report.failures.length === 0 ? 0 : 1);
  });

  it('rejects a datasets folder without the Panther file', async () => {
    const { code, err } = await run(['eval', 'detect', '--datasets', dir]);
    expect(code).toBe(2);
    expect(err).toMatch(/no panther-rule-cases\.jsonl in/);
  });
});
