import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPiiAllowlist } from '../../pii/allowlist';
import { DEFAULT_PII_SCOPE, scanPii } from '../../pii/pii-scan';
import { findRepoRoot } from '../context';
import { ExitCode, GuardCommand, println } from '../io';

/** `aad-guard pii`: the security-artifact validation stage (personal data in data and models). */
export const piiCommand: GuardCommand = {
  name: 'pii',
  summary: 'Scan entity lists, training data, fixtures and model artifacts for personal data',
  help: `Usage: aad-guard pii [--root DIR] [--allowlist FILE] [--path P]... [--json]

Scans entity lists, training data, test fixtures, model artifacts and config
(${DEFAULT_PII_SCOPE.join(', ')})
plus every --path (file or folder) for:
  email        addresses outside reserved domains (example.com/.net/.org, .test, .example, .invalid)
  phone        phone numbers (555-01xx fiction numbers are fine)
  person-name  person-like names in IAM identities (user/, assumed-role session, userName, principalId)
  account-id   12-digit account ids outside documentation placeholders (123456789012, 111122223333, repeated digits)
  ip-address   IPs outside documentation (RFC 5737, RFC 3849), private, loopback and link-local ranges
Values on the allowlist are counted, not reported. Emails, phones and names are masked in the output.

Allowlist (default packages/guardrails/allowlists/pii.allowlist.json):
  { "entries": [ { "value": "<exact>" | "pattern": "<regex>", "kind": "<kind, optional>",
                   "path": "<glob, optional>", "reason": "<why it is not personal data, ≥ 20 chars>" } ] }

Exit codes: 0 clean, 1 a finding outside the allowlist, 2 usage error (or a malformed allowlist).`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        root: { type: 'string' },
        allowlist: { type: 'string' },
        path: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const root = values.root ? resolve(io.cwd, values.root) : findRepoRoot(io.cwd);
    const allowlistFile = values.allowlist
      ? resolve(io.cwd, values.allowlist)
      : join(root, 'packages', 'guardrails', 'allowlists', 'pii.allowlist.json');
    const report = scanPii(root, loadPiiAllowlist(allowlistFile), {
      extraPaths: (values.path ?? []).map((p) => resolve(io.cwd, p)),
    });
    if (values.json) {
      println(io.stdout, JSON.stringify({ ...report, passed: report.findings.length === 0 }, null, 2));
    } else {
      for (const f of report.findings) println(io.stderr, `${f.file}:${f.line}:${f.column}: ${f.kind} ${f.value}`);
      println(
        io.stdout,
        `pii: ${report.filesScanned.length} files scanned, ${report.findings.length} finding(s), ${report.allowed} allowed by the allowlist`,
      );
    }
    return report.findings.length === 0 ? ExitCode.PASS : ExitCode.FAILED;
  },
};
