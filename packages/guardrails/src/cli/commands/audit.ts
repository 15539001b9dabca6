import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCloudAssembly, stacksWithPrefix } from '../../assembly/cloud-assembly';
import { withoutInventory, writeAuditArtifacts } from '../../audit/artifacts';
import { runAudit } from '../../audit/engine';
import { collectRepositoryFacts } from '../../audit/repository';
import { SEVERITIES } from '../../audit/rule';
import { cdkOutDir, findRepoRoot, loadEnvConfig } from '../context';
import { ExitCode, GuardCommand, println } from '../io';

/** `aad-guard audit`: the deploy-readiness audit of a synthesized app. */
export const auditCommand: GuardCommand = {
  name: 'audit',
  summary: 'Deploy-readiness audit of a synthesized CDK app (inventory, findings, summary)',
  help: `Usage: aad-guard audit [--cdk-out DIR] [--out DIR] [--env ENV] [--repo DIR | --no-repo] [--json]

Runs every rule of docs/audit-rules.md over every stack of a synthesized CDK
app (any app: nested stages and plain template folders work too) and, unless
--no-repo, the repository rules (pinned workflow actions, env parity between
the runtimes and the functions, AAD_* variables documented).

Writes into --out (default: audit_artifacts):
  infra_inventory.csv   one row per resource: stack, resource, type, encryption, tags, public exposure
  findings.json         every finding (format aad-audit/v1), counts per severity, skipped rules
  audit-summary.md      counts per severity and every finding with its fix

Options:
  --cdk-out DIR   synthesized app (default: packages/constructs/cdk.out of this repository)
  --env ENV       only the stacks of one environment (named <resourcePrefix>-* from config/ENV.yml)
  --repo DIR      repository root for the repository rules (default: found from the working directory)
  --no-repo       audit the app alone (repository rules are reported as skipped)
  --json          print findings.json to stdout instead of the summary

Exit codes: 0 no Critical or High finding, 1 a Critical or High finding, 2 usage error.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        'cdk-out': { type: 'string' },
        out: { type: 'string', default: 'audit_artifacts' },
        env: { type: 'string' },
        repo: { type: 'string' },
        'no-repo': { type: 'boolean', default: false },
        'config-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const cdkOut = cdkOutDir(io, values['cdk-out']);
    let assembly = loadCloudAssembly(cdkOut);
    if (values.env) {
      const config = await loadEnvConfig(values.env, io, values['config-dir']);
      assembly = stacksWithPrefix(assembly, config.resourcePrefix);
    }
    let repository;
    if (!values['no-repo']) {
      const root = values.repo ? resolve(io.cwd, values.repo) : findRepoRoot(io.cwd);
      const { AAD_CONFIG_SCHEMA, schemaLeaves } = await import('@aad/core');
      repository = collectRepositoryFacts(root, {
        schemaVariables: schemaLeaves(AAD_CONFIG_SCHEMA).map((l) => l.envVar),
      });
    }
    const report = runAudit({ assembly, repository });
    const files = writeAuditArtifacts(report, resolve(io.cwd, values.out));
    if (values.json) {
      println(
        io.stdout,
        JSON.stringify({ format: 'aad-audit/v1', ...withoutInventory(report), artifacts: files }, null, 2),
      );
    } else {
      println(
        io.stdout,
        `audit: ${report.stacks.length} stack(s), ${report.resourcesScanned} resources, ${report.rules.length} rules: ` +
          SEVERITIES.map((s) => `${s} ${report.counts[s]}`).join(', ') +
          (report.acknowledged.length > 0 ? `, acknowledged ${report.acknowledged.length}` : ''),
      );
      for (const f of report.findings) {
        const where = f.file
          ? `${f.file}${f.line ? `:${f.line}` : ''}`
          : [f.stack, f.logicalId].filter(Boolean).join('/');
        println(
          f.severity === 'Critical' || f.severity === 'High' ? io.stderr : io.stdout,
          `  ${f.severity.padEnd(8)} ${f.ruleId}  ${where}: ${f.reason}`,
        );
      }
      for (const s of report.skipped) println(io.stdout, `  skipped  ${s.ruleId}: ${s.reason}`);
      println(
        io.stdout,
        `audit: ${report.passed ? 'PASS' : 'FAIL (Critical or High findings)'}; artifacts in ${values.out}`,
      );
    }
    return report.passed ? ExitCode.PASS : ExitCode.FAILED;
  },
};
