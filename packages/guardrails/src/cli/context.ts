import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AadConfig } from '@aad/core';
import { ExitCode, GuardIo, println } from './io';
import { CloudAssembly, loadCloudAssembly, stacksWithPrefix } from '../assembly/cloud-assembly';
import { AuditReport, runAudit } from '../audit/engine';
import { collectRepositoryFacts } from '../audit/repository';
import { CostEstimate, estimateCost } from '../cost/estimator';
import { GateResult, TEMPLATE_GATES, evaluateGates } from '../deploy/gates';
import { EnvironmentAllowlist, identityFromEnvironment } from '../deploy/identity';
import { shellQuote } from '../deploy/plan';
import { UsageError } from '../errors';

/** The repository root: the nearest folder at or above `start` with a `config/` of environments, else `start`. */
export function findRepoRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'config', 'dev.yml')) || existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

/** `--cdk-out` or the workspace's synthesized app. */
export function cdkOutDir(io: GuardIo, option: string | undefined): string {
  return option ? resolve(io.cwd, option) : join(findRepoRoot(io.cwd), 'packages', 'constructs', 'cdk.out');
}

/** `--config-dir` or `<repo>/config`. */
export function configDir(io: GuardIo, option: string | undefined): string {
  return option ? resolve(io.cwd, option) : join(findRepoRoot(io.cwd), 'config');
}

/** Loads `config/<env>.yml` through the single loader of `@aad/core` (loaded lazily: no-deploy must not need it). */
export async function loadEnvConfig(
  env: string | undefined,
  io: GuardIo,
  dirOption: string | undefined,
): Promise<AadConfig> {
  if (!env) throw new UsageError('--env is required (dev or prod)');
  const { loadConfig } = await import('@aad/core');
  return loadConfig(env, { configDir: configDir(io, dirOption), environ: io.env });
}

/** The deploy allowlists of every other environment in the config folder (to name cross-environment credentials). */
export async function otherAllowlists(
  env: string,
  io: GuardIo,
  dirOption: string | undefined,
): Promise<EnvironmentAllowlist[]> {
  const dir = configDir(io, dirOption);
  const others: EnvironmentAllowlist[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const other = file.replace(/\.ya?ml$/, '');
    if (other === env) continue;
    const config = await loadEnvConfig(other, io, dirOption);
    others.push({ env: other, ...config.deploy });
  }
  return others;
}

/** The stacks of one environment (named `<resourcePrefix>-…`); fails when there are none. */
export function environmentStacks(cdkOut: string, config: AadConfig): CloudAssembly {
  const assembly = stacksWithPrefix(loadCloudAssembly(cdkOut), config.resourcePrefix);
  if (assembly.stacks.length === 0) {
    throw new UsageError(
      `no stack named ${config.resourcePrefix}-* in ${cdkOut}: synthesize the ${config.environment} app first`,
    );
  }
  return assembly;
}

/** Cost estimate of an environment's stacks from its config. */
export function environmentCost(assembly: CloudAssembly, config: AadConfig): CostEstimate {
  return estimateCost(assembly, {
    region: config.region,
    budgetUsd: config.budget.monthlyUsd,
    usage: {
      ...config.usage,
      logGroupDays: config.retention.logGroupDays,
      findingsDays: config.retention.findingsDays,
    },
  });
}

/** Everything the gates need for one environment, evaluated. */
export async function gatesFor(
  env: string,
  config: AadConfig,
  assembly: CloudAssembly,
  io: GuardIo,
  dirOption: string | undefined,
): Promise<{ audit: AuditReport; cost: CostEstimate; gates: GateResult[] }> {
  // The repository rules (env parity, pinned actions) join the gate when run inside this repository.
  const root = findRepoRoot(io.cwd);
  const { AAD_CONFIG_SCHEMA, schemaLeaves } = await import('@aad/core');
  const repository = existsSync(join(root, 'config'))
    ? collectRepositoryFacts(root, { schemaVariables: schemaLeaves(AAD_CONFIG_SCHEMA).map((l) => l.envVar) })
    : undefined;
  const audit = runAudit({ assembly, repository });
  const cost = environmentCost(assembly, config);
  const gates = evaluateGates({
    env,
    environ: io.env,
    audit,
    cost,
    identity: identityFromEnvironment(io.env),
    target: { env, ...config.deploy },
    others: await otherAllowlists(env, io, dirOption),
  });
  return { audit, cost, gates };
}

