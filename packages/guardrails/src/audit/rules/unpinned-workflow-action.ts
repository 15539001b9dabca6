import { GlobalIssue, GlobalRule } from '../rule';

/** `uses:` references that are pinned: a full commit SHA, a local action, or a digest-pinned image. */
export function isPinnedReference(ref: string): boolean {
  if (ref.startsWith('./') || ref.startsWith('../')) return true;
  if (ref.startsWith('docker://')) return /@sha256:[0-9a-f]{64}$/.test(ref);
  return /@[0-9a-f]{40}$/.test(ref);
}

/** Medium: a workflow step or job that uses an action by a mutable tag or branch. */
export const unpinnedWorkflowAction: GlobalRule = {
  id: 'unpinned-workflow-action',
  title: 'GitHub Actions are pinned by commit SHA',
  severity: 'Medium',
  scope: 'repository',
  checklist: 'Backlog P0-SEC-03: pin GitHub Actions by commit SHA; audit template: unpinned workflow action (Medium)',
  remediation:
    'Reference the action by its full commit SHA (add it to PINNED_ACTIONS in projenrc/github-actions.ts and use pinnedAction()).',
  check({ repository }) {
    if (!repository) return undefined;
    const issues: GlobalIssue[] = [];
    for (const file of repository.workflows) {
      file.text.split('\n').forEach((line, i) => {
        const m = /^\s*(?:-\s*)?uses:\s*["']?([^\s"'#]+)/.exec(line);
        if (m && !isPinnedReference(m[1])) {
          issues.push({ file: file.path, line: i + 1, reason: `${m[1]} is not pinned to a commit SHA` });
        }
      });
    }
    return issues;
  },
};
