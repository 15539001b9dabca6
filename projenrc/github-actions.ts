import { github } from 'projen';

/**
 * Every third-party GitHub Action the generated workflows use, pinned by full
 * commit SHA. projen cannot emit an inline `# vX.Y.Z` comment next to a
 * `uses:` line (the comment would become part of the reference), so the
 * version each SHA stands for lives here. Dependabot (github-actions
 * ecosystem) proposes updates; update the SHA and version together.
 */
export const PINNED_ACTIONS: Readonly<Record<string, { readonly sha: string; readonly version: string }>> = {
  'actions/checkout': { sha: '11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  'actions/setup-node': { sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  'pnpm/action-setup': { sha: 'a7487c7e89a18df4991f7f222e4898a00d66ddda', version: 'v4.1.0' },
  'actions/upload-artifact': { sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', version: 'v4.6.2' },
  'actions/download-artifact': { sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093', version: 'v4.3.0' },
  'actions/github-script': { sha: '60a0d83039c74a4aee543508d2ffcb1c3799cdea', version: 'v7.0.1' },
};

/** `owner/action@<sha>` for a pinned action; throws for an action not in the table. */
export function pinnedAction(name: string): string {
  const pin = PINNED_ACTIONS[name];
  if (!pin) {
    throw new Error(`GitHub Action '${name}' is not pinned: add it to PINNED_ACTIONS in projenrc/github-actions.ts`);
  }
  return `${name}@${pin.sha}`;
}

/**
 * Replaces every `uses: owner/action@<tag>` that projen's own components emit
 * with the pinned SHA, so no generated workflow references a mutable tag.
 */
export function pinAllActions(gh: github.GitHub): void {
  for (const name of Object.keys(PINNED_ACTIONS)) {
    gh.actions.set(name, pinnedAction(name));
  }
}
