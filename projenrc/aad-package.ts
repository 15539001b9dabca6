import { javascript, typescript } from 'projen';
import { VERSIONS } from './versions';

/** Options every workspace package passes to {@link AadPackage}. */
export interface AadPackageOptions {
  /** Folder under `packages/` and unscoped package name (`core` → `@aad/core`). */
  readonly dir: string;
  /** One-line purpose, used as the package.json description. */
  readonly description: string;
  /** Runtime dependencies (name@version). */
  readonly deps?: string[];
  /** Development dependencies (name@version). */
  readonly devDeps?: string[];
  /** Workspace packages this one depends on; they must come earlier in the build order. */
  readonly workspaceDeps?: AadPackage[];
  /**
   * Minimum coverage (lines and branches, percent) enforced by `test`.
   * Raise it as tests grow; never lower it.
   * @default 70
   */
  readonly coverage?: number;
  /**
   * Dependency name prefixes this package must never depend on (e.g. AWS SDK
   * in core). Synthesis throws when one appears.
   * @default - none
   */
  readonly forbiddenDependencyPrefixes?: string[];
  /** Executables: command name → path relative to the package (e.g. `lib/cli/main.js`). */
  readonly bin?: Record<string, string>;
}

/**
 * Base class of every `@aad/*` package: shared compiler, lint and jest
 * defaults, and rules that make a wrong dependency fail `npx projen`
 * instead of a review.
 */
export class AadPackage extends typescript.TypeScriptProject {
  /** Unscoped name, also the folder under `packages/`. */
  public readonly dir: string;
  private readonly forbidden: string[];

  constructor(parent: typescript.TypeScriptProject, options: AadPackageOptions) {
    const coverage = options.coverage ?? 70;
    super({
      parent,
      outdir: `packages/${options.dir}`,
      name: `@aad/${options.dir}`,
      description: options.description,
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.PNPM,
      pnpmVersion: VERSIONS.pnpm,
      typescriptVersion: VERSIONS.typescript,
      minNodeVersion: VERSIONS.node,
      projenVersion: VERSIONS.projen,
      license: 'Apache-2.0',
      copyrightOwner: 'Access Anomaly Detector authors',
      sampleCode: false,
      release: false,
      package: false,
      depsUpgrade: false,
      github: false,
      prettier: true,
      prettierOptions: { settings: { singleQuote: true, printWidth: 120 } },
      eslint: true,
      // CI fails on any lint finding; run `pnpm exec projen eslint --fix` locally.
      eslintOptions: { dirs: ['src'], devdirs: ['test'], commandOptions: { fix: false } },
      deps: options.deps,
      devDeps: [...(options.devDeps ?? [])],
      bin: options.bin,
      tsconfig: {
        compilerOptions: {
          // Node 20 supports ES2022 natively: no down-levelling of classes/async.
          target: 'ES2022',
          lib: ['es2022'],
          skipLibCheck: true,
        },
      },
      tsconfigDev: {
        compilerOptions: {
          target: 'ES2022',
          lib: ['es2022'],
          skipLibCheck: true,
          // ts-jest transpiles file by file: about 3x faster and lighter suites.
          isolatedModules: true,
        },
      },
      jestOptions: {
        jestVersion: VERSIONS.jest,
        updateSnapshot: javascript.UpdateSnapshot.NEVER,
        passWithNoTests: false,
        jestConfig: {
          coverageThreshold: { lines: coverage, branches: coverage },
          coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
          testPathIgnorePatterns: ['/node_modules/', '/lib/'],
        },
      },
    });
    this.dir = options.dir;
    this.forbidden = options.forbiddenDependencyPrefixes ?? [];

    for (const dep of options.workspaceDeps ?? []) {
      this.addDeps(`${dep.package.packageName}@workspace:*`);
    }
    this.gitignore.exclude('/coverage/', '/lib/', '/dist/', '/bench-results/');
    // projen ignores `logs` (log folders) by default; here src/logs/ is source code.
    this.gitignore.removePatterns('logs');
    applyLintPolicy(this);
  }

  public override preSynthesize(): void {
    super.preSynthesize();
    const offending = this.deps.all
      .map((dep) => dep.name)
      .filter((name) => this.forbidden.some((prefix) => name === prefix || name.startsWith(prefix)));
    if (offending.length > 0) {
      throw new Error(
        `${this.package.packageName} must not depend on ${offending.join(', ')} ` +
          `(forbidden prefixes: ${this.forbidden.join(', ')})`,
      );
    }
  }
}

/**
 * Lint policy shared by every TypeScript project of the workspace: the
 * typescript-eslint recommended set on top of projen's rules, no `any`, and
 * library code that never imports a CLI. projen switches two base rules off
 * only to replace them with their typescript-eslint versions; those entries
 * are dropped so that no rule reads as disabled.
 */
export function applyLintPolicy(project: typescript.TypeScriptProject, restrictCli = true): void {
  const eslint = project.eslint!;
  eslint.addExtends('plugin:@typescript-eslint/recommended');
  eslint.addRules({ '@typescript-eslint/no-explicit-any': 'error' });
  if (restrictCli) {
    eslint.addRules({
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/!(cli)/**/*',
              from: './src/cli',
              message: 'library code must not import the CLI; move shared code out of src/cli',
            },
          ],
        },
      ],
    });
  }
  const file = project.tryFindObjectFile('.eslintrc.json')!;
  file.addDeletionOverride('rules.no-shadow');
  file.addDeletionOverride('rules.no-return-await');
}
