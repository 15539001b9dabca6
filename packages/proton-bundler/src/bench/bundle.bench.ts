import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles, writeBuild } from '../bundle/build-bundles';
import { readCloudAssembly } from '../bundle/cloud-assembly';

/** Options of {@link runBundleBench}. */
export interface BundleBenchOptions {
  /** Cloud assembly to bundle. */
  readonly cdkOut: string;
  /**
   * In-process repetitions (the first one is reported apart: it loads the modules).
   * @default 5
   */
  readonly iterations?: number;
  /**
   * Also time one `node lib/cli/main.js build` in a fresh process (Node start-up included).
   * @default true
   */
  readonly coldProcess?: boolean;
}

/** What {@link runBundleBench} measured; times in milliseconds. */
export interface BundleBenchResult {
  readonly cdkOut: string;
  readonly stacks: number;
  readonly templates: number;
  readonly bundleBytes: number;
  readonly iterations: number;
  readonly firstMs: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  /** Fresh `node` process running `proton-bundle build`, or undefined when not measured. */
  readonly coldProcessMs?: number;
  /** The target: bundling everything under 5 s. */
  readonly targetMs: 5000;
  readonly withinTarget: boolean;
}

async function timeBuild(cdkOut: string, outDir: string): Promise<{ ms: number; templates: number; bytes: number }> {
  const started = process.hrtime.bigint();
  const result = await buildBundles({ cdkOut });
  writeBuild(result, outDir);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    ms,
    templates: result.manifest.templates.length,
    bytes: result.manifest.templates.reduce((n, t) => n + t.bundle.size + t.serviceCatalog.size, 0),
  };
}

/**
 * Times the whole bundling (read cdk.out, detach, map, bundle, tar+gzip,
 * validate, write) in-process and once in a fresh process.
 *
 * @example await runBundleBench({ cdkOut: '../constructs/cdk.out' })
 */
export async function runBundleBench(options: BundleBenchOptions): Promise<BundleBenchResult> {
  const iterations = Math.max(1, options.iterations ?? 5);
  const out = mkdtempSync(join(tmpdir(), 'aad-bundle-bench-'));
  try {
    const first = await timeBuild(options.cdkOut, out);
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push((await timeBuild(options.cdkOut, out)).ms);
    times.sort((a, b) => a - b);
    let coldProcessMs: number | undefined;
    const cli = join(__dirname, '..', 'cli', 'main.js');
    if ((options.coldProcess ?? true) && existsSync(cli)) {
      const started = process.hrtime.bigint();
      const child = spawnSync(process.execPath, [cli, 'build', '--cdk-out', options.cdkOut, '--out', out], {
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`proton-bundle build failed in a fresh process: ${child.stderr}`);
      coldProcessMs = Number(process.hrtime.bigint() - started) / 1e6;
    }
    const worst = Math.max(times[times.length - 1], first.ms, coldProcessMs ?? 0);
    return {
      cdkOut: options.cdkOut,
      stacks: readCloudAssembly(options.cdkOut).length,
      templates: first.templates,
      bundleBytes: first.bytes,
      iterations,
      firstMs: first.ms,
      minMs: times[0],
      medianMs: times[Math.floor(times.length / 2)],
      maxMs: times[times.length - 1],
      ...(coldProcessMs === undefined ? {} : { coldProcessMs }),
      targetMs: 5000,
      withinTarget: worst < 5000,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The result as the table the `bench` task prints. */
export function renderBenchTable(r: BundleBenchResult): string {
  const row = (k: string, v: string): string => `| ${k.padEnd(36)} | ${v.padStart(14)} |`;
  const ms = (v: number): string => `${v.toFixed(1)} ms`;
  return [
    `proton-bundler bench: ${r.cdkOut}`,
    row('metric', 'value'),
    `|${'-'.repeat(38)}|${'-'.repeat(16)}|`,
    row('stacks in cdk.out', String(r.stacks)),
    row('templates bundled', String(r.templates)),
    row('bundles + SC templates (bytes)', String(r.bundleBytes)),
    row('first build in process', ms(r.firstMs)),
    row(`build, min of ${r.iterations}`, ms(r.minMs)),
    row(`build, median of ${r.iterations}`, ms(r.medianMs)),
    row(`build, max of ${r.iterations}`, ms(r.maxMs)),
    ...(r.coldProcessMs === undefined ? [] : [row('fresh process (node start-up incl.)', ms(r.coldProcessMs))]),
    row('target: everything under', ms(r.targetMs)),
    row('within target', r.withinTarget ? 'yes' : 'NO'),
    '',
  ].join('\n');
}

async function benchMain(): Promise<void> {
  const { values } = parseArgs({
    options: { 'cdk-out': { type: 'string' }, iterations: { type: 'string' }, out: { type: 'string' } },
  });
  const real = resolve('..', 'constructs', 'cdk.out');
  const fixture = resolve('test', '_fixtures', 'cdk.out');
  const cdkOut = values['cdk-out']
    ? resolve(values['cdk-out'])
    : existsSync(join(real, 'manifest.json'))
      ? real
      : fixture;
  if (cdkOut === fixture) process.stderr.write(`note: ${real} has no synth; benchmarking the test fixture\n`);
  const result = await runBundleBench({ cdkOut, iterations: Number(values.iterations ?? 5) });
  process.stdout.write(renderBenchTable(result));
  const file = resolve(values.out ?? join('bench-results', 'proton-bundler.json'));
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
  if (!result.withinTarget) process.exitCode = 1;
}

if (require.main === module) {
  benchMain().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