/** Prints each gate; failing ones with how to pass them. */
export function printGates(io: GuardIo, gates: readonly GateResult[]): void {
  for (const g of gates) {
    println(io.stdout, `  [${g.passed ? 'pass' : 'FAIL'}] ${g.gate.padEnd(10)} ${g.detail}`);
    if (!g.passed) println(io.stdout, `               to pass: ${g.howToPass}`);
  }
}

/** Prints refusals on stderr, one line per failed gate: the gate, what it saw, how to pass it. */
export function printRefusal(io: GuardIo, command: string, failed: readonly GateResult[]): void {
  for (const g of failed) {
    println(io.stderr, `aad-guard ${command}: refused by gate '${g.gate}': ${g.detail}. To pass: ${g.howToPass}`);
  }
}

/** The default runner of the apply path: the command with inherited stdio. */
export function spawnCommand(argv: readonly string[]): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise(code ?? 1));
  });
}

/** `--env` limited to known choices. */
export function requireEnv(env: string | undefined, allowed: readonly string[]): string {
  if (!env) throw new UsageError(`--env is required (${allowed.join(' or ')})`);
  if (!allowed.includes(env)) {
    throw new UsageError(`--env must be ${allowed.join(' or ')}, received ${JSON.stringify(env)}`);
  }
  return env;
}

export function usd(n: number): string {
  return `${n.toFixed(2)} USD`;
}

/** What `deploy` and `destroy` start from: their options, the environment and its gates. */
export interface GatedRun {
  readonly apply: boolean;
  readonly json: boolean;
  readonly env: string;
  readonly config: AadConfig;
  readonly cdkOut: string;
  readonly assembly: CloudAssembly;
  readonly audit: AuditReport;
  readonly cost: CostEstimate;
  /** Every gate, for the plan. */
  readonly gates: GateResult[];
  /** The gates that refuse: all of them with --apply, those about the templates in dry-run. */
  readonly failed: GateResult[];
}

/**
 * Parses the options shared by `deploy` and `destroy`
 * (`--env --apply --cdk-out --config-dir --json`), loads the environment's
 * config and stacks and evaluates the gates. Makes no AWS call.
 */
export async function prepareGatedRun(
  args: readonly string[],
  io: GuardIo,
  environments: readonly string[],
): Promise<GatedRun> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      env: { type: 'string' },
      apply: { type: 'boolean', default: false },
      'cdk-out': { type: 'string' },
      'config-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const env = requireEnv(values.env, environments);
  const config = await loadEnvConfig(env, io, values['config-dir']);
  const cdkOut = cdkOutDir(io, values['cdk-out']);
  const assembly = environmentStacks(cdkOut, config);
  const { audit, cost, gates } = await gatesFor(env, config, assembly, io, values['config-dir']);
  const apply = values.apply ?? false;
  const considered = apply ? gates : gates.filter((g) => TEMPLATE_GATES.has(g.gate));
  return {
    apply,
    json: values.json ?? false,
    env,
    config,
    cdkOut,
    assembly,
    audit,
    cost,
    gates,
    failed: considered.filter((g) => !g.passed),
  };
}

/**
 * The end of `deploy` and `destroy` after the plan is printed: refuses when a
 * gate failed, stops in dry-run (printing `dryRunNote` unless --json), else
 * runs the command and reports its exit code.
 */
export async function finishGatedRun(
  io: GuardIo,
  run: GatedRun,
  verb: 'deploy' | 'destroy',
  command: readonly string[],
  dryRunNote: string,
): Promise<number> {
  if (run.failed.length > 0) {
    printRefusal(io, verb, run.failed);
    return ExitCode.FAILED;
  }
  if (!run.apply) {
    if (!run.json) println(io.stdout, dryRunNote);
    return ExitCode.PASS;
  }
  const code = await (io.runCommand ?? spawnCommand)(command);
  println(code === 0 ? io.stdout : io.stderr, `${verb}: ${shellQuote(command)} exited with ${code}`);
  return code === 0 ? ExitCode.PASS : ExitCode.FAILED;
}
