import { TextFile, YamlFile, github, javascript } from 'projen';
import { pinnedAction } from './github-actions';

type Step = github.workflows.JobStep;
const READ = github.workflows.JobPermission.READ;
const WRITE = github.workflows.JobPermission.WRITE;

/** Where CI leaves what reviewers download: the synthesized app and the template bundles. */
const ARTIFACT_PATHS = ['packages/constructs/cdk.out', 'packages/proton-bundler/dist/proton'];

/** Reviewer checklist of the seeds' PR gate, adapted to this repository. */
export const PULL_REQUEST_TEMPLATE = [
  '## What and why',
  '',
  '<!-- One paragraph. Link the issue. -->',
  '',
  '## Reviewer checklist',
  '',
  '- [ ] IaC complete: every resource is in the CDK app; no manual console step.',
  '- [ ] Alarms and dashboards updated for new resources; alarms route to the alerts topic.',
  '- [ ] Tags `Application`, `Environment`, `CostCenter` on every taggable resource (the tag test passes).',
  '- [ ] Secrets come from Secrets Manager / SSM Parameter Store; nothing in plaintext (`aad-guard secrets` is clean).',
  '- [ ] Rollback described: how to revert this change (stack and model package) and what data it keeps.',
  '- [ ] No deploy command outside the deploy gate (`npx projen guard` passes).',
  '- [ ] Policy packs clean: any new acknowledgement has a specific reason and a test that fails without it.',
  '- [ ] Docs and ADRs updated where a package boundary or data format changed.',
];

function setupSteps(project: javascript.NodeProject): Step[] {
  return project.renderWorkflowSetup({ mutable: false });
}

function checkoutStep(): Step {
  return { name: 'Checkout', uses: pinnedAction('actions/checkout'), with: { 'persist-credentials': false } };
}

/** Build workflow: the generated `build.yml` runs the same tasks as `.ci/run`, then publishes artifacts. */
export function configureBuildWorkflow(project: javascript.NodeProject): void {
  const build = project.buildWorkflow;
  if (!build) {
    throw new Error('the workspace needs its build workflow');
  }
  build.addPostBuildSteps({
    name: 'Upload synthesized app and template bundles',
    uses: pinnedAction('actions/upload-artifact'),
    with: { name: 'cdk-out-and-bundles', path: ARTIFACT_PATHS.join('\n'), 'if-no-files-found': 'error' },
  });
  // Runs on pull requests (projen's default) and on every push to main.
  project.github!.tryFindWorkflow('build')!.on({ pullRequest: {}, push: { branches: ['main'] }, workflowDispatch: {} });
}

/**
 * `deploy.yml`: manual only, behind a protected environment, and the deploy
 * gate runs in dry-run mode: it prints the plan and never deploys by itself.
 * Each job gets the OIDC role input of its own responsibility; only the
 * deploy job may request an OIDC token.
 */
export function addDeployWorkflow(project: javascript.NodeProject): void {
  const wf = project.github!.addWorkflow('deploy');
  wf.on({
    workflowDispatch: {
      inputs: {
        environment: {
          description: 'Target environment (dev or prod)',
          required: true,
          type: 'choice',
          options: ['dev', 'prod'],
        },
        synth_role_arn: { description: 'OIDC role for read-only synth and diff', required: true, type: 'string' },
        artifacts_role_arn: { description: 'OIDC role for model artifact upload', required: true, type: 'string' },
        deploy_role_arn: { description: 'OIDC role for the stack deploy', required: true, type: 'string' },
      },
    },
  });
  const env = '${{ inputs.environment }}';
  const guard = (args: string): string => `pnpm --filter @aad/guardrails run aad-guard ${args}`;
  wf.addJobs({
    plan: {
      name: 'Plan (read-only synth, audit, cost)',
      runsOn: ['ubuntu-latest'],
      permissions: { contents: READ },
      env: { OIDC_ROLE_ARN: '${{ inputs.synth_role_arn }}' },
      steps: [
        checkoutStep(),
        ...setupSteps(project),
        { name: 'Build, synthesize and bundle', run: 'pnpm exec projen build' },
        { name: 'Deploy plan (dry-run)', run: guard(`deploy --env ${env}`) },
        {
          name: 'Upload plan inputs',
          uses: pinnedAction('actions/upload-artifact'),
          with: { name: `plan-${env}`, path: ARTIFACT_PATHS.join('\n') },
        },
      ],
    },
    artifacts: {
      name: 'Model package (dry-run upload plan)',
      needs: ['plan'],
      runsOn: ['ubuntu-latest'],
      permissions: { contents: READ },
      env: { OIDC_ROLE_ARN: '${{ inputs.artifacts_role_arn }}' },
      steps: [
        checkoutStep(),
        ...setupSteps(project),
        { name: 'Compile', run: 'pnpm exec projen compile' },
        { name: 'Model package plan (dry-run)', run: guard(`model package --env ${env}`) },
      ],
    },
    deploy: {
      name: 'Deploy gate (dry-run, manual approval)',
      needs: ['plan', 'artifacts'],
      runsOn: ['ubuntu-latest'],
      environment: env,
      permissions: { contents: READ, idToken: WRITE },
      env: { OIDC_ROLE_ARN: '${{ inputs.deploy_role_arn }}' },
      steps: [
        checkoutStep(),
        ...setupSteps(project),
        {
          name: 'Download plan inputs',
          uses: pinnedAction('actions/download-artifact'),
          with: { name: `plan-${env}`, path: '.' },
        },
        { name: 'Compile', run: 'pnpm exec projen compile' },
        {
          name: 'Deploy gate (dry-run: prints the plan and the exact command; never deploys)',
          run: guard(`deploy --env ${env}`),
        },
      ],
    },
  });
}

/** Dependabot, CODEOWNERS: repository files that belong with the workflows. */
export function addRepositoryHygiene(project: javascript.NodeProject): void {
  new YamlFile(project, '.github/dependabot.yml', {
    obj: {
      version: 2,
      updates: [
        {
          'package-ecosystem': 'npm',
          directory: '/',
          schedule: { interval: 'weekly' },
          groups: { 'aws-sdk': { patterns: ['@aws-sdk/*'] } },
        },
        { 'package-ecosystem': 'github-actions', directory: '/', schedule: { interval: 'weekly' } },
      ],
    },
  });
  new TextFile(project, '.github/CODEOWNERS', {
    lines: [
      '# Generated by projen (projenrc/workflows.ts). Every path needs a maintainer review;',
      '# infrastructure, guardrails and CI also need the platform-security team.',
      '*                           @aad-maintainers',
      '/packages/constructs/       @aad-maintainers @aad-platform-security',
      '/packages/guardrails/       @aad-maintainers @aad-platform-security',
      '/.github/                   @aad-maintainers @aad-platform-security',
      '/projenrc/                  @aad-maintainers @aad-platform-security',
      '/config/                    @aad-maintainers @aad-platform-security',
    ],
  });
}
