import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
  Validations,
} from 'aws-cdk-lib';
import { ENVIRONMENTS, buildApp } from '../app/detector-app';
import { GuardValidator } from '../policy/guard-validator';
import { nagPacks } from '../policy/policy-packs';

/** One timed phase of the synth benchmark. */
export interface SynthPhase {
  readonly phase: string;
  readonly ms: number;
}

/** Wraps a validation plugin to time its `validate` call. */
function timed(plugin: IPolicyValidationPluginBeta1, phases: SynthPhase[]): IPolicyValidationPluginBeta1 {
  return {
    name: plugin.name,
    version: plugin.version,
    ruleIds: plugin.ruleIds,
    validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
      const started = process.hrtime.bigint();
      const report = plugin.validate(context);
      phases.push({ phase: `plugin ${plugin.name}`, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      return report;
    },
  };
}

/**
 * Times the full synthesis `synth` runs (dev and prod, both stacks, every
 * pack, CDK's built-in validation on), phase by phase. Target: under 60 s.
 */
export function benchSynth(): { phases: SynthPhase[]; totalMs: number; findings: number } {
  const outdir = mkdtempSync(join(tmpdir(), 'aad-synth-bench-'));
  const phases: SynthPhase[] = [];
  const started = Date.now();
  try {
    const built = buildApp({ outdir, policyChecks: false });
    phases.push({
      phase: `build ${built.stacks.length} stacks (${ENVIRONMENTS.join(', ')})`,
      ms: Date.now() - started,
    });
    const plugins = [...nagPacks(built.app), new GuardValidator()].map((p) =>
      timed(p as IPolicyValidationPluginBeta1, phases),
    );
    Validations.of(built.app).addPlugins(...plugins);
    const synthStarted = Date.now();
    let findings = 0;
    try {
      built.app.synth();
    } catch (error) {
      if (!/Validation failed/.test((error as Error).message)) throw error;
      findings = 1;
    }
    const pluginMs = phases.filter((p) => p.phase.startsWith('plugin')).reduce((n, p) => n + p.ms, 0);
    phases.push({ phase: 'synthesis, assets and CDK built-in validation', ms: Date.now() - synthStarted - pluginMs });
    return { phases, totalMs: Date.now() - started, findings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'true';
  const result = benchSynth();
  const rows = result.phases.map((p) => `${p.phase.padEnd(52)} ${p.ms.toFixed(0).padStart(8)} ms`);
  process.stdout.write(
    `${rows.join('\n')}\n${'total (target < 60000 ms)'.padEnd(52)} ${String(result.totalMs).padStart(8)} ms\n`,
  );
  process.stdout.write(
    `cpus ${cpus().length}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; findings ${result.findings ? 'yes' : 'none'}\n`,
  );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    join('bench-results', 'constructs-synth.json'),
    `${JSON.stringify({ benchmark: 'constructs-synth', date: new Date().toISOString(), cpus: cpus().length, loadavg: loadavg(), targetMs: 60000, ...result }, undefined, 2)}\n`,
  );
  process.exitCode = result.totalMs < 60000 && result.findings === 0 ? 0 : 1;
}
