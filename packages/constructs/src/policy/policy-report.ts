import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { documentedWildcards } from '../rules/iam-wildcard-resource-allowlist';

/** The parts of CDK's `validation-report.json` the policy report reads. */
interface CdkValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly pluginVersion?: string;
    readonly conclusion?: string;
    readonly metadata?: Record<string, string>;
    readonly violations?: CdkViolation[];
    readonly suppressedViolations?: (CdkViolation & { readonly acknowledgedId?: string; readonly reason?: string })[];
  }[];
}

interface CdkViolation {
  readonly ruleName: string;
  readonly description?: string;
  readonly severity?: string;
  readonly violatingConstructs?: { readonly constructPath?: string }[];
}

/** Findings of one plugin on one stack. */
export interface PluginSection {
  readonly plugin: string;
  readonly version?: string;
  /** Set when the plugin itself failed (e.g. could not run). */
  readonly error?: string;
  readonly violations: {
    readonly rule: string;
    readonly description: string;
    readonly severity: string;
    readonly paths: string[];
  }[];
  readonly acknowledged: {
    readonly rule: string;
    readonly acknowledgedId: string;
    readonly reason: string;
    readonly paths: string[];
  }[];
}

/** Machine-readable policy report of one stack (`<outdir>/<stack>.policy-report.json`). */
export interface StackPolicyReport {
  readonly schemaVersion: 1;
  readonly stack: string;
  readonly passed: boolean;
  readonly totals: { readonly violations: number; readonly acknowledged: number };
  readonly plugins: PluginSection[];
  /** `*`-resource actions that pass because AWS requires `*` for them, with the documented reason. */
  readonly documentedWildcards: { readonly path: string; readonly action: string; readonly reason: string }[];
}

/** Splits CDK's validation report by stack (the first segment of each construct path). */
export function buildPolicyReports(
  report: CdkValidationReport | undefined,
  stacks: readonly Stack[],
): StackPolicyReport[] {
  return stacks.map((stack) => {
    const name = stack.stackName;
    const inStack = (v: CdkViolation): string[] =>
      (v.violatingConstructs ?? [])
        .map((c) => c.constructPath ?? '')
        .filter((p) => p === stack.node.path || p.startsWith(`${stack.node.path}/`));
    const plugins: PluginSection[] = (report?.pluginReports ?? []).map((plugin) => ({
      plugin: plugin.pluginName,
      version: plugin.pluginVersion,
      error: plugin.metadata?.error,
      violations: (plugin.violations ?? [])
        .map((v) => ({
          rule: v.ruleName,
          description: v.description ?? '',
          severity: v.severity ?? 'error',
          paths: inStack(v),
        }))
        .filter((v) => v.paths.length > 0),
      acknowledged: (plugin.suppressedViolations ?? [])
        .map((v) => ({
          rule: v.ruleName,
          acknowledgedId: v.acknowledgedId ?? v.ruleName,
          reason: v.reason ?? '',
          paths: inStack(v),
        }))
        .filter((v) => v.paths.length > 0),
    }));
    const errors = plugins.filter((p) => p.error !== undefined).length;
    const violations = plugins.reduce((n, p) => n + p.violations.reduce((m, v) => m + v.paths.length, 0), 0) + errors;
    const acknowledged = plugins.reduce((n, p) => n + p.acknowledged.reduce((m, v) => m + v.paths.length, 0), 0);
    const wildcards = stack.node
      .findAll()
      .filter(CfnResource.isCfnResource)
      .flatMap((node) => documentedWildcards(node).map((w) => ({ path: node.node.path, ...w })));
    return {
      schemaVersion: 1,
      stack: name,
      passed: violations === 0,
      totals: { violations, acknowledged },
      plugins,
      documentedWildcards: wildcards,
    };
  });
}

/** Reads `<outdir>/validation-report.json` when it exists. */
export function readValidationReport(outdir: string): CdkValidationReport | undefined {
  const file = join(outdir, 'validation-report.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CdkValidationReport) : undefined;
}

/** Writes one `<stack>.policy-report.json` per stack; returns the files. */
export function writePolicyReports(outdir: string, reports: readonly StackPolicyReport[]): string[] {
  return reports.map((report) => {
    const file = join(outdir, `${report.stack}.policy-report.json`);
    writeFileSync(file, `${JSON.stringify(report, undefined, 2)}\n`);
    return file;
  });
}

/** Text summary for the synth output: one row per stack and plugin, then every violation. */
export function formatSummary(reports: readonly StackPolicyReport[]): string {
  const rows: string[][] = [['stack', 'plugin', 'violations', 'acknowledged']];
  for (const r of reports) {
    for (const p of r.plugins) {
      const v = p.violations.reduce((n, x) => n + x.paths.length, 0) + (p.error ? 1 : 0);
      const a = p.acknowledged.reduce((n, x) => n + x.paths.length, 0);
      rows.push([r.stack, p.plugin, String(v), String(a)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) =>
    row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of reports) {
    for (const p of r.plugins) {
      if (p.error) lines.push(`FAIL ${r.stack} ${p.plugin}: ${p.error.trim()}`);
      for (const v of p.violations) {
        for (const path of v.paths) lines.push(`FAIL ${p.plugin} ${v.rule} at ${path}: ${v.description}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
