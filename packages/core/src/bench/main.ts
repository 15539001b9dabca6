import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SUITES } from './index';

/**
 * Runs benchmark suites: `node lib/bench/main.js [SUITE…] [--quick] [--stream]`
 * (other `--flags` are passed to the suites). Prints
 * each table, writes `bench-results/<suite>.json`; exits 1 when a target is
 * missed (numbers on a busy machine are preliminary).
 */
export async function runBenchmarks(
  argv: readonly string[],
  resultsDir = 'bench-results',
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  const quick = argv.includes('--quick');
  const names = argv.filter((a) => !a.startsWith('--'));
  const suites = names.length > 0 ? BENCH_SUITES.filter((s) => names.includes(s.name)) : BENCH_SUITES;
  if (suites.length === 0) {
    log(`unknown suite(s) ${names.join(', ')}; known: ${BENCH_SUITES.map((s) => s.name).join(', ')}`);
    return 2;
  }
  mkdirSync(resultsDir, { recursive: true });
  let failed = false;
  for (const suite of suites) {
    const tmpDir = mkdtempSync(join(tmpdir(), `aad-bench-${suite.name}-`));
    try {
      log(`== bench ${suite.name}: ${suite.summary}${quick ? ' (quick)' : ''}`);
      const result = await suite.run({ quick, tmpDir, log, args: argv.filter((a) => a.startsWith('--')) });
      log(`${'metric'.padEnd(40)} ${'value'.padStart(12)} ${'unit'.padEnd(10)} target`);
      for (const m of result.metrics) {
        log(
          `${m.name.padEnd(40)} ${String(m.value).padStart(12)} ${m.unit.padEnd(10)} ${m.target ?? ''}${m.met === undefined ? '' : m.met ? '  ok' : '  MISSED'}`,
        );
        if (m.met === false) failed = true;
      }
      writeFileSync(
        join(resultsDir, `${suite.name}.json`),
        `${JSON.stringify({ ...result, quick, node: process.version, date: new Date().toISOString() }, null, 2)}\n`,
      );
    } finally {
      rmSync(tmpDir, { recursive: true, force: true });
    }
  }
  return failed && !quick ? 1 : 0;
}

if (require.main === module) {
  runBenchmarks(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
