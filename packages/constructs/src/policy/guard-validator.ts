import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { dirname, join, parse } from 'node:path';
import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
  PolicyViolationBeta1,
} from 'aws-cdk-lib';

/** Properties of {@link GuardValidator}. */
export interface GuardValidatorProps {
  /**
   * Rule names (guard file names without `.guard`) to leave out. Prefer an
   * acknowledgement on the construct (`cdk-validator-cfnguard::<rule>`).
   * @default - none
   */
  readonly disabledRules?: readonly string[];
}

/** Package root of `@cdklabs/cdk-validator-cfnguard` (its cfn-guard binaries and Control Tower rules). */
function packageRoot(): string {
  return dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
}

/** The bundled cfn-guard binary for this machine. */
export function guardBinary(root = packageRoot()): string {
  const os = platform() === 'darwin' ? 'macos' : 'ubuntu';
  const cpu = arch() === 'arm64' ? 'aarch64' : 'x86_64';
  return join(root, 'bin', os, cpu, 'cfn-guard');
}

interface GuardRule {
  readonly file: string;
  readonly name: string;
  readonly resourceTypes: ReadonlySet<string>;
}

let ruleIndex: GuardRule[] | undefined;

/** Every bundled Control Tower guard rule with the resource types it inspects (read once per process). */
export function bundledGuardRules(root = packageRoot()): GuardRule[] {
  if (ruleIndex) return ruleIndex;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.guard')) files.push(full);
    }
  };
  walk(join(root, 'rules', 'control-tower', 'cfn-guard'));
  ruleIndex = files.sort().map((file) => ({
    file,
    name: parse(file).name,
    resourceTypes: new Set(readFileSync(file, 'utf8').match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? []),
  }));
  return ruleIndex;
}

/**
 * cfn-guard with the Control Tower proactive controls bundled in
 * `@cdklabs/cdk-validator-cfnguard` (same binary, same rules, offline), as a
 * CDK validation plugin named like the upstream one (`cdk-validator-cfnguard`,
 * so acknowledgements read `cdk-validator-cfnguard::<rule>`). Two changes:
 * only rules that inspect a resource type present in the templates run
 * (the others are "not applicable" anyway; this saves seconds per synth),
 * and the cfn-guard JSON is read with a tolerant parser (the upstream
 * 0.0.62 parser throws "Cannot read properties of undefined (reading 'to')"
 * on several current rules, which hides every finding). See ADR 0006.
 */
export class GuardValidator implements IPolicyValidationPluginBeta1 {
  public readonly name = 'cdk-validator-cfnguard';
  public readonly version: string;
  private readonly disabled: ReadonlySet<string>;
  private readonly root: string;

  constructor(props: GuardValidatorProps = {}) {
    this.root = packageRoot();
    this.version = (JSON.parse(readFileSync(join(this.root, 'package.json'), 'utf8')) as { version: string }).version;
    this.disabled = new Set(props.disabledRules ?? []);
  }

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const binary = guardBinary(this.root);
    if (!existsSync(binary)) throw new Error(`cfn-guard binary not found at ${binary}`);
    const rules = bundledGuardRules(this.root).filter((r) => !this.disabled.has(r.name));
    // One cfn-guard process per template, run in parallel (at most one per CPU), each with only
    // the rules that inspect a resource type the template has.
    const jobs = context.templatePaths
      .map((template) => {
        const body = JSON.parse(readFileSync(template, 'utf8')) as { Resources?: Record<string, { Type?: string }> };
        const types = new Set(Object.values(body.Resources ?? {}).map((r) => r.Type ?? ''));
        const files = rules.filter((r) => [...r.resourceTypes].some((t) => types.has(t))).map((r) => r.file);
        return { template, args: guardArgs(files, [template]) };
      })
      .filter((job) => job.args.includes('--rules'));
    const outputs = runInParallel(
      binary,
      jobs.map((j) => j.args),
      Math.max(1, Math.min(cpus().length, 4)),
    );
    const violations = outputs.flatMap((stdout) => parseGuardOutput(stdout));
    return { success: violations.length === 0, violations, pluginVersion: this.version };
  }
}

