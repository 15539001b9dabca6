import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSecretAllowlist } from '../../secrets/allowlist';
import { scanSecrets } from '../../secrets/secret-scan';
import { findRepoRoot } from '../context';
import { ExitCode, GuardCommand, println } from '../io';

/** `aad-guard secrets`: secretlint over the repository with a reasoned allowlist. */
export const secretsCommand: GuardCommand = {
  name: 'secrets',
  summary: 'Secret scan of the repository (secretlint recommended preset + AWS key ids)',
  help: `Usage: aad-guard secrets [--root DIR] [--allowlist FILE] [--json]

Scans every text file of the repository (not node_modules, lib, dist, cdk.out,
coverage) with secretlint's recommended preset (AWS, GCP, GitHub, npm, Slack,
private keys, basic auth, …) with AWS access key ids switched on. Findings
covered by the allowlist are counted; any other finding fails.

Allowlist (default packages/guardrails/allowlists/secrets.allowlist.json):
  { "entries": [ { "path": "<glob>", "rule": "<secretlint rule id, optional>",
                   "reason": "<why this is not a secret, at least 20 characters>" } ] }

Exit codes: 0 clean, 1 a finding outside the allowlist, 2 usage error (or a malformed allowlist).`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        root: { type: 'string' },
        allowlist: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const root = values.root ? resolve(io.cwd, values.root) : findRepoRoot(io.cwd);
    const allowlistFile = values.allowlist
      ? resolve(io.cwd, values.allowlist)
      : join(root, 'packages', 'guardrails', 'allowlists', 'secrets.allowlist.json');
    const report = await scanSecrets(root, loadSecretAllowlist(allowlistFile));
    if (values.json) {
      println(io.stdout, JSON.stringify({ ...report, passed: report.findings.length === 0 }, null, 2));
    } else {
      for (const f of report.findings) println(io.stderr, `${f.file}:${f.line}:${f.column}: ${f.rule}: ${f.message}`);
      for (const e of report.unusedEntries) {
        println(io.stdout, `  unused allowlist entry: ${e.path} (${e.rule ?? 'any rule'})`);
      }
      println(
        io.stdout,
        `secrets: ${report.filesScanned} files scanned, ${report.findings.length} finding(s), ${report.allowed.length} allowed by the allowlist`,
      );
    }
    return report.findings.length === 0 ? ExitCode.PASS : ExitCode.FAILED;
  },
};
