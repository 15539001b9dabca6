import { GlobalIssue, GlobalRule } from '../rule';

/** Medium: an `AAD_*` variable the config loader reads that docs/config.md does not mention. */
export const envParityConfigDocs: GlobalRule = {
  id: 'env-parity-config-docs',
  title: 'Every AAD_* variable the config loader reads is documented',
  severity: 'Medium',
  scope: 'repository',
  checklist: 'Audit template 2.1: everything configurable via env, documented with safe defaults',
  remediation: 'Regenerate the reference: node packages/core/lib/cli/main.js config --docs > docs/config.md',
  check({ repository }) {
    const vars = repository?.configVariables;
    const docs = repository?.configDocs;
    if (!vars) return undefined;
    if (!docs) return [{ reason: 'the configuration reference docs/config.md is missing' }];
    const issues: GlobalIssue[] = [];
    for (const v of vars) {
      if (!new RegExp(`\\b${v}\\b`).test(docs.text)) {
        issues.push({ file: docs.path, reason: `${v} is read by the config loader but not documented` });
      }
    }
    return issues;
  },
};
