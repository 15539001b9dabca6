import { typescript } from 'projen';
import { AadPackage } from '../aad-package';
import { pinnedAction } from '../github-actions';
import { VERSIONS, awsSdk, pinned } from '../versions';
import { CorePackage } from './core';

/** Where the package's checks read the synthesized app (relative to `packages/guardrails`). */
const CDK_OUT = '../constructs/cdk.out';
/** Where CI finds what the checks and the SBOM task write (relative to the repository root). */
const AUDIT_ARTIFACTS = 'packages/guardrails/audit_artifacts';
const SBOM_FILE = 'packages/guardrails/dist/sbom/aad-workspace.cdx.json';

/** `@aad/guardrails`: everything between a synthesized template and a real AWS account. */
export class GuardrailsPackage extends AadPackage {
  constructor(parent: typescript.TypeScriptProject, core: CorePackage) {
    super(parent, {
      dir: 'guardrails',
      description: 'No-deploy lock, deploy gate, template audit, cost estimate, secret scan, model packaging',
      workspaceDeps: [core],
      coverage: 85,
      deps: [
        pinned('yaml', VERSIONS.yaml),
        ...awsSdk('client-s3'),
        '@secretlint/node@13.0.6',
        '@secretlint/secretlint-rule-preset-recommend@13.0.7',
        // Deterministic zips (fixed mtime, sorted entries) and unzip for verification; no native code.
        'fflate@0.8.3',
      ],
      devDeps: [pinned('aws-sdk-client-mock', VERSIONS.awsSdkClientMock), '@cyclonedx/cyclonedx-npm@6.0.1'],
      bin: { 'aad-guard': 'lib/cli/main.js' },
    });
    this.gitignore.exclude('/audit_artifacts/');
    this.addTask('aad-guard', {
      description: 'Run the aad-guard CLI from the compiled sources (arguments follow)',
      exec: 'node lib/cli/main.js',
      receiveArgs: true,
    });

    // What CI runs after jest: the audit of our own dev and prod templates,
    // the cost check against each budget, the secret scan and the PII scan.
    const check = this.addTask('check', {
      description: 'Audit the synthesized dev/prod templates, check cost against budget, scan for secrets and PII',
      steps: [
        { exec: `node lib/cli/main.js audit --cdk-out ${CDK_OUT} --out audit_artifacts --repo ../..` },
        { exec: `node lib/cli/main.js cost --env dev --cdk-out ${CDK_OUT}` },
        { exec: `node lib/cli/main.js cost --env prod --cdk-out ${CDK_OUT}` },
        { exec: 'node lib/cli/main.js secrets --root ../..' },
        { exec: 'node lib/cli/main.js pii --root ../..' },
      ],
    });
    this.testTask.spawn(check);

    this.addTask('bench', {
      description: 'Time the guardrail suite (audit + cost + secrets + no-deploy); prints a table, writes JSON',
      exec: `node lib/cli/suite.bench.js --cdk-out ${CDK_OUT} --repo ../..`,
    });

    this.addTask('sbom', {
      description: 'CycloneDX SBOM of the whole workspace (dist/sbom/aad-workspace.cdx.json)',
      steps: [
        { exec: 'mkdir -p dist/sbom' },
        {
          // cyclonedx-npm reads the tree with `npm ls`: under `pnpm run`, npm_execpath names pnpm, so unset
          // it to make the tool find npm. pnpm's layout makes `npm ls` report errors that do not affect the SBOM.
          exec: 'env -u npm_execpath cyclonedx-npm --ignore-npm-errors --output-format JSON --output-file dist/sbom/aad-workspace.cdx.json ../../package.json',
        },
      ],
    });

    const build = parent.buildWorkflow;
    if (!build) {
      throw new Error('@aad/guardrails publishes the SBOM and audit artifacts through the build workflow');
    }
    build.addPostBuildSteps(
      { name: 'Workspace SBOM (CycloneDX)', run: 'pnpm --filter @aad/guardrails run sbom' },
      {
        name: 'Upload SBOM and audit artifacts',
        uses: pinnedAction('actions/upload-artifact'),
        with: {
          name: 'sbom-and-audit',
          path: [SBOM_FILE, AUDIT_ARTIFACTS].join('\n'),
          'if-no-files-found': 'error',
        },
      },
    );
  }
}
