import { github, javascript, typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { pinnedAction } from '../github-actions';
import { VERSIONS, pinned } from '../versions';
import { ConstructsPackage } from './constructs';

/** Title of the issue the nightly drift workflow opens or updates. */
export const DRIFT_ISSUE_TITLE = 'Nightly template drift check failed on main';

/** Where the nightly workflow's drift step leaves its Markdown report. */
const DRIFT_REPORT = '${{ runner.temp }}/proton-drift.md';

/**
 * The github-script body: opens an issue with the drift report, or updates
 * the open one (found by title and author, since a token without push access
 * cannot set labels), using the workflow's own GITHUB_TOKEN only.
 */
const OPEN_OR_UPDATE_ISSUE = `const fs = require('fs');
const file = process.env.DRIFT_REPORT;
const report = fs.existsSync(file)
  ? fs.readFileSync(file, 'utf8')
  : 'The compile, synth or bundle step failed before the drift check could compare the templates; see the run log.';
const { owner, repo } = context.repo;
const run = \`\${context.serverUrl}/\${owner}/\${repo}/actions/runs/\${context.runId}\`;
const title = ${JSON.stringify(DRIFT_ISSUE_TITLE)};
const body = [
  report,
  '',
  \`Run: \${run}\`,
  '',
  'If the change is intended, accept it in a pull request: in packages/proton-bundler run',
  '\`npx projen drift:update\` and commit manifest.lock.json. Close this issue when the nightly check passes.',
].join('\\n');
const open = await github.paginate(github.rest.issues.listForRepo, {
  owner,
  repo,
  state: 'open',
  creator: 'github-actions[bot]',
  per_page: 100,
});
const existing = open.find((issue) => issue.title === title && !issue.pull_request);
if (existing) {
  await github.rest.issues.update({ owner, repo, issue_number: existing.number, body });
  await github.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: \`Still failing: \${run}\` });
  core.info(\`updated issue #\${existing.number}\`);
} else {
  const created = await github.rest.issues.create({ owner, repo, title, body, labels: ['proton-drift'] });
  core.info(\`opened issue #\${created.data.number}\`);
}
`;

/**
 * `proton-drift.yml`: every night on main, compile, synthesize, bundle and
 * compare with the committed lock file; on failure, open or update a GitHub
 * issue with the diff. Permissions: read the code, write issues, nothing else.
 */
export function addProtonDriftWorkflow(root: javascript.NodeProject): github.GithubWorkflow {
  const gh = root.github;
  if (!gh) throw new Error('the nightly drift workflow needs the workspace GitHub component');
  const wf = gh.addWorkflow('proton-drift');
  wf.on({ schedule: [{ cron: '17 3 * * *' }], workflowDispatch: {} });
  const dir = 'packages/proton-bundler';
  wf.addJobs({
    drift: {
      name: 'Template contract drift (nightly, main)',
      runsOn: ['ubuntu-latest'],
      if: "github.ref == 'refs/heads/main'",
      permissions: { contents: github.workflows.JobPermission.READ, issues: github.workflows.JobPermission.WRITE },
      steps: [
        { name: 'Checkout', uses: pinnedAction('actions/checkout'), with: { 'persist-credentials': false } },
        ...root.renderWorkflowSetup({ mutable: false }),
        { name: 'Compile', run: 'pnpm exec projen compile' },
        { name: 'Synthesize', run: 'pnpm exec projen synth' },
        { name: 'Bundle', workingDirectory: dir, run: 'node lib/cli/main.js build' },
        {
          id: 'drift',
          name: 'Drift check against manifest.lock.json',
          workingDirectory: dir,
          run: `node lib/cli/main.js drift --report "${DRIFT_REPORT}"`,
        },
        {
          name: 'Open or update the drift issue',
          if: 'failure()',
          uses: pinnedAction('actions/github-script'),
          env: { DRIFT_REPORT },
          with: { script: OPEN_OR_UPDATE_ISSUE },
        },
      ],
    },
  });
  return wf;
}

/** `@aad/proton-bundler`: deterministic Proton / Service Catalog bundles from the synthesized templates. */
export class ProtonBundlerPackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject, constructs: ConstructsPackage) {
    super(parent, {
      dir: 'proton-bundler',
      description: 'Template bundles and manifest from the synthesized stacks; dry-run publisher; drift check',
      workspaceDeps: [constructs],
      deps: [pinned('yaml', VERSIONS.yaml), 'tar-stream@3.2.2'],
      devDeps: ['@types/tar-stream@3.1.5', 'ajv@8.20.0'],
      bin: { 'proton-bundle': 'lib/cli/main.js' },
      coverage: 90,
    });
    const drift = this.addTask('drift', {
      description:
        'Compare dist/proton/manifest.json with manifest.lock.json; exit 1 on drift (accept with drift:update)',
      exec: 'node lib/cli/main.js drift',
    });
    // The root build runs `bundle` after `synth`: building includes the drift check, so CI fails on an unaccepted contract change.
    const bundle = this.addTask('bundle', {
      description:
        'Build the template bundles and dist/proton/manifest.json from ../constructs/cdk.out, then check drift',
      exec: 'node lib/cli/main.js build',
    });
    bundle.spawn(drift);
    this.addTask('drift:update', {
      description:
        'Accept a new template contract: rebuild the bundles and write them to manifest.lock.json (commit it)',
      steps: [{ exec: 'node lib/cli/main.js build' }, { exec: 'node lib/cli/main.js drift --update' }],
    });
    this.addTask('bench', {
      description: 'Time the bundling of everything (prints a table, writes bench-results/proton-bundler.json)',
      exec: 'node lib/bench/bundle.bench.js',
      receiveArgs: true,
    });
    addProtonDriftWorkflow(parent);
  }
}
