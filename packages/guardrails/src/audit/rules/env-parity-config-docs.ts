import { GlobalIssue, GlobalRule } from '../rule';

/**
 * Medium: an `AAD_*` variable the config loader reads that docs/config.md does
 * not mention, or one a workflow sets that the loader does not know (the
 * loader rejects unknown `AAD_*` variables, so every command fails there).
 */
export const envParityConfigDocs: GlobalRule = {
  id: 'env-parity-config-docs',
  title: 'Every AAD_* variable the config loader reads is documented',
  severity: 'Medium',
  scope: 'repository',
  checklist: 'Audit template 2.1: everything configurable via env, documented with safe defaults',
  remediation:
    'Regenerate the reference (node packages/core/lib/cli/main.js config --docs > docs/config.md); rename workflow variables that are not configuration keys so they do not start with AAD_.',
  check({ repository }) {
    const vars = repository?.configVariables;
    const docs = repository?.configDocs;
    if (!vars) return undefined;
    if (!docs) return [{ reason: 'the configuration reference docs/config.md is missing' }];
    const issues: GlobalIssue[] = [];
    for (const file of repository?.workflows ?? []) {
      file.text.split('\n').forEach((line, i) => {
        const m = /^\s*(AAD_[A-Z0-9_]+)\s*:/.exec(line);
        if (m && !vars.includes(m[1])) {
          issues.push({
            file: file.path,
            line: i + 1,
            reason: `${m[1]} is set here but names no configuration key: the config loader rejects it`,
          });
        }
      });
    }
    for (const v of vars) {
      if (!new RegExp(`\\b${v}\\b`).test(docs.text)) {
        issues.push({ file: docs.path, reason: `${v} is read by the config loader but not documented` });
      }
    }
    return issues;
  },
};
