import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders never scanned by the repository scans: dependencies, build output, VCS data, generated reports. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'lib',
  'dist',
  'cdk.out',
  'coverage',
  'test-reports',
  'bench-results',
  'audit_artifacts',
  '.jsii',
]);

/** Extensions of binary files that a text scan skips. */
const BINARY = /\.(png|jpe?g|gif|ico|zip|gz|tgz|tar|woff2?|ttf|pdf|wasm|node|bin|onnx|pt|tsbuildinfo)$/i;

/** Files under `root` (relative, `/`-separated, sorted), skipping {@link SKIPPED_DIRS}, binaries and files over `maxBytes`. */
export function listRepositoryFiles(root: string, maxBytes = 2_000_000): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry)) walk(path);
      } else if (stat.isFile() && !BINARY.test(entry) && stat.size <= maxBytes) {
        out.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return out;
}

/** A glob (`*`, `**`, `?`) over `/`-separated paths as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') {
      re += '[^/]*';
    } else if (ch === '?') {
      re += '[^/]';
    } else {
      re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}