function guardArgs(ruleFiles: readonly string[], templates: readonly string[]): string[] {
  return [
    'validate',
    ...ruleFiles.flatMap((file) => ['--rules', file]),
    ...templates.flatMap((t) => ['--data', t]),
    '--output-format',
    'json',
    '--show-summary',
    'none',
    '--structured',
  ];
}

/**
 * Runs cfn-guard once per argument list, `parallel` at a time, and returns
 * each stdout. Validation plugins are synchronous, so a child Node process
 * drives the parallel runs and the parent waits for it.
 */
function runInParallel(binary: string, argLists: readonly string[][], parallel: number): string[] {
  if (argLists.length === 0) return [];
  const driver = `
    const { spawn } = require('node:child_process');
    const [binary, lists, parallel] = JSON.parse(process.argv[1]);
    const out = new Array(lists.length);
    let next = 0, running = 0, failed = null;
    const start = () => {
      while (running < parallel && next < lists.length) {
        const i = next++; running++;
        const child = spawn(binary, lists[i]);
        const chunks = []; const errs = [];
        child.stdout.on('data', (c) => chunks.push(c));
        child.stderr.on('data', (c) => errs.push(c));
        child.on('close', (code) => {
          running--;
          // 0: compliant, 19: non-compliant; anything else is a failure of cfn-guard itself.
          if (code !== 0 && code !== 19) failed = 'cfn-guard exit ' + code + ': ' + Buffer.concat(errs).toString();
          out[i] = Buffer.concat(chunks).toString();
          if (next < lists.length) start();
          else if (running === 0) finish();
        });
      }
    };
    const finish = () => {
      if (failed) { process.stderr.write(failed); process.exit(2); }
      process.stdout.write(JSON.stringify(out));
    };
    start();
  `;
  const run = spawnSync(process.execPath, ['-e', driver, JSON.stringify([binary, argLists, parallel])], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`cfn-guard failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as string[];
}

/**
 * Turns cfn-guard `--structured` JSON into CDK violations: one per rule and
 * template, with every `/Resources/<id>/…` path found under the rule's
 * checks, and the Control Tower `[CT.X.PR.n]` description and `[FIX]`.
 */
export function parseGuardOutput(stdout: string): PolicyViolationBeta1[] {
  const results = JSON.parse(stdout) as { name: string; not_compliant?: unknown }[];
  const violations: PolicyViolationBeta1[] = [];
  for (const result of results) {
    const failed = Array.isArray(result.not_compliant)
      ? result.not_compliant
      : Object.values(result.not_compliant ?? {});
    for (const entry of failed) {
      const rule = (entry as { Rule?: unknown }).Rule ?? entry;
      const ruleName = (rule as { name?: string }).name ?? 'unknown-rule';
      const locations = new Map<string, Set<string>>();
      const messages: string[] = [];
      collect(rule, locations, messages);
      const message = messages.find((m) => m.includes('[FIX]')) ?? messages[0] ?? ruleName;
      const lines = message
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const fix = lines.find((l) => l.startsWith('[FIX]'))?.replace(/^\[FIX\]:\s*/, '');
      const description = lines.find((l) => !l.startsWith('[FIX]')) ?? ruleName;
      if (locations.size === 0) locations.set('(template)', new Set(['/']));
      violations.push({
        ruleName,
        description,
        fix,
        severity: 'error',
        violatingResources: [...locations].map(([resourceLogicalId, paths]) => ({
          resourceLogicalId,
          locations: [...paths],
          templatePath: result.name,
        })),
      });
    }
  }
  return violations;
}

function collect(node: unknown, locations: Map<string, Set<string>>, messages: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, locations, messages);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'path' && typeof value === 'string') {
      const match = /^\/Resources\/([^/]+)/.exec(value);
      if (match) {
        const paths = locations.get(match[1]) ?? new Set<string>();
        paths.add(value);
        locations.set(match[1], paths);
      }
    } else if (key === 'custom_message' && typeof value === 'string') {
      messages.push(value);
    } else {
      collect(value, locations, messages);
    }
  }
}
