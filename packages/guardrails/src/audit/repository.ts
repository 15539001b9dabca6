import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RepositoryFacts, RepositoryFile } from './rule';
import { readRuntimeContract } from './runtime-contract';

/** Options of {@link collectRepositoryFacts}: where the conventional inputs live. */
export interface RepositoryLayout {
  /**
   * Runtimes package (its `src/handler-contract.ts` and handlers).
   * @default '<root>/packages/runtimes'
   */
  readonly runtimesDir?: string;
  /**
   * Sources of the config loader, scanned for `AAD_*` literals.
   * @default '<root>/packages/core/src/config'
   */
  readonly configSrcDir?: string;
  /**
   * Configuration reference.
   * @default '<root>/docs/config.md'
   */
  readonly configDocs?: string;
  /** `AAD_*` variables derived from the config schema (from `@aad/core`), when available. */
  readonly schemaVariables?: readonly string[];
}

function workflows(root: string): RepositoryFile[] {
  const dir = join(root, '.github', 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: `.github/workflows/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

function aadLiterals(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const file = join(dir, entry);
    if (!statSync(file).isFile() || !entry.endsWith('.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`](AAD_[A-Z0-9_]*[A-Z0-9])['"`]/g)) names.add(m[1]);
  }
  return [...names];
}

/** Reads what the repository rules need from a checkout; absent inputs make those rules report "skipped". */
export function collectRepositoryFacts(root: string, layout: RepositoryLayout = {}): RepositoryFacts {
  const runtimesDir = layout.runtimesDir ?? join(root, 'packages', 'runtimes');
  const configSrcDir = layout.configSrcDir ?? join(root, 'packages', 'core', 'src', 'config');
  const docsFile = layout.configDocs ?? join(root, 'docs', 'config.md');
  const literals = aadLiterals(configSrcDir);
  const configVariables =
    layout.schemaVariables || literals.length > 0
      ? [...new Set([...(layout.schemaVariables ?? []), ...literals])].sort()
      : undefined;
  return {
    root,
    workflows: workflows(root),
    handlerEnvironments: readRuntimeContract(runtimesDir, root),
    configVariables,
    configDocs: existsSync(docsFile)
      ? { path: relative(root, docsFile).split('\\').join('/'), text: readFileSync(docsFile, 'utf8') }
      : undefined,
  };
}
