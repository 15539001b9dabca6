import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

const REPO_CONFIG = join(__dirname, '..', '..', '..', '..', 'config');

/** Runs the CLI in-process and captures its output. */
async function run(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const io: CliIo = { stdin: Readable.from([]), stdout, stderr, env, cwd: process.cwd(), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('aad CLI', () => {
  it('prints usage and exits 2 without a command', async () => {
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/^Usage: aad <command>/);
  });

  it('lists every command in --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/demo\s+Detect attacks in a simulated day of CloudTrail logs/);
    expect(out).toMatch(/config\s+Validate and print/);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown command 'frobnicate'/);
  });

  it('prints a command help with --help', async () => {
    const { code, out } = await run(['config', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: aad config --env <name>/);
  });

  it('exits 2 on an unknown option', async () => {
    const { code, err } = await run(['config', '--bogus']);
    expect(code).toBe(2);
    expect(err).toMatch(/aad config: Unknown option '--bogus'/);
  });

  it('prints the resolved configuration with overrides', async () => {
    const { code, out } = await run(['config', '--env', 'dev', '--config-dir', REPO_CONFIG], {
      AAD_BUDGET_MONTHLY_USD: '99',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).budget.monthlyUsd).toBe(99);
  });

  it('exits 1 and lists problems for an invalid configuration', async () => {
    const { code, err } = await run(['config', '--env', 'dev', '--config-dir', REPO_CONFIG], {
      AAD_OBJECT_LOCK: 'perhaps',
    });
    expect(code).toBe(1);
    expect(err).toMatch(/invalid configuration:\nenvironment: AAD_OBJECT_LOCK: must be true, false, 1 or 0/);
  });

  it('runs the detector demo on a simulated day with attacks and prints the top findings', async () => {
    const { code, out } = await run(['demo', '--top', '3']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Simulated organisation \(seed 7\)/);
    expect(out).toMatch(/11\/11 scenarios flagged/);
    expect(out).toMatch(/score severity time/);
    expect(out).toMatch(/\n +\+\d+\.\d  /);
    expect(out).toMatch(/credential-exfiltration/);
  });

  it('scores the bundled sample in the demo', async () => {
    const { code, out } = await run(['demo', '--sample']);
    expect(code).toBe(0);
    expect(out).toMatch(/^12 events from .*cloudtrail-sample\.jsonl, 4 findings/);
    expect(out).toMatch(/StopLogging/);
    expect(out).toMatch(/→ restore-logging arn:aws:cloudtrail:us-east-1:111122223333:trail\/org-trail/);
  });

  it('reports and counts a malformed line in the demo input, exiting 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aad-demo-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"eventName":"A","userIdentity":{"arn":"x"}}\n{not json\n');
    const { code, out, err } = await run(['demo', '--input', file]);
    expect(code).toBe(3);
    expect(out).toMatch(/^1 events from /);
    expect(err).toMatch(/bad\.jsonl:2: rejected: not JSON/);
    expect((await run(['demo', '--input', join(dir, 'missing.jsonl')])).code).toBe(2);
    expect(err).toMatch(/1 record\(s\) rejected/);
  });
});
