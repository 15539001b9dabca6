import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { main } from './main';

/**
 * Times the guardrail suite that gates every build (audit + cost for both
 * environments + secrets + no-deploy), in-process, and writes
 * bench-results/guardrails-suite.json. Target: the whole suite under 30 s.
 */
async function bench(): Promise<void> {
  const { values } = parseArgs({
    options: { 'cdk-out': { type: 'string' }, repo: { type: 'string', default: '../..' } },
    strict: true,
  });
  const repo = resolve(values.repo!);
  const cdkOut = resolve(values['cdk-out'] ?? join(repo, 'packages', 'constructs', 'cdk.out'));
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const io = { stdout: sink, stderr: sink, env: {}, cwd: process.cwd() };
  const steps: [string, string[]][] = [
    [
      'audit (dev + prod)',
      [
        'audit',
        '--cdk-out',
        cdkOut,
        '--repo',
        repo,
        '--out',
        join(repo, 'packages', 'guardrails', 'bench-results', 'audit'),
      ],
    ],
    ['cost dev', ['cost', '--env', 'dev', '--cdk-out', cdkOut, '--config-dir', join(repo, 'config')]],
    ['cost prod', ['cost', '--env', 'prod', '--cdk-out', cdkOut, '--config-dir', join(repo, 'config')]],
    ['secrets', ['secrets', '--root', repo]],
    ['no-deploy', ['no-deploy', repo]],
  ];
  const rows: { step: string; ms: number; exitCode: number }[] = [];
  const started = performance.now();
  for (const [step, argv] of steps) {
    const t0 = performance.now();
    const exitCode = await main(argv, io);
    rows.push({ step, ms: Math.round(performance.now() - t0), exitCode });
  }
  const totalMs = Math.round(performance.now() - started);
  const width = Math.max(...rows.map((r) => r.step.length), 5);
  process.stdout.write(`${'step'.padEnd(width)}  ${'ms'.padStart(7)}  exit\n`);
  for (const r of rows) process.stdout.write(`${r.step.padEnd(width)}  ${String(r.ms).padStart(7)}  ${r.exitCode}\n`);
  process.stdout.write(`${'total'.padEnd(width)}  ${String(totalMs).padStart(7)}  (target < 30000 ms)\n`);
  const dir = join(repo, 'packages', 'guardrails', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'guardrails-suite.json'),
    `${JSON.stringify({ benchmark: 'guardrails-suite', targetMs: 30000, totalMs, steps: rows, node: process.version }, null, 2)}\n`,
  );
}

bench().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
