import { github, javascript, typescript } from 'projen';
import { applyLintPolicy } from './aad-package';
import { pinAllActions } from './github-actions';
import { VERSIONS } from './versions';
import { PULL_REQUEST_TEMPLATE, addDeployWorkflow, addRepositoryHygiene, configureBuildWorkflow } from './workflows';

/** pnpm fetched through npx: the one way to get the pinned pnpm on a fresh machine (corepack fails here). */
export const PNPM = `npx -y pnpm@${VERSIONS.pnpm}`;

/** Runs `script` in every workspace package that has it, in dependency order, one at a time. */
export function forEachPackage(script: string): string {
  return `pnpm -r --workspace-concurrency=1 --if-present run ${script}`;
}

/**
 * The workspace root: owns the generated CI, the fan-out tasks and the
 * repository-wide checks. Packages are added by `.projenrc.ts`, one line each.
 */
export class AadWorkspace extends typescript.TypeScriptProject {
  /**
   * @param outdir where to synthesize; tests must pass a fresh temporary
   *   directory (projen's test default is the working directory when that is
   *   under the OS temp folder, and `Testing.synth` deletes its outdir).
   */
  constructor(outdir?: string) {
    super({
      outdir,
      name: 'aad-workspace',
      description: 'Access Anomaly Detector: finds suspicious access in AWS security logs',
      defaultReleaseBranch: 'main',
      projenrcTs: true,
      packageManager: javascript.NodePackageManager.PNPM,
      pnpmVersion: VERSIONS.pnpm,
      typescriptVersion: VERSIONS.typescript,
      minNodeVersion: VERSIONS.node,
      workflowNodeVersion: VERSIONS.workflowNode,
      projenVersion: VERSIONS.projen,
      license: 'Apache-2.0',
      copyrightOwner: 'Access Anomaly Detector authors',
      srcdir: 'projenrc',
      testdir: 'test',
      sampleCode: false,
      release: false,
      package: false,
      depsUpgrade: false,
      prettier: true,
      prettierOptions: { settings: { singleQuote: true, printWidth: 120 } },
      eslint: true,
      eslintOptions: { dirs: ['projenrc'], devdirs: ['test'], commandOptions: { fix: false } },
      jestOptions: {
        jestVersion: VERSIONS.jest,
        updateSnapshot: javascript.UpdateSnapshot.NEVER,
        passWithNoTests: false,
        jestConfig: { coverageThreshold: { lines: 70, branches: 70 } },
      },
      tsconfig: { compilerOptions: { target: 'ES2022', lib: ['es2022'], skipLibCheck: true } },
      tsconfigDev: { compilerOptions: { target: 'ES2022', lib: ['es2022'], skipLibCheck: true } },
      devDeps: [`pnpm@${VERSIONS.pnpm}`, `ts-node@10.9.2`],
      pnpmOptions: {
        workspaceYamlOptions: {
          packages: ['packages/*'],
          onlyBuiltDependencies: ['esbuild', 'classic-level'],
          // Optional native file watcher pulled in by a dev tool; nothing here watches files.
          ignoredBuiltDependencies: ['@parcel/watcher'],
        },
      },
      githubOptions: { mergify: false, pullRequestLint: false },
      pullRequestTemplateContents: PULL_REQUEST_TEMPLATE,
      buildWorkflowOptions: {
        mutableBuild: false,
        permissions: { contents: github.workflows.JobPermission.READ },
      },
    });
    this.gitignore.exclude('/cdk.out/', '/dist/', '/audit_artifacts/', '/bench-results/', '/coverage/', '/lib/');
    // projen ignores `logs` (log folders) by default; here src/logs/ is source code.
    this.gitignore.removePatterns('logs');
    applyLintPolicy(this, false);
    this.configureTasks();
    pinAllActions(this.github!);
    configureBuildWorkflow(this);
    addDeployWorkflow(this);
    addRepositoryHygiene(this);
  }

  private configureTasks(): void {
    // The no-deploy lock runs first, from sources (no compile needed), so a
    // planted deploy command fails the build before anything else happens.
    const guard = this.addTask('guard', {
      description: 'No-deploy lock: fail on any deploy command not behind --apply and ALLOW_AWS_DEPLOY=1',
      exec: 'ts-node --transpile-only -P packages/guardrails/tsconfig.json packages/guardrails/src/cli/main.ts no-deploy .',
    });
    this.preCompileTask.spawn(guard);

    // The root build is locked; fan each phase out over the packages in
    // dependency order (pnpm -r sorts topologically).
    this.compileTask.reset();
    this.compileTask.exec(forEachPackage('pre-compile'));
    this.compileTask.exec(forEachPackage('compile'));
    this.compileTask.exec(forEachPackage('post-compile'));

    const synth = this.addTask('synth', {
      description: 'Synthesize the CDK app (dev and prod) into packages/constructs/cdk.out',
      exec: 'pnpm --filter @aad/constructs run synth',
    });
    const bundle = this.addTask('bundle', {
      description: 'Build the Proton / Service Catalog template bundles from cdk.out',
      exec: 'pnpm --filter @aad/proton-bundler run bundle',
    });
    this.postCompileTask.spawn(synth);
    this.postCompileTask.spawn(bundle);

    const lint = this.addTask('lint', { description: 'ESLint over the root and every package' });
    lint.spawn(this.tasks.tryFind('eslint')!);
    lint.exec(forEachPackage('eslint'));
    this.addTask('lint:fix', {
      description: 'ESLint with --fix (Prettier formatting included) over the root and every package',
      steps: [{ spawn: 'eslint', args: ['--fix'] }, { exec: `${forEachPackage('eslint')} --fix` }],
    });

    // Root test: projenrc tests + lint (from projen), then every package's jest + eslint.
    this.testTask.exec(forEachPackage('test'));

    this.addTask('bench', {
      description: 'Run every package benchmark (prints a table, writes bench-results/*.json)',
      exec: forEachPackage('bench'),
    });
    this.addTask('eval', {
      description: 'Evaluate entity extraction and detection quality (prints tables, writes JSON)',
      exec: forEachPackage('eval'),
    });
    this.addTask('demo', {
      description: 'Build, synthesize the dev app and run the detector on the bundled sample',
      steps: [{ spawn: 'compile' }, { spawn: 'synth' }, { exec: 'pnpm --filter @aad/core run demo' }],
    });

    // The README's two commands: each installs first, so they work on a fresh clone.
    this.package.setScript('demo', 'pnpm install --frozen-lockfile && projen demo');
    this.package.setScript('test:all', 'pnpm install --frozen-lockfile && projen build');
  }
}
